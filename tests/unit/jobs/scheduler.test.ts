import { describe, expect, it } from 'vitest';
import type { JobItem } from '$lib/domain/types';
import type { ErrorVerdict } from '$lib/jobs/item-errors';
import { KeyPool } from '$lib/jobs/key-pool';
import { RateLimiter } from '$lib/jobs/rate-limiter';
import {
	Scheduler,
	spendingCapReason,
	type Admission,
	type SchedulerConfig
} from '$lib/jobs/scheduler';

/** Queued items with these keys (and any extra fields). */
function queued(...keys: string[]): JobItem[] {
	return keys.map((key) => ({ key, status: 'queued', attempts: 0 }));
}

/** Start whatever may start at `now`, as the runner's loop does; returns the keys started. */
function startAll(scheduler: Scheduler, items: readonly JobItem[], now: number): string[] {
	const started: string[] = [];
	for (;;) {
		const admission = scheduler.next(items, now);
		if (admission.type !== 'start' || !scheduler.start(admission.item, now)) return started;
		started.push(admission.item.key);
	}
}

/** The item is done and saved: it leaves flight and the queue. */
function finishOk(scheduler: Scheduler, item: JobItem, now: number, costUsd?: number): void {
	scheduler.finished(
		item.key,
		costUsd === undefined ? { type: 'ok' } : { type: 'ok', costUsd },
		now
	);
	item.status = 'done';
	scheduler.settled(item.key);
}

/** The attempt failed with `verdict`; returns what follows once the outcome is saved. */
function fail(
	scheduler: Scheduler,
	item: JobItem,
	verdict: ErrorVerdict,
	now: number
): ReturnType<Scheduler['finished']> {
	item.attempts += 1;
	const next = scheduler.finished(
		item.key,
		{ type: 'failed', attempt: item.attempts, verdict },
		now
	);
	item.status = next === 'retry' ? 'queued' : 'failed';
	scheduler.settled(item.key);
	return next;
}

const rateLimited: ErrorVerdict = { retryable: true, rotateKey: true, rateLimited: true };
const refusedKey: ErrorVerdict = { retryable: true, rotateKey: true };
const serverError: ErrorVerdict = { retryable: true };

function scheduler(config: SchedulerConfig = {}): Scheduler {
	return new Scheduler({ random: () => 0, ...config });
}

describe('Scheduler.next', () => {
	it('never lets more items hold a slot than the concurrency', () => {
		const s = scheduler({ options: { concurrency: 2, requestsPerMinute: 0 } });
		const items = queued('a', 'b', 'c', 'd');
		expect(startAll(s, items, 0)).toEqual(['a', 'b']);
		expect(s.next(items, 0)).toEqual({ type: 'wait', drained: false });
		expect(s.releaseSlot('a')).toBe(true);
		expect(startAll(s, items, 1)).toEqual(['c']);
		expect(s.running).toBe(3);
		finishOk(s, items[1]!, 2);
		expect(startAll(s, items, 2)).toEqual(['d']);
	});

	it('starts no more than the requests per minute in any 60 s window', () => {
		const s = scheduler({ options: { concurrency: 10, requestsPerMinute: 3 } });
		const items = queued('a', 'b', 'c', 'd', 'e');
		expect(startAll(s, items, 1_000)).toEqual(['a', 'b', 'c']);
		expect(s.next(items, 30_000)).toEqual({
			type: 'wait',
			until: 61_000,
			reason: 'rate-limit',
			drained: false
		});
		expect(startAll(s, items, 60_999)).toEqual([]);
		expect(startAll(s, items, 61_000)).toEqual(['d', 'e']);
	});

	it('counts the starts of every scheduler that shares a limiter', () => {
		const limiter = new RateLimiter(2);
		const render = scheduler({ limiter });
		const animate = scheduler({ limiter });
		expect(startAll(render, queued('a'), 0)).toEqual(['a']);
		expect(startAll(animate, queued('x', 'y'), 0)).toEqual(['x']);
		expect(render.next(queued('b'), 0)).toMatchObject({ type: 'wait', reason: 'rate-limit' });
	});

	it('skips an item that is not ready and says the queue is not drained', () => {
		const s = scheduler({ isReady: (item) => item.key !== 'a' });
		const items = queued('a', 'b');
		expect(startAll(s, items, 0)).toEqual(['b']);
		finishOk(s, items[1]!, 1);
		expect(s.next(items, 1)).toEqual({ type: 'wait', drained: false });
	});

	it('says the queue is drained when nothing queued is left outside flight', () => {
		const s = scheduler();
		const items = queued('a');
		expect(startAll(s, items, 0)).toEqual(['a']);
		expect(s.next(items, 0)).toEqual({ type: 'wait', drained: true });
	});
});

