import type { JobItem } from '$lib/domain/types';
import { formatCost } from '$lib/util/money';
import { keyRestMs, retryDelayMs } from './backoff';
import type { ErrorVerdict } from './item-errors';
import type { KeyPool } from './key-pool';
import { resolveOptions, type Options } from './meta';
import type { WaitReason } from './progress';
import { RateLimiter } from './rate-limiter';

/** Stop admitting items before the projected cost would pass the cap; the one place that decides. */
export interface SpendingCap {
	/** The cap in USD, undefined for none; read at every admission, so a changed cap applies at once. */
	capUsd: () => number | undefined;
	/**
	 * Everything spent so far, read at every admission; it must already count what this job's
	 * finished items cost (the caller adds each cost before its work resolves). Without it the
	 * scheduler counts from 0 what finished items reported (or were expected to cost).
	 */
	spentUsd?: () => number;
	/**
	 * What an item is expected to cost; undefined when unknown. An unknown cost is taken as the
	 * mean of the costs finished items reported; while none has, such an item starts only when
	 * nothing else is in flight, so at most one item's cost passes the cap.
	 */
	costOf?: (item: JobItem) => number | undefined;
	/** What the pause reason calls one item and several (`['image', 'images']`); "item" by default. */
	unit?: readonly [one: string, many: string];
}

/** What the scheduler decides from; every function is called with a copy of the item. */
export interface SchedulerConfig {
	options?: Partial<Options>;
	/** Share one limiter between jobs that call the same endpoint; one per scheduler otherwise. */
	limiter?: RateLimiter;
	/** One key pool, or a pool per item; an empty pool counts as none. */
	keys?: KeyPool | ((item: JobItem) => KeyPool | undefined);
	/** An item is admitted only once this holds. */
	isReady?: (item: JobItem) => boolean;
	spendingCap?: SpendingCap;
	/** The jitter source, so tests can pin it. */
	random?: () => number;
}

/** The answer to "what may start now?". */
export type Admission =
	| { type: 'start'; item: JobItem }
	/**
	 * Nothing may start: wait until `until` (for `reason`), or until something changes when
	 * `until` is undefined. `drained` says no queued item is left outside the ones in flight.
	 */
	| { type: 'wait'; until?: number; reason?: WaitReason; drained: boolean }
	/** The next item would take the projected spending past the cap: stop admitting. */
	| { type: 'over-cap'; item: JobItem; spending: SpendingView };

/** The numbers behind an `over-cap` answer, for the pause reason. */
export interface SpendingView {
	capUsd: number;
	spentUsd: number;
	/** Expected cost of the items in flight. */
	inFlightUsd: number;
	running: number;
	/** What the next item is expected to cost; undefined when unknown. */
	nextUsd: number | undefined;
	/** What the reason calls one item and several. */
	unit?: readonly [one: string, many: string];
}

/** How an attempt ended; a failure's verdict carries the Retry-After when there is one. */
export type Outcome =
	{ type: 'ok'; costUsd?: number } | { type: 'failed'; attempt: number; verdict: ErrorVerdict };

/** What follows an outcome: the item is done, tried again later, or failed for good. */
export type AfterAttempt = 'done' | 'retry' | 'fail';

interface Flight {
	key: string | undefined;
	pool: KeyPool | undefined;
	/** The cost expected when it started; undefined when unknown. */
	costUsd: number | undefined;
	/** Its outcome is known (and its cost counted as spent), though it is still being saved. */
	finished: boolean;
}

/** Float sums of prices (0.1 + 0.2) must not stop an item that fits the cap exactly. */
const EPSILON_USD = 1e-9;

function knownCost(value: number | undefined): number | undefined {
	return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Admission for a job's items, with no storage and no clock of its own (every `now` is
 * passed in): bounded concurrency, a requests-per-minute window, key pools and resting keys,
 * back-off after failures that yields to Retry-After, and a spending cap. The caller asks
 * `next` what may start, then reports `start`, `releaseSlot`, `finished` and `settled`.
 */
