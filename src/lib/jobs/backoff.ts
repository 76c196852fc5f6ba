import type { Options } from './meta';

type BackoffOptions = Pick<Options, 'baseBackoffMs' | 'maxBackoffMs'>;

/** The wait the provider asked for, when it gave a readable one. */
function providerWait(retryAfterMs: number | undefined): number | undefined {
	return retryAfterMs !== undefined && Number.isFinite(retryAfterMs)
		? Math.max(0, retryAfterMs)
		: undefined;
}

/** `baseBackoffMs` doubled for each failure after the first, at most `maxBackoffMs`. */
function doubled(failures: number, options: BackoffOptions): number {
	const exponent = Math.min(30, Math.max(0, failures - 1));
	return Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** exponent);
}

/**
 * How long to wait before the next attempt after `failures` failures: exponential from
 * `baseBackoffMs`, capped at `maxBackoffMs`, with "equal jitter" (half fixed, half random) so
 * items that failed together do not retry together. A Retry-After from the provider wins.
 */
export function retryDelayMs(
	failures: number,
	options: BackoffOptions,
	retryAfterMs?: number,
	random: () => number = Math.random
): number {
	const given = providerWait(retryAfterMs);
	if (given !== undefined) return given;
	const ceiling = doubled(failures, options);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a key rests after a rate limit the provider gave no readable wait for (its
 * Retry-After is not exposed to scripts): about 1–2 s after the first, doubling, at most
 * `maxBackoffMs`. A wait the provider did give wins.
 */
export function keyRestMs(
	failures: number,
	options: BackoffOptions,
	retryAfterMs?: number,
	random: () => number = Math.random
): number {
	const given = providerWait(retryAfterMs);
	if (given !== undefined) return given;
	return Math.round(Math.min(options.maxBackoffMs, doubled(failures, options) * (1 + random())));
}