describe('Scheduler.finished', () => {
	it('rests a key after a 429 and retries the item at once with the next key', () => {
		const pool = new KeyPool(['k1', 'k2']);
		const s = scheduler({ keys: pool, options: { baseBackoffMs: 1_000 } });
		const [a, b] = queued('a', 'b');
		expect(s.start(a!, 0)).toEqual({ key: 'k1' });
		expect(fail(s, a!, rateLimited, 100)).toBe('retry');
		expect(pool.isResting('k1', 100)).toBe(true);
		// Without a readable wait the key rests about 1–2 s after the first 429 (here 1 s).
		expect(pool.isResting('k1', 1_100)).toBe(false);
		expect(s.next([a!, b!], 100)).toEqual({ type: 'start', item: a });
		expect(s.start(a!, 100)).toEqual({ key: 'k2' });
	});

	it('rests a refused key (401) for the pool’s rest and waits for keys when all rest', () => {
		const pool = new KeyPool(['k1', 'k2'], { restMs: 60_000 });
		const s = scheduler({ keys: pool });
		const items = queued('a');
		const item = items[0]!;
		expect(s.start(item, 0)?.key).toBe('k1');
		fail(s, item, refusedKey, 0);
		expect(s.start(item, 0)?.key).toBe('k2');
		fail(s, item, refusedKey, 5_000);
		expect(s.next(items, 5_000)).toEqual({
			type: 'wait',
			until: 60_000,
			reason: 'keys',
			drained: false
		});
		expect(s.start(item, 60_000)?.key).toBe('k1');
	});

	it('rests a key for the Retry-After a 429 gave', () => {
		const pool = new KeyPool(['k1', 'k2']);
		const s = scheduler({ keys: pool });
		const [a] = queued('a');
		s.start(a!, 0);
		fail(s, a!, { ...rateLimited, retryAfterMs: 30_000 }, 0);
		expect(pool.isResting('k1', 29_999)).toBe(true);
		expect(pool.isResting('k1', 30_000)).toBe(false);
	});

	it('doubles the back-off after each failure, up to the longest', () => {
		const s = scheduler({ options: { baseBackoffMs: 1_000, maxBackoffMs: 4_000, maxAttempts: 9 } });
		const items = queued('a');
		const item = items[0]!;
		const waits: number[] = [];
		let now = 0;
		for (let failure = 0; failure < 5; failure++) {
			s.start(item, now);
			fail(s, item, serverError, now);
			const admission = s.next(items, now);
			if (admission.type !== 'wait' || admission.until === undefined) throw new Error('no wait');
			expect(admission.reason).toBe('back-off');
			waits.push(admission.until - now);
			expect(s.next(items, admission.until - 1)).toMatchObject({ type: 'wait' });
			now = admission.until;
		}
		// Equal jitter pinned at 0: half of 1, 2, 4, 4, 4 seconds.
		expect(waits).toEqual([500, 1_000, 2_000, 2_000, 2_000]);
	});

	it('waits exactly the Retry-After the provider gave, longer than the back-off', () => {
		const s = scheduler({ options: { baseBackoffMs: 1_000, maxBackoffMs: 2_000 } });
		const items = queued('a');
		s.start(items[0]!, 0);
		fail(s, items[0]!, { retryable: true, retryAfterMs: 90_000 }, 10);
		expect(s.next(items, 10)).toMatchObject({ type: 'wait', until: 90_010, reason: 'back-off' });
		expect(s.next(items, 90_010)).toEqual({ type: 'start', item: items[0] });
	});

	it('fails an item for good when it may not retry or has no attempts left', () => {
		const s = scheduler({ options: { maxAttempts: 2 } });
		const [a, b] = queued('a', 'b');
		s.start(a!, 0);
		expect(fail(s, a!, { retryable: false }, 0)).toBe('fail');
		s.start(b!, 0);
		expect(fail(s, b!, serverError, 0)).toBe('retry');
		s.start(b!, 10_000);
		expect(fail(s, b!, serverError, 10_000)).toBe('fail');
	});

	it('keeps a failed item out of the queue until its outcome is settled', () => {
		const s = scheduler();
		const items = queued('a');
		s.start(items[0]!, 0);
		s.finished(
			'a',
			{ type: 'failed', attempt: 1, verdict: { retryable: true, retryAfterMs: 0 } },
			0
		);
		expect(s.next(items, 0)).toEqual({ type: 'wait', drained: true });
		s.settled('a');
		expect(s.next(items, 0)).toEqual({ type: 'start', item: items[0] });
	});
});