export class Scheduler {
	readonly options: Options;
	readonly #config: SchedulerConfig;
	readonly #limiter: RateLimiter;
	readonly #flights = new Map<string, Flight>();
	/** Items in flight that still hold a concurrency slot. */
	readonly #slots = new Set<string>();
	/** When each item that failed may be tried again. */
	readonly #retryAt = new Map<string, number>();
	/** What finished items cost, as the scheduler counts it (when the caller gives no `spentUsd`). */
	#countedUsd = 0;
	readonly #reportedCosts: number[] = [];

	constructor(config: SchedulerConfig = {}) {
		this.#config = config;
		this.options = resolveOptions(config.options);
		this.#limiter = config.limiter ?? new RateLimiter(this.options.requestsPerMinute);
	}

	/** The requests-per-minute limit in force (a shared limiter's). */
	get requestsPerMinute(): number {
		return this.#limiter.limit;
	}

	/** Items started and not yet settled. */
	get running(): number {
		return this.#flights.size;
	}

	/** Spent so far: the caller's figure, or what finished items cost. */
	get spentUsd(): number {
		return knownCost(this.#config.spendingCap?.spentUsd?.()) ?? this.#countedUsd;
	}

	/** Milliseconds until the rate limit allows another start; 0 when one is allowed at `now`. */
	rateWaitMs(now: number): number {
		return this.#limiter.waitMs(now);
	}

	/** Which of `items` (in job order) may start at `now`, or what the queue waits for. */
	next(items: readonly JobItem[], now: number): Admission {
		if (this.#slots.size >= this.options.concurrency) return { type: 'wait', drained: false };
		let until: number | undefined;
		let reason: WaitReason = 'back-off';
		let blocked = false;
		const waitUntil = (at: number, why: WaitReason) => {
			if (until !== undefined && until <= at) return;
			until = at;
			reason = why;
		};
		for (const item of items) {
			if (item.status !== 'queued' || this.#flights.has(item.key)) continue;
			const retryAt = this.#retryAt.get(item.key) ?? 0;
			if (retryAt > now) {
				waitUntil(retryAt, 'back-off');
				continue;
			}
			if (this.#config.isReady && !this.#config.isReady({ ...item })) {
				blocked = true;
				continue;
			}
			const keysWakeAt = this.#poolFor(item)?.nextWakeAt(now);
			if (keysWakeAt !== undefined) {
				waitUntil(keysWakeAt, 'keys');
				continue;
			}
			const rateWaitMs = this.#limiter.waitMs(now);
			if (rateWaitMs > 0)
				return { type: 'wait', until: now + rateWaitMs, reason: 'rate-limit', drained: false };
			return this.#checkCap(item);
		}
		if (until === undefined) return { type: 'wait', drained: !blocked };
		return { type: 'wait', until, reason, drained: false };
	}

	/**
	 * Start `item` at `now`: it takes a slot and a place in flight, and a request is counted.
	 * Returns the key to call with (undefined without a pool), or undefined as a whole when its
	 * pool has no key left at `now` (nothing is recorded then).
	 */
	start(item: JobItem, now: number): { key: string | undefined } | undefined {
		const pool = this.#poolFor(item);
		const key = pool?.acquire(now);
		if (pool && key === undefined) return undefined;
		const costUsd = this.#expectedCost(item);
		this.#flights.set(item.key, { key, pool, costUsd, finished: false });
		this.#slots.add(item.key);
		this.#retryAt.delete(item.key);
		this.#limiter.record(now);
		return { key };
	}

	/** The provider has answered; only local work is left, so the slot goes to the next item. True when it held one. */
	releaseSlot(itemKey: string): boolean {
		return this.#slots.delete(itemKey);
	}

	/**
	 * Record how an attempt ended. A key at fault rests (briefly and doubling after a rate
	 * limit without a readable wait, for the pool's default otherwise) and the item retries
	 * at once with the next key; another retryable failure backs off, doubling with jitter,
	 * or waits its Retry-After. The item stays in flight until `settled`.
	 */
	finished(itemKey: string, outcome: Outcome, now: number): AfterAttempt {
		const flight = this.#flights.get(itemKey);
		const expected = flight?.costUsd;
		if (flight) flight.finished = true;
		if (outcome.type === 'ok') {
			const reported = knownCost(outcome.costUsd);
			if (reported !== undefined) this.#reportedCosts.push(reported);
			this.#countedUsd += reported ?? expected ?? 0;
			return 'done';
		}
		const { attempt, verdict } = outcome;
		const key = flight?.key;
		const pool = flight?.pool;
		const rotated = verdict.rotateKey === true && pool !== undefined && key !== undefined;
		if (rotated) {
			pool.rest(
				key,
				verdict.rateLimited
					? keyRestMs(attempt, this.options, verdict.retryAfterMs, this.#config.random)
					: verdict.retryAfterMs,
				now
			);
		}
		if (!verdict.retryable || attempt >= this.options.maxAttempts) return 'fail';
		const delayMs = rotated
			? 0
			: retryDelayMs(attempt, this.options, verdict.retryAfterMs, this.#config.random);
		this.#retryAt.set(itemKey, now + delayMs);
		return 'retry';
	}

	/** The item has left flight (its outcome is saved, or it was aborted). True when it still held a slot. */
	settled(itemKey: string): boolean {
		this.#flights.delete(itemKey);
		return this.#slots.delete(itemKey);
	}

	/** The item was queued again by hand: its back-off no longer applies. */
	requeued(itemKey: string): void {
		this.#retryAt.delete(itemKey);
	}

	#poolFor(item: JobItem): KeyPool | undefined {
		const keys = this.#config.keys;
		const pool = typeof keys === 'function' ? keys({ ...item }) : keys;
		return pool && pool.size > 0 ? pool : undefined;
	}

	#expectedCost(item: JobItem): number | undefined {
		const listed = knownCost(this.#config.spendingCap?.costOf?.({ ...item }));
		if (listed !== undefined || this.#reportedCosts.length === 0) return listed;
		return this.#reportedCosts.reduce((sum, usd) => sum + usd, 0) / this.#reportedCosts.length;
	}

	#checkCap(item: JobItem): Admission {
		const capUsd = knownCost(this.#config.spendingCap?.capUsd());
		if (capUsd === undefined) return { type: 'start', item };
		let inFlightUsd = 0;
		let pending = 0;
		let unknownInFlight = false;
		for (const flight of this.#flights.values()) {
			if (flight.finished) continue;
			pending += 1;
			if (flight.costUsd === undefined) unknownInFlight = true;
			else inFlightUsd += flight.costUsd;
		}
		const nextUsd = this.#expectedCost(item);
		const spentUsd = this.spentUsd;
		const committed = spentUsd + inFlightUsd;
		const fits =
			nextUsd === undefined
				? committed < capUsd - EPSILON_USD
				: committed + nextUsd <= capUsd + EPSILON_USD;
		if (fits) {
			// What an item of unknown cost takes is learned from it alone, before anything else starts.
			const alone = nextUsd !== undefined || pending === 0;
			if (!unknownInFlight && alone) return { type: 'start', item };
			return { type: 'wait', drained: false };
		}
		const unit = this.#config.spendingCap?.unit;
		const spending = { capUsd, spentUsd, inFlightUsd, running: pending, nextUsd, unit };
		return { type: 'over-cap', item, spending };
	}
}

/** The pause reason for an `over-cap` answer. */
export function spendingCapReason(spending: SpendingView): string {
	const [one, many] = spending.unit ?? ['item', 'items'];
	const onTheWay = spending.running
		? ` and ${spending.running} ${spending.running === 1 ? one : many} on the way`
		: '';
	const next =
		spending.nextUsd === undefined
			? `the next ${one}’s cost is unknown`
			: `the next ${one} would cost about ${formatCost(spending.nextUsd)}`;
	return `Paused at the ${formatCost(spending.capUsd)} spending cap: ${formatCost(spending.spentUsd)} spent${onTheWay}; ${next}. Raise the cap to go on.`;
}
