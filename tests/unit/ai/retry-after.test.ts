import { describe, expect, it } from 'vitest';
import { parseRateLimitReset, retryAfterFrom } from '$lib/ai/retry-after';

const now = 1_760_000_000_000;

describe('retryAfterFrom', () => {
	it('takes a readable Retry-After header first', () => {
		expect(retryAfterFrom({ headers: new Headers({ 'retry-after': '3' }) }, now)).toBe(3000);
		expect(retryAfterFrom({ headers: new Headers({ 'retry-after-ms': '250' }) }, now)).toBe(250);
	});

	it('falls back to the body: availability.retry_after, then metadata.headers X-RateLimit-Reset', () => {
		const headers = new Headers(); // what a browser sees when the server exposes nothing
		expect(
			retryAfterFrom(
				{
					headers,
					error: { code: 429, availability: { code: 'capacity_exhausted', retry_after: 4 } }
				},
				now
			)
		).toBe(4000);
		expect(
			retryAfterFrom(
				{
					headers,
					error: {
						code: 429,
						metadata: { headers: { 'X-RateLimit-Reset': String(now + 9_000) } }
					}
				},
				now
			)
		).toBe(9000);
	});

	it('says nothing when nothing can be read, so the caller backs off on its own', () => {
		expect(retryAfterFrom({ headers: new Headers(), error: { code: 429 } }, now)).toBeUndefined();
	});
});

describe('parseRateLimitReset', () => {
	it('reads epoch milliseconds or seconds and never waits a negative time', () => {
		expect(parseRateLimitReset(String(now + 1_000), now)).toBe(1_000);
		expect(parseRateLimitReset((now + 2_000) / 1000, now)).toBe(2_000);
		expect(parseRateLimitReset(String(now - 5_000), now)).toBe(0);
		expect(parseRateLimitReset('soon', now)).toBeUndefined();
	});
});
