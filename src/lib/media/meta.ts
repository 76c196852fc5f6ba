import type { VideoProbe } from '$lib/domain/types';

export type { VideoProbe };

/** What this capability is called in the UI. */
export const label = 'Video frames and cuts';

/** Settings for sampling frames and finding cuts; all have defaults in `defaultOptions`. */
export interface Options {
	/** One context frame per this many seconds of video. */
	secondsPerFrame: number;
	/** Fewest context frames, even for a very short clip. */
	minFrames: number;
	/** Most context frames, even for a long clip. */
	maxFrames: number;
	/** Longest side of a sampled frame in pixels (never upscaled). */
	longestSide: number;
	/** JPEG quality from 0 to 1. */
	jpegQuality: number;
	/** How readily a change of picture counts as a cut, from 0 (only stark cuts) to 1 (any jump). */
	cutSensitivity: number;
	/** Shots shorter than this (seconds) are merged into their neighbour. */
	minShotS: number;
	/** Delete the clip once its frames and cuts are saved, keeping only those (saves space). */
	dropClipAfterSampling: boolean;
}

/** The defaults the design names: a frame per 2 s, 1 to 24 of them, 1024 px, quality 0.85. */
export const defaultOptions: Options = {
	secondsPerFrame: 2,
	minFrames: 1,
	maxFrames: 24,
	longestSide: 1024,
	jpegQuality: 0.85,
	cutSensitivity: 0.5,
	minShotS: 0.5,
	dropClipAfterSampling: false
};

/** The numeric options a person can set, with the range each is held to. */
export const LIMITS = {
	secondsPerFrame: [0.5, 60],
	minFrames: [1, 24],
	maxFrames: [1, 48],
	longestSide: [256, 2048],
	jpegQuality: [0.5, 1],
	cutSensitivity: [0, 1],
	minShotS: [0.1, 10]
} as const satisfies Record<string, readonly [number, number]>;

type NumericOption = keyof typeof LIMITS;

/** Whole numbers: a frame count or a pixel size. */
const WHOLE: readonly NumericOption[] = ['minFrames', 'maxFrames', 'longestSide'];

function bounded(raw: unknown, key: NumericOption): number {
	const [min, max] = LIMITS[key];
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isFinite(value)) return defaultOptions[key];
	const clamped = Math.min(max, Math.max(min, value));
	return WHOLE.includes(key) ? Math.round(clamped) : clamped;
}

/** Saved media options in the current shape: defaults filled, numbers bounded, at least as many most frames as fewest. */
export function restoreOptions(raw: unknown): Options {
	const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
	const numbers = Object.fromEntries(
		(Object.keys(LIMITS) as NumericOption[]).map((key) => [key, bounded(value[key], key)])
	) as Record<NumericOption, number>;
	return {
		...numbers,
		maxFrames: Math.max(numbers.minFrames, numbers.maxFrames),
		dropClipAfterSampling: value.dropClipAfterSampling === true
	};
}

/** Why a file cannot be used; each has one clear sentence in `mediaErrorMessage`. */
export type MediaErrorKind = 'not-a-video' | 'corrupt' | 'audio-only' | 'codec' | 'engine';

/** A frame taken from the clip: a JPEG and where it sits in the clip. */
export interface SampledFrame {
	blob: Blob;
	timeS: number;
	width: number;
	height: number;
	/** Why it was taken: a context frame, the middle frame, or the keyframe of a detected shot. */
	role: 'context' | 'middle' | 'keyframe';
}

/** A frame the worker is asked to make. */
export interface FrameRequest {
	timeS: number;
	role: SampledFrame['role'];
}

/** How much the picture changed into each frame, from the worker's decoding pass. */
export interface ChangeSeries {
	/** Presentation time of each measured frame (s). */
	timesS: Float64Array;
	/** Picture change into frame i from frame i-1, from 0 (same) up; scores[0] is 0. */
	scores: Float32Array;
	/**
	 * The least change between a frame just before frame i and one just after it (a few frames
	 * apart): small when the picture comes back, as around a flash. Infinity where unknown.
	 */
	bridges?: Float32Array;
}

/** One shot of the clip between two cuts. */
export interface DetectedShot {
	startS: number;
	endS: number;
	/** The middle of the shot, where its keyframe is taken. */
	keyframeS: number;
}

/**
 * Which decoder reads a clip, to say so in the UI: the engine (with or without threads), or the
 * browser's own decoder (WebCodecs) for a codec the engine lacks, such as AV1.
 */
export interface EngineInfo {
	engine: 'ffmpeg.wasm' | 'browser';
	threads: boolean;
}

/** Progress as numbers: `done` of `total` steps. */
export type ProgressCallback = (done: number, total: number) => void;
