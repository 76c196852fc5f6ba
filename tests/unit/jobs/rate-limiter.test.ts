import { describe, expect, it } from 'vitest';
import { RateLimiter } from '$lib/jobs/rate-limiter';

describe('RateLimiter', () => {
	it('allows `limit` starts, then waits until the oldest leaves the window', () => {
		const limiter = new RateLimiter(3, 60_000);
		for (const t of [0, 10_000, 20_000]) {
			expect(limiter.waitMs(t)).toBe(0);
			limiter.record(t);
		}
		expect(limiter.waitMs(30_000)).toBe(30_000);
		expect(limiter.waitMs(60_000)).toBe(0);
		limiter.record(60_000);
		expect(limiter.waitMs(60_000)).toBe(10_000);
	});

	it('does not limit when the limit is 0', () => {
		const limiter = new RateLimiter(0);
		for (let i = 0; i < 100; i++) limiter.record(0);
		expect(limiter.waitMs(0)).toBe(0);
	});

	it('follows a limit changed while it runs', () => {
		const limiter = new RateLimiter(1, 60_000);
		limiter.record(0);
		expect(limiter.waitMs(1)).toBeGreaterThan(0);
		limiter.limit = 2;
		expect(limiter.waitMs(1)).toBe(0);
	});
});
