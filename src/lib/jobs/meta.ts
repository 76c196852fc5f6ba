/** What the job runner is called in the UI. */
export const label = 'Jobs';

/** How hard a job pushes its provider; all have defaults in `defaultOptions`. */
export interface Options {
	/** Items worked on at once; never exceeded. */
	concurrency: number;
	/** Items started in any 60 s window, across the whole job; 0 means no limit. */
	requestsPerMinute: number;
	/** Attempts per item before it fails for good (a retry the person asks for starts again). */
	maxAttempts: number;
	/** Wait before the first retry; it doubles per failure, with jitter. */
	baseBackoffMs: number;
	/** Longest wait between retries, unless the provider's Retry-After asks for longer. */
	maxBackoffMs: number;
}

/** Four at once, 20 a minute (the AI settings' default), five attempts, 1 s to 60 s back-off. */
export const defaultOptions: Options = {
	concurrency: 4,
	requestsPerMinute: 20,
	maxAttempts: 5,
	baseBackoffMs: 1_000,
	maxBackoffMs: 60_000
};

function whole(value: number | undefined, min: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.max(min, Math.floor(value))
		: fallback;
}

/** Options with defaults filled and nonsense (zero concurrency, negative waits) corrected. */
export function resolveOptions(options: Partial<Options> = {}): Options {
	const baseBackoffMs = whole(options.baseBackoffMs, 0, defaultOptions.baseBackoffMs);
	return {
		concurrency: whole(options.concurrency, 1, defaultOptions.concurrency),
		requestsPerMinute: whole(options.requestsPerMinute, 0, defaultOptions.requestsPerMinute),
		maxAttempts: whole(options.maxAttempts, 1, defaultOptions.maxAttempts),
		baseBackoffMs,
		maxBackoffMs: Math.max(
			baseBackoffMs,
			whole(options.maxBackoffMs, 0, defaultOptions.maxBackoffMs)
		)
	};
}
