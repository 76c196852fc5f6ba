/** The AI endpoint settings: which service, which models, how hard to push it. */
export const label = 'AI models';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

export interface Options {
	/** Any OpenAI-compatible base URL; OpenRouter by default. */
	baseUrl: string;
	/** Vision model that describes the clip. */
	contextModel: string;
	/** Chat model that writes the shots. */
	directorModel: string;
	/** Image-output model that renders shots. */
	imageModel: string;
	/** Image-to-video model that animates shots; empty for none (local pan and zoom only). */
	videoModel: string;
	/** Requests in flight at once. */
	concurrency: number;
	/** Requests started per minute, across all of them. */
	requestsPerMinute: number;
	/** Give up on one request after this many seconds. */
	timeoutS: number;
}

export const defaultOptions: Options = {
	baseUrl: OPENROUTER_BASE_URL,
	contextModel: 'google/gemini-2.5-flash',
	directorModel: 'google/gemini-2.5-flash',
	imageModel: 'google/gemini-2.5-flash-image',
	videoModel: '',
	concurrency: 4,
	requestsPerMinute: 20,
	timeoutS: 120
};

const LIMITS = {
	concurrency: [1, 16],
	requestsPerMinute: [1, 600],
	timeoutS: [10, 900]
} as const;

function bounded(value: unknown, [min, max]: readonly [number, number], fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

function modelId(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() ? value.trim() : fallback;
}

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

/** Saved options in the current shape (defaults for anything missing or broken). */
export function restoreOptions(raw: unknown): Options {
	const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
	return {
		baseUrl:
			(typeof value.baseUrl === 'string' && cleanBaseUrl(value.baseUrl)) || defaultOptions.baseUrl,
		contextModel: modelId(value.contextModel, defaultOptions.contextModel),
		directorModel: modelId(value.directorModel, defaultOptions.directorModel),
		imageModel: modelId(value.imageModel, defaultOptions.imageModel),
		videoModel: typeof value.videoModel === 'string' ? value.videoModel.trim() : '',
		concurrency: bounded(value.concurrency, LIMITS.concurrency, defaultOptions.concurrency),
		requestsPerMinute: bounded(
			value.requestsPerMinute,
			LIMITS.requestsPerMinute,
			defaultOptions.requestsPerMinute
		),
		timeoutS: bounded(value.timeoutS, LIMITS.timeoutS, defaultOptions.timeoutS)
	};
}

export { LIMITS };
