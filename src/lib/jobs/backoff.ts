import type { Options } from './meta';

/**
 * How long to wait before the next attempt after `failures` failures: exponential from
 * `baseBackoffMs`, capped at `maxBackoffMs`, with "equal jitter" (half fixed, half random) so
 * items that failed together do not retry together. A Retry-After from the provider wins.
 */
export function retryDelayMs(
	failures: number,
	options: Pick<Options, 'baseBackoffMs' | 'maxBackoffMs'>,
	retryAfterMs?: number,
	random: () => number = Math.random
): number {
	if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) return Math.max(0, retryAfterMs);
	const exponent = Math.min(30, Math.max(0, failures - 1));
	const ceiling = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** exponent);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a key rests after a rate limit the provider gave no readable wait for (its
 * Retry-After is not exposed to scripts): about 1–2 s after the first, doubling, at most
 * `maxBackoffMs`. A wait the provider did give wins.
 */
export function keyRestMs(
	failures: number,
	options: Pick<Options, 'baseBackoffMs' | 'maxBackoffMs'>,
	retryAfterMs?: number,
	random: () => number = Math.random
): number {
	if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) return Math.max(0, retryAfterMs);
	const exponent = Math.min(30, Math.max(0, failures - 1));
	const floor = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** exponent);
	return Math.round(Math.min(options.maxBackoffMs, floor * (1 + random())));
}
