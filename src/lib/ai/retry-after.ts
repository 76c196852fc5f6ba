/** Seconds or an HTTP date in a Retry-After header, as milliseconds. */
export function parseRetryAfter(
	value: string | null | undefined,
	now = Date.now()
): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** X-RateLimit-Reset: a time in epoch milliseconds (OpenRouter) or seconds; the wait until then. */
export function parseRateLimitReset(value: unknown, now = Date.now()): number | undefined {
	const n = typeof value === 'string' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
	const at = n < 1e11 ? n * 1000 : n;
	return Math.max(0, at - now);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function headerOf(headers: unknown, name: string): string | null {
	if (headers instanceof Headers) return headers.get(name);
	if (!isRecord(headers)) return null;
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return typeof found?.[1] === 'string' ? found[1] : null;
}

/**
 * How long the provider asked to wait, from what the browser can read: the response headers
 * (only when the server exposes them to scripts), else the error body's `availability.retry_after`
 * (seconds) or the `X-RateLimit-Reset` OpenRouter repeats in `metadata.headers`. Undefined when
 * nothing says: the caller backs off on its own.
 */
export function retryAfterFrom(
	response: { headers?: unknown; error?: unknown },
	now = Date.now()
): number | undefined {
	const { headers, error } = response;
	const ms = Number(headerOf(headers, 'retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return ms;
	const fromHeader =
		parseRetryAfter(headerOf(headers, 'retry-after'), now) ??
		parseRateLimitReset(headerOf(headers, 'x-ratelimit-reset'), now);
	if (fromHeader !== undefined) return fromHeader;
	if (!isRecord(error)) return undefined;
	const availability = isRecord(error.availability) ? error.availability : {};
	const seconds = Number(availability.retry_after);
	if (Number.isFinite(seconds) && seconds >= 0 && availability.retry_after !== null) {
		return seconds * 1000;
	}
	const metadata = isRecord(error.metadata) ? error.metadata : {};
	return parseRateLimitReset(headerOf(metadata.headers, 'x-ratelimit-reset'), now);
}
