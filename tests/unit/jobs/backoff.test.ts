import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '$lib/jobs/backoff';

const options = { baseBackoffMs: 1_000, maxBackoffMs: 8_000 };

describe('retryDelayMs', () => {
	it('doubles per failure between half and all of the ceiling', () => {
		expect([1, 2, 3].map((n) => retryDelayMs(n, options, undefined, () => 0))).toEqual([
			500, 1_000, 2_000
		]);
		expect([1, 2, 3].map((n) => retryDelayMs(n, options, undefined, () => 1))).toEqual([
			1_000, 2_000, 4_000
		]);
	});

	it('never waits longer than the cap', () => {
		expect(retryDelayMs(20, options, undefined, () => 1)).toBe(8_000);
	});

	it('uses the Retry-After the provider gave, even beyond the cap', () => {
		expect(retryDelayMs(1, options, 30_000, () => 0.5)).toBe(30_000);
		expect(retryDelayMs(1, options, -5, () => 0.5)).toBe(0);
	});
});