describe('Scheduler.requeued', () => {
	it('drops the back-off of an item queued again by hand', () => {
		const s = scheduler({ options: { baseBackoffMs: 60_000 } });
		const items = queued('a');
		s.start(items[0]!, 0);
		fail(s, items[0]!, serverError, 0);
		expect(s.next(items, 1)).toMatchObject({ type: 'wait', reason: 'back-off' });
		s.requeued('a');
		expect(s.next(items, 1)).toEqual({ type: 'start', item: items[0] });
	});
});

describe('spending cap', () => {
	const costs: Record<string, number> = { a: 0.3, b: 0.3, c: 0.3, d: 0.3, e: 0.05 };
	const costOf = (item: JobItem) => costs[item.key];

	it('stops admitting at the item that would take the projected cost past the cap', () => {
		const s = scheduler({ spendingCap: { capUsd: () => 1, costOf } });
		const items = queued('a', 'b', 'c', 'd', 'e');
		expect(startAll(s, items, 0)).toEqual(['a', 'b', 'c']);
		const admission = s.next(items, 0);
		expect(admission).toMatchObject({ type: 'over-cap', item: { key: 'd' } });
		if (admission.type !== 'over-cap') return;
		expect(admission.spending.capUsd).toBe(1);
		expect(admission.spending.running).toBe(3);
		expect(admission.spending.inFlightUsd).toBeCloseTo(0.9);
		expect(admission.spending.nextUsd).toBe(0.3);
	});

	it('admits an item that fits the cap exactly', () => {
		const s = scheduler({ spendingCap: { capUsd: () => 0.9, costOf } });
		expect(startAll(s, queued('a', 'b', 'c', 'd'), 0)).toEqual(['a', 'b', 'c']);
	});

	it('counts from 0 what finished items reported, or were expected to cost', () => {
		const s = scheduler({ spendingCap: { capUsd: () => 0.5, costOf } });
		const items = queued('a', 'b', 'c');
		expect(startAll(s, items, 0)).toEqual(['a']);
		expect(s.next(items, 0)).toMatchObject({ type: 'over-cap', item: { key: 'b' } });
		finishOk(s, items[0]!, 1, 0.1);
		expect(s.spentUsd).toBeCloseTo(0.1);
		expect(startAll(s, items, 1)).toEqual(['b']);
		finishOk(s, items[1]!, 2);
		// No cost reported: the expected one counts as spent.
		expect(s.spentUsd).toBeCloseTo(0.4);
		expect(s.next(items, 2)).toMatchObject({ type: 'over-cap', item: { key: 'c' } });
	});

	it('reads the caller’s spent figure at every admission instead of counting its own', () => {
		let spent = 0.5;
		const s = scheduler({ spendingCap: { capUsd: () => 1, spentUsd: () => spent, costOf } });
		const items = queued('a', 'b', 'c');
		expect(startAll(s, items, 0)).toEqual(['a']);
		// Its cost is in the caller's figure before the work resolves; reported, it is not added again.
		spent = 0.6;
		finishOk(s, items[0]!, 1, 0.1);
		expect(s.spentUsd).toBe(0.6);
		expect(startAll(s, items, 1)).toEqual(['b']);
		// Spending elsewhere (another job, the director) counts too.
		spent = 0.95;
		expect(s.next(items, 1)).toMatchObject({
			type: 'over-cap',
			item: { key: 'c' },
			spending: { spentUsd: 0.95, inFlightUsd: 0.3, running: 1 }
		});
	});

	it('runs items of unknown cost one at a time until a cost is reported', () => {
		const s = scheduler({ spendingCap: { capUsd: () => 1 } });
		const items = queued('a', 'b', 'c', 'd');
		expect(startAll(s, items, 0)).toEqual(['a']);
		expect(s.next(items, 0)).toEqual({ type: 'wait', drained: false });
		finishOk(s, items[0]!, 1, 0.4);
		// Now the mean reported cost, 0.4, is each item's expected cost.
		expect(startAll(s, items, 1)).toEqual(['b']);
		expect(s.next(items, 1)).toMatchObject({
			type: 'over-cap',
			item: { key: 'c' },
			spending: { spentUsd: 0.4, inFlightUsd: 0.4, nextUsd: 0.4 }
		});
	});

	it('stops an item of unknown cost once the cap is spent', () => {
		const s = scheduler({ spendingCap: { capUsd: () => 1, spentUsd: () => 1 } });
		expect(s.next(queued('a'), 0)).toMatchObject({
			type: 'over-cap',
			item: { key: 'a' },
			spending: { nextUsd: undefined }
		});
	});

	it('holds a known-cost item while one of unknown cost is in flight', () => {
		const s = scheduler({
			spendingCap: { capUsd: () => 10, costOf: (item) => (item.key === 'a' ? undefined : 0.1) }
		});
		const items = queued('a', 'b');
		expect(startAll(s, items, 0)).toEqual(['a']);
		expect(s.next(items, 0)).toEqual({ type: 'wait', drained: false });
		finishOk(s, items[0]!, 1, 2);
		expect(startAll(s, items, 1)).toEqual(['b']);
	});

	it('lets admission go on once the cap is raised, and stops when it is lowered', () => {
		let cap: number | undefined = 0.3;
		const s = scheduler({ spendingCap: { capUsd: () => cap, costOf } });
		const items = queued('a', 'b', 'c', 'd');
		expect(startAll(s, items, 0)).toEqual(['a']);
		expect(s.next(items, 0).type).toBe('over-cap');
		cap = 0.6;
		expect(startAll(s, items, 0)).toEqual(['b']);
		cap = undefined;
		expect(startAll(s, items, 0)).toEqual(['c', 'd']);
	});

	it('takes a cap that is not a usable number as none', () => {
		const s = scheduler({ spendingCap: { capUsd: () => Number.NaN, costOf } });
		expect(startAll(s, queued('a', 'b', 'c', 'd'), 0)).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('spendingCapReason', () => {
	it('says the cap, what is spent and on the way, and the next item’s cost', () => {
		expect(
			spendingCapReason({ capUsd: 1, spentUsd: 0.25, inFlightUsd: 0.6, running: 2, nextUsd: 0.3 })
		).toBe(
			'Paused at the $1.00 spending cap: $0.250 spent and 2 items on the way; the next item would cost about $0.300. Raise the cap to go on.'
		);
		expect(
			spendingCapReason({ capUsd: 1, spentUsd: 1, inFlightUsd: 0, running: 0, nextUsd: undefined })
		).toBe(
			'Paused at the $1.00 spending cap: $1.00 spent; the next item’s cost is unknown. Raise the cap to go on.'
		);
	});

	it('names the items in the caller’s words', () => {
		const spending = { capUsd: 0.12, spentUsd: 0.04, inFlightUsd: 0.04, running: 1, nextUsd: 0.04 };
		expect(spendingCapReason({ ...spending, unit: ['image', 'images'] })).toBe(
			'Paused at the $0.120 spending cap: $0.040 spent and 1 image on the way; the next image would cost about $0.040. Raise the cap to go on.'
		);
	});
});

describe('Scheduler determinism', () => {
	/** A seeded generator, so two runs draw the same jitter. */
	function seeded(seed: number): () => number {
		let state = seed;
		return () => {
			state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
			return state / 2 ** 31;
		};
	}

	/** Drive a scheduler through failures, rests and caps; log every answer. */
	function script(seed: number): Array<Admission | string> {
		const pool = new KeyPool(['k1', 'k2'], { restMs: 5_000 });
		const s = new Scheduler({
			random: seeded(seed),
			keys: pool,
			options: { concurrency: 2, requestsPerMinute: 4, baseBackoffMs: 700 },
			spendingCap: { capUsd: () => 0.9, costOf: () => 0.25 }
		});
		const items = queued('a', 'b', 'c', 'd', 'e', 'f');
		const log: Array<Admission | string> = [];
		const outcomes: Array<ErrorVerdict | 'ok'> = [rateLimited, serverError, refusedKey, 'ok'];
		let turn = 0;
		let now = 0;
		while (log.length < 200) {
			const admission = s.next(items, now);
			log.push(structuredClone(admission));
			if (admission.type === 'over-cap' || (admission.type === 'wait' && admission.drained)) break;
			if (admission.type === 'wait') {
				// Sleep as the runner does: until the given time, or a moment when none is given.
				now = admission.until ?? now + 250;
				continue;
			}
			const started = s.start(admission.item, now);
			log.push(`${admission.item.key}@${now}:${started?.key ?? '-'}`);
			const outcome = outcomes[turn++ % outcomes.length]!;
			if (outcome === 'ok') finishOk(s, admission.item, now, 0.2);
			else log.push(fail(s, admission.item, outcome, now));
		}
		return log;
	}

	it('answers the same for the same inputs, times and jitter', () => {
		const first = script(42);
		expect(first.at(-1)).toMatchObject({ type: 'over-cap' });
		expect(script(42)).toEqual(first);
		expect(script(7)).not.toEqual(first);
	});
});
