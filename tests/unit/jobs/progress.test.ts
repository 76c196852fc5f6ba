import { describe, expect, it } from 'vitest';
import { resolveOptions } from '$lib/jobs/meta';
import { countItems, estimateEtaMs, LatencyTracker } from '$lib/jobs/progress';

describe('countItems', () => {
	it('counts each status', () => {
		const counts = countItems([
			{ key: 'a', status: 'done', attempts: 1 },
			{ key: 'b', status: 'failed', attempts: 5 },
			{ key: 'c', status: 'queued', attempts: 0 },
			{ key: 'd', status: 'queued', attempts: 0 }
		]);
		expect(counts).toEqual({ total: 4, done: 1, failed: 1, cancelled: 0, queued: 2, running: 0 });
	});
});

describe('LatencyTracker', () => {
	it('averages only the most recent samples', () => {
		const latency = new LatencyTracker(2);
		expect(latency.meanMs).toBeUndefined();
		for (const ms of [100, 200, 400]) latency.record(ms);
		expect(latency.meanMs).toBe(300);
	});
});

describe('estimateEtaMs', () => {
	const base = { concurrency: 4, requestsPerMinute: 0, latencyMs: 1_500 };

	it('counts rounds of parallel work at the observed latency', () => {
		expect(estimateEtaMs({ ...base, remaining: 10, queued: 6 })).toBe(4_500);
	});

	it('is undefined before any latency is known and 0 when nothing is left', () => {
		expect(
			estimateEtaMs({ ...base, latencyMs: undefined, remaining: 3, queued: 3 })
		).toBeUndefined();
		expect(estimateEtaMs({ ...base, remaining: 0, queued: 0 })).toBe(0);
	});

	it('is never shorter than the rate limit allows', () => {
		expect(estimateEtaMs({ ...base, requestsPerMinute: 10, remaining: 20, queued: 20 })).toBe(
			120_000
		);
	});
});

describe('resolveOptions', () => {
	it('fills defaults and corrects values that cannot work', () => {
		expect(
			resolveOptions({ concurrency: 0, maxAttempts: -1, baseBackoffMs: 5_000, maxBackoffMs: 10 })
		).toEqual({
			concurrency: 1,
			requestsPerMinute: 20,
			maxAttempts: 1,
			baseBackoffMs: 5_000,
			maxBackoffMs: 5_000
		});
	});
});
