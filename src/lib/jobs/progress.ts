import type { Job, JobItem } from '$lib/domain/types';

/** What the queue is waiting for when nothing can start: the rate limit, a back-off, or resting keys. */
export type WaitReason = 'rate-limit' | 'back-off' | 'keys';

/** What the UI shows about a job: numbers, never guesses, except the labelled ETA. */
export interface JobProgress {
	jobId: string;
	kind: string;
	state: Job['state'];
	/** Why the job is paused (a spending cap, a save that failed). */
	pauseReason?: string;
	total: number;
	done: number;
	failed: number;
	cancelled: number;
	queued: number;
	/** Items whose work is in flight right now. */
	running: number;
	/** Time left, from the observed latency of finished items; undefined before the first one. */
	etaMs?: number;
	/** Set while the queue waits for the rate limit, a back-off or a resting key. */
	waitingUntil?: number;
	/** What it waits for, alongside `waitingUntil`. */
	waitingFor?: WaitReason;
}

/** How many items are in each status. */
export function countItems(items: readonly JobItem[]) {
	const counts = { total: items.length, done: 0, failed: 0, cancelled: 0, queued: 0, running: 0 };
	for (const item of items) counts[item.status] += 1;
	return counts;
}

/** The mean latency of the last few successful items, for the ETA. */
export class LatencyTracker {
	readonly #samples: number[] = [];

	constructor(readonly keep = 10) {}

	/** Count one finished item's duration. */
	record(ms: number): void {
		this.#samples.push(Math.max(0, ms));
		if (this.#samples.length > this.keep) this.#samples.shift();
	}

	/** The mean of the kept samples, or undefined before the first. */
	get meanMs(): number | undefined {
		if (this.#samples.length === 0) return undefined;
		return this.#samples.reduce((sum, ms) => sum + ms, 0) / this.#samples.length;
	}
}

/**
 * Time left for `remaining` items (queued plus running) at `concurrency` in parallel, each
 * taking `latencyMs`, and no faster than the rate limit lets the queued ones start.
 */
export function estimateEtaMs(input: {
	remaining: number;
	queued: number;
	concurrency: number;
	latencyMs: number | undefined;
	requestsPerMinute: number;
}): number | undefined {
	if (input.remaining === 0) return 0;
	if (input.latencyMs === undefined) return undefined;
	const parallel = Math.max(1, Math.min(input.concurrency, input.remaining));
	const byLatency = Math.ceil(input.remaining / parallel) * input.latencyMs;
	const byRate =
		input.requestsPerMinute > 0 ? (input.queued / input.requestsPerMinute) * 60_000 : 0;
	return Math.round(Math.max(byLatency, byRate));
}
