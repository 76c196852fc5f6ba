import { z } from 'zod';
import { isRecord, num } from './lenient';

/**
 * The settings Maestro keeps in IndexedDB's `settings` store (one record per key, the value
 * under `value`): one zod schema each, every field read on its own, so a broken field falls back
 * to its default and nothing saved can keep the app from starting.
 */

/** Anything that is not an object reads as an empty one: every field then takes its default. */
function settingsObject<T extends z.core.$ZodShape>(shape: T) {
	return z.preprocess((raw) => (isRecord(raw) ? raw : {}), z.object(shape));
}

/** A number held to `[min, max]` (rounded when `whole`), `fallback` when it is not one. */
function bounded([min, max]: readonly [number, number], fallback: number, whole = false) {
	return num
		.transform((value) => {
			const clamped = Math.min(max, Math.max(min, value));
			return whole ? Math.round(clamped) : clamped;
		})
		.catch(fallback);
}

/** `true`, and anything else `false`. */
const flag = z.unknown().transform((value) => value === true);

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

/** A base URL as the SDK wants it: trimmed, http(s), no trailing slash; undefined when unusable. */
export function cleanBaseUrl(value: string): string | undefined {
	try {
		const url = new URL(value.trim());
		if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
		return url.href.replace(/\/+$/, '');
	} catch {
		return undefined;
	}
}

/** The ranges the AI limits are held to. */
export const AI_OPTION_LIMITS = {
	concurrency: [1, 16],
	requestsPerMinute: [1, 600],
	timeoutS: [10, 900]
} as const;

/** A model id: trimmed, `fallback` when empty or not text. */
const modelId = (fallback: string) =>
	z
		.string()
		.transform((value) => value.trim())
		.pipe(z.string().min(1))
		.catch(fallback);

/** The AI endpoint settings (`ai-options`): which service, which models, how hard to push it. */
export const AiOptionsSchema = settingsObject({
	/** Any OpenAI-compatible base URL; OpenRouter by default. */
	baseUrl: z.string().transform(cleanBaseUrl).pipe(z.string()).catch(OPENROUTER_BASE_URL),
	/** Vision model that describes the clip. */
	contextModel: modelId('google/gemini-2.5-flash'),
	/** Chat model that writes the shots. */
	directorModel: modelId('google/gemini-2.5-flash'),
	/** Image-output model that renders shots. */
	imageModel: modelId('google/gemini-2.5-flash-image'),
	/** Image-to-video model that animates shots; empty for none (local pan and zoom only). */
	videoModel: z
		.string()
		.transform((value) => value.trim())
		.catch(''),
	/** Requests in flight at once. */
	concurrency: bounded(AI_OPTION_LIMITS.concurrency, 4, true),
	/** Requests started per minute, across all of them. */
	requestsPerMinute: bounded(AI_OPTION_LIMITS.requestsPerMinute, 20, true),
	/** Give up on one request after this many seconds. */
	timeoutS: bounded(AI_OPTION_LIMITS.timeoutS, 120, true)
});

/** The numeric media options a person can set, with the range each is held to. */
export const MEDIA_OPTION_LIMITS = {
	secondsPerFrame: [0.5, 60],
	minFrames: [1, 24],
	maxFrames: [1, 48],
	longestSide: [256, 2048],
	jpegQuality: [0.5, 1],
	cutSensitivity: [0, 1],
	minShotS: [0.1, 10]
} as const satisfies Record<string, readonly [number, number]>;

/**
 * How clips are sampled and cut (`media-options`). The defaults are the design's: a frame per
 * 2 s, 1 to 24 of them, 1024 px, quality 0.85. The most frames are never fewer than the fewest.
 */
export const MediaOptionsSchema = settingsObject({
	/** One context frame per this many seconds of video. */
	secondsPerFrame: bounded(MEDIA_OPTION_LIMITS.secondsPerFrame, 2),
	/** Fewest context frames, even for a very short clip. */
	minFrames: bounded(MEDIA_OPTION_LIMITS.minFrames, 1, true),
	/** Most context frames, even for a long clip. */
	maxFrames: bounded(MEDIA_OPTION_LIMITS.maxFrames, 24, true),
	/** Longest side of a sampled frame in pixels (never upscaled). */
	longestSide: bounded(MEDIA_OPTION_LIMITS.longestSide, 1024, true),
	/** JPEG quality from 0 to 1. */
	jpegQuality: bounded(MEDIA_OPTION_LIMITS.jpegQuality, 0.85),
	/** How readily a change of picture counts as a cut, from 0 (only stark cuts) to 1 (any jump). */
	cutSensitivity: bounded(MEDIA_OPTION_LIMITS.cutSensitivity, 0.5),
	/** Shots shorter than this (seconds) are merged into their neighbour. */
	minShotS: bounded(MEDIA_OPTION_LIMITS.minShotS, 0.5),
	/** Delete the clip once its frames and cuts are saved, keeping only those (saves space). */
	dropClipAfterSampling: flag
}).transform((options) => ({
	...options,
	maxFrames: Math.max(options.minFrames, options.maxFrames)
}));

/** A remembered API key or key pool text (`api-key`, `key-pool`); empty when none. */
export const SavedTextSchema = z.string().catch('');

export type AiOptions = z.output<typeof AiOptionsSchema>;
export type MediaOptions = z.output<typeof MediaOptionsSchema>;

/** Saved AI options in the current shape (defaults for anything missing or broken). */
export const restoreAiOptions = (raw: unknown): AiOptions => AiOptionsSchema.parse(raw);
/** Saved media options in the current shape: defaults filled, numbers bounded. */
export const restoreMediaOptions = (raw: unknown): MediaOptions => MediaOptionsSchema.parse(raw);
/** A saved key or key pool text; empty for anything else. */
export const restoreSavedText = (raw: unknown): string => SavedTextSchema.parse(raw);

/** The AI options nothing was saved for. */
export const defaultAiOptions: AiOptions = restoreAiOptions(undefined);
/** The media options nothing was saved for. */
export const defaultMediaOptions: MediaOptions = restoreMediaOptions(undefined);
