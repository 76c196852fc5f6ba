import type { Job, JobItem } from '$lib/domain/types';
import {
	appendJobItems,
	FINISHED_JOB_STATES,
	moveJobItems,
	patchJobItem,
	withJobState,
	type JobItemMove,
	type JobItemPatch,
	type NewJobItem
} from '$lib/store/jobs';
import { abortError } from '$lib/util/abort';
import {
	defaultClassifyError,
	messageOf,
	retryAfterOf,
	type ClassifyError,
	type ErrorVerdict
} from './item-errors';
import { lockJob, type LockManagerLike, type ReleaseLock } from './job-lock';
import { ItemWriteQueue } from './item-writes';
import { indexedDbJobStore, type JobStore } from './job-store';
import type { KeyPool } from './key-pool';
import type { Options } from './meta';
import {
	countItems,
	estimateEtaMs,
	LatencyTracker,
	type JobProgress,
	type WaitReason
} from './progress';
import type { RateLimiter } from './rate-limiter';
import { Scheduler, spendingCapReason, type SpendingCap } from './scheduler';

/** What an item's work gets besides the item itself. */
export interface ItemContext {
	/** Fires when the job or this item is cancelled, or the runner stops. */
	signal: AbortSignal;
	/** The key to call the provider with; undefined when the runner has no key pool. */
	key: string | undefined;
	/** 1 on the item's first try. */
	attempt: number;
	/**
	 * Save fields on the item at once (a provider's job id the moment it is known), so a
	 * reload hands them back in `item` instead of starting the work again. Throws if the
	 * save failed.
	 */
	remember: (data: Record<string, unknown>) => Promise<void>;
	/**
	 * Say the provider has answered and only local work (saving the result) is left, so the
	 * next item may start meanwhile: concurrency bounds calls to the provider, not saving.
	 */
	releaseSlot: () => void;
	/**
	 * Resolves once the item's "running" mark and attempt count are saved; rejects (and the
	 * signal fires) if they could not be. The work may call the provider before then, but must
	 * await this before it saves a result outside the job, so that a crash after the result is
	 * saved always finds the attempt counted.
	 */
	started: Promise<void>;
}

/** What finished work may report: its cost counts against `spendingCap`. */
export interface ItemResult {
	costUsd?: number;
}

/**
 * The work for one item. It should save its result before it resolves (the item is then
 * marked done and never run again) and throw to fail; the classifier decides what follows.
 */
export type ItemWork = (item: JobItem, context: ItemContext) => Promise<void | ItemResult>;

/** What a runner tells its listeners; every event carries the progress after the change. */
export type JobEvent =
	| { type: 'item'; item: JobItem; progress: JobProgress }
	| { type: 'state'; progress: JobProgress }
	| { type: 'waiting'; progress: JobProgress };

type JobChange = { type: 'item'; item: JobItem } | { type: 'state' } | { type: 'waiting' };

/** A progress listener. */
export type JobListener = (event: JobEvent) => void;

/** Everything a runner needs besides the saved job. */
export interface JobRunnerConfig {
	work: ItemWork;
	classifyError?: ClassifyError;
	/**
	 * Keys to rotate through: one pool, or a pool per item (one per style, say). Without one,
	 * `key` is undefined in the work's context.
	 */
	keys?: KeyPool | ((item: JobItem) => KeyPool | undefined);
	/** Share one limiter between jobs that call the same endpoint; one per job otherwise. */
	limiter?: RateLimiter;
	options?: Partial<Options>;
	/** An item starts only once this holds (e.g. the shot it follows has an image); call `poke()` when that may have changed. */
	isReady?: (item: JobItem) => boolean;
	/** No item starts that would take the projected spending past the cap; the job pauses instead. */
	spendingCap?: SpendingCap;
	/** Keep the job open when its queue drains, because `addItems` will bring more, until `close()`. */
	keepOpen?: boolean;
	/** Where the job is saved; IndexedDB by default. */
	store?: JobStore;
	/** The jitter source, so tests can pin it. */
	random?: () => number;
	/** Web Locks to keep other tabs off the job; the browser's by default, null for none. */
	locks?: LockManagerLike | null;
}

/** Raised by `JobRunner.open` when another tab (or runner) is already working on the job. */
export class JobBusyError extends Error {
	constructor() {
		super('This job is running in another tab.');
		this.name = 'JobBusyError';
	}
}

async function takeLock(jobId: string, config: JobRunnerConfig): Promise<ReleaseLock> {
	const release = await lockJob(jobId, config.locks === null ? undefined : config.locks);
	if (!release) throw new JobBusyError();
	return release;
}

const queuedToCancelled: JobItemMove = { from: ['queued'], to: 'cancelled' };

/**
 * Runs the queued items of a saved job: the `Scheduler` decides what may start (concurrency,
 * requests per minute, back-off, keys, spending cap); the runner runs it, saves every change to
 * an item the moment it happens, and handles cancel, pause, and resume after a reload. An item
 * saved as done never runs again.
 */
export class JobRunner {
	readonly jobId: string;
	readonly #config: JobRunnerConfig;
	readonly #scheduler: Scheduler;
	readonly #store: JobStore;
	readonly #latency = new LatencyTracker();
	readonly #listeners = new Set<JobListener>();
	readonly #inFlight = new Map<string, AbortController>();
	readonly #writes: ItemWriteQueue;
	/** Item changes made but not yet saved and told to listeners. */
	#unsaved = 0;
	#idleWaiters: Array<(progress: JobProgress) => void> = [];
	#job: Job;
	#open: boolean;
	#looping = false;
	#woken = false;
	#wakeUp: (() => void) | undefined;
	#stopping = false;
	#waitingUntil: number | undefined;
	#waitingFor: WaitReason | undefined;
	readonly #release: ReleaseLock;

	private constructor(job: Job, config: JobRunnerConfig, release: ReleaseLock) {
		this.jobId = job.id;
		this.#release = release;
		this.#job = job;
		this.#config = config;
		this.#scheduler = new Scheduler(config);
		this.#store = config.store ?? indexedDbJobStore;
		this.#open = config.keepOpen ?? false;
		this.#writes = new ItemWriteQueue((patches) =>
			this.#persist(() => this.#store.patchJobItems(this.jobId, patches))
		);
	}

	/**
	 * Load a saved job. Items a crash or reload left running go back to the queue; done items
	 * stay done. Call `start()` to work on it (a job saved as running picks up where it was).
	 */
	static async open(jobId: string, config: JobRunnerConfig): Promise<JobRunner> {
		const store = config.store ?? indexedDbJobStore;
		const release = await takeLock(jobId, config);
		try {
			let job = await store.updateJobItems(jobId, { from: ['running'], to: 'queued' });
			if (job?.state === 'cancelled') job = await store.updateJobItems(jobId, queuedToCancelled);
			if (!job) throw new Error('This job is no longer saved.');
			return new JobRunner(job, config, release);
		} catch (error) {
			release();
			throw error;
		}
	}

	/** Save a new job (all items queued) and open a runner for it; `start()` begins the work. */
	static async create(
		projectId: string,
		kind: string,
		items: readonly NewJobItem[],
		config: JobRunnerConfig
	): Promise<JobRunner> {
		const store = config.store ?? indexedDbJobStore;
		const job = await store.createJob(projectId, kind, items);
		return new JobRunner(job, config, await takeLock(job.id, config));
	}

	/** The job's state as this runner holds it. */
	get state(): Job['state'] {
		return this.#job.state;
	}

	/** Copies of the items, in job order. */
	get items(): JobItem[] {
		return this.#job.items.map((item) => ({ ...item }));
	}

	/** Counts, state, running count and ETA for the UI. */
	get progress(): JobProgress {
		const counts = countItems(this.#job.items);
		const progress: JobProgress = {
			jobId: this.jobId,
			kind: this.#job.kind,
			state: this.#job.state,
			...counts
		};
		if (this.#job.pauseReason) progress.pauseReason = this.#job.pauseReason;
		const etaMs = estimateEtaMs({
			remaining: counts.queued + counts.running,
			queued: counts.queued,
			concurrency: this.#scheduler.options.concurrency,
			latencyMs: this.#latency.meanMs,
			requestsPerMinute: this.#scheduler.requestsPerMinute
		});
		if (etaMs !== undefined) progress.etaMs = etaMs;
		if (this.#waitingUntil !== undefined && this.#waitingFor) {
			progress.waitingUntil = this.#waitingUntil;
			progress.waitingFor = this.#waitingFor;
		}
		return progress;
	}

	/** Listen to item changes, state changes and waits; returns the unsubscribe function. */
	subscribe(listener: JobListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Begin working if the job is saved as running (resume on load); a paused job waits for `resume()`. */
	start(): void {
		if (this.#job.state === 'running') this.#ensureLoop();
	}

	/** Resolves once nothing is in flight and the queue is not being worked (done, paused, cancelled or stopped). */
	idle(): Promise<JobProgress> {
		if (this.#isIdle()) return Promise.resolve(this.progress);
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	/** Hold the queue: no new item starts, items in flight finish. */
	async pause(reason?: string): Promise<void> {
		if (this.#job.state === 'running') await this.#setState('paused', reason);
	}

	/** Release a paused queue. */
	async resume(): Promise<void> {
		if (this.#job.state === 'paused') await this.#setState('running');
		this.start();
	}

	/** Stop the job: work in flight is aborted through its signal, queued items are cancelled. */
	async cancel(): Promise<void> {
		if (FINISHED_JOB_STATES.has(this.#job.state)) return;
		this.#job = withJobState(this.#cancelQueued(this.#job), 'cancelled');
		for (const controller of this.#inFlight.values()) controller.abort(abortError('Cancelled.'));
		this.#wake();
		this.#emit({ type: 'state' });
		if (await this.#persist(() => this.#store.updateJobItems(this.jobId, queuedToCancelled))) {
			await this.#persist(() => this.#store.setJobState(this.jobId, 'cancelled'));
		}
	}

	/** Cancel one item: aborted if in flight, dropped from the queue otherwise. */
	async cancelItem(key: string): Promise<void> {
		const controller = this.#inFlight.get(key);
		if (controller) {
			controller.abort(abortError('Cancelled.'));
			return;
		}
		if (this.#find(key)?.status === 'queued') {
			await this.#saveItem(key, { status: 'cancelled' });
			this.#wake();
		}
	}

	/**
	 * Queue failed and cancelled items again (all, or those keys) with a fresh attempt count.
	 * A finished job runs again; a paused one waits for `resume()`.
	 */
	async retry(keys?: readonly string[]): Promise<void> {
		const move: JobItemMove = { from: ['failed', 'cancelled'], to: 'queued', resetAttempts: true };
		if (keys) move.keys = keys;
		const before = this.#job.items;
		this.#job = moveJobItems(this.#job, move);
		const requeued = this.#job.items.filter((item, i) => before[i]?.status !== item.status);
		for (const item of requeued) this.#scheduler.requeued(item.key);
		if (!(await this.#persist(() => this.#store.updateJobItems(this.jobId, move)))) return;
		for (const item of requeued) this.#emit({ type: 'item', item });
		if (FINISHED_JOB_STATES.has(this.#job.state)) await this.#setState('running');
		this.start();
	}

	/** Append items (keys already in the job are ignored); a done job runs again for them. */
	async addItems(items: readonly NewJobItem[]): Promise<void> {
		this.#job = appendJobItems(this.#job, items);
		if (!(await this.#persist(() => this.#store.addJobItems(this.jobId, items)))) return;
		if (this.#job.state === 'done') await this.#setState('running');
		else this.#emit({ type: 'state' });
		this.start();
	}

	/** Say no more items are coming, so a `keepOpen` job finishes once its queue drains. */
	close(): void {
		this.#open = false;
		this.#wake();
	}

	/** Look at the queue again, e.g. after something an `isReady` check depends on changed. */
	poke(): void {
		this.#wake();
	}

	/**
	 * Let go of the job without changing its saved state (leaving the page): work in flight is
	 * aborted and its items go back to the queue, and the job's lock is released, so the job
	 * resumes when next opened, here or in another tab. The runner is not used after this.
	 */
	async stop(): Promise<void> {
		this.#stopping = true;
		for (const controller of this.#inFlight.values()) controller.abort(abortError('Stopped.'));
		this.#wake();
		await this.idle();
		this.#release();
	}

	#find(key: string): JobItem | undefined {
		return this.#job.items.find((item) => item.key === key);
	}

	#cancelQueued(job: Job): Job {
		const items = job.items.map((item) =>
			item.status === 'queued' && !this.#inFlight.has(item.key)
				? { ...item, status: 'cancelled' as const }
				: item
		);
		return { ...job, items };
	}

	#isIdle(): boolean {
		return !this.#looping && this.#inFlight.size === 0 && this.#unsaved === 0;
	}

	#checkIdle(): void {
		if (!this.#isIdle() || this.#idleWaiters.length === 0) return;
		const waiters = this.#idleWaiters;
		this.#idleWaiters = [];
		const progress = this.progress;
		for (const resolve of waiters) resolve(progress);
	}

	#emit(change: JobChange): void {
		const event = { ...change, progress: this.progress } as JobEvent;
		if (event.type === 'item') event.item = { ...event.item };
		for (const listener of [...this.#listeners]) {
			try {
				listener(event);
			} catch (error) {
				console.error(error);
			}
		}
	}

	#wake(): void {
		this.#woken = true;
		this.#wakeUp?.();
	}

	/** Wait until woken, or until `until` when given. Returns at once if woken since the loop's last turn. */
	#sleep(until?: number, reason?: WaitReason): Promise<void> {
		if (this.#woken) return Promise.resolve();
		if (until !== this.#waitingUntil || reason !== this.#waitingFor) {
			this.#waitingUntil = until;
			this.#waitingFor = until === undefined ? undefined : reason;
			if (until !== undefined) this.#emit({ type: 'waiting' });
		}
		return new Promise((resolve) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const wakeUp = () => {
				clearTimeout(timer);
				this.#wakeUp = undefined;
				resolve();
			};
			if (until !== undefined) timer = setTimeout(wakeUp, Math.max(0, until - Date.now()));
			this.#wakeUp = wakeUp;
		});
	}

	#ensureLoop(): void {
		if (this.#looping) {
			this.#wake();
			return;
		}
		this.#looping = true;
		void this.#dispatch();
	}

	/** The one loop that starts items; it ends only at the check at the top of a turn. */
	async #dispatch(): Promise<void> {
		try {
			for (;;) {
				this.#woken = false;
				if (this.#job.state !== 'running' || this.#stopping) break;
				await this.#turn();
			}
		} catch (error) {
			this.#pauseInMemory(`The job stopped on an error: ${messageOf(error)}`);
		} finally {
			this.#looping = false;
			this.#waitingUntil = undefined;
			this.#waitingFor = undefined;
			this.#checkIdle();
		}
	}

	/**
	 * One step of the loop: start every item that can start now, or wait for the reason none
	 * can. Items started back to back (no await between them) have their "running" marks
	 * saved in one write.
	 */
	async #turn(): Promise<void> {
		for (;;) {
			if (this.#job.state !== 'running' || this.#stopping) return;
			const admission = this.#scheduler.next(this.#job.items, Date.now());
			if (admission.type === 'wait') {
				const settled = this.#inFlight.size === 0 && this.#unsaved === 0;
				if (admission.drained && !this.#open && settled) return this.#setState('done');
				return this.#sleep(admission.until, admission.reason);
			}
			if (admission.type === 'over-cap') return this.pause(spendingCapReason(admission.spending));
			if (!this.#startItem(admission.item)) return;
		}
	}

	/** False when the item's key pool had no key left after all. */
	#startItem(item: JobItem): boolean {
		const started = this.#scheduler.start(item, Date.now());
		if (!started) return false;
		const controller = new AbortController();
		this.#inFlight.set(item.key, controller);
		this.#waitingUntil = undefined;
		this.#waitingFor = undefined;
		void this.#runItem(item.key, started.key, item.attempts + 1, controller);
		return true;
	}

	async #runItem(
		itemKey: string,
		key: string | undefined,
		attempt: number,
		controller: AbortController
	): Promise<void> {
		// The request goes out while the mark is written: an IndexedDB write can wait behind
		// others (a burst of saved images) and must not hold up the provider.
		let markFailed = false;
		const started = this.#saveItem(itemKey, { status: 'running', attempts: attempt }).then(
			(saved) => {
				if (saved) return;
				markFailed = true;
				controller.abort(abortError('The job could not be saved.'));
				throw abortError('The job could not be saved.');
			}
		);
		started.catch(() => {});
		try {
			const item = this.#find(itemKey);
			if (!item) return;
			if (controller.signal.aborted) throw abortError(controller.signal.reason);
			const startedAt = Date.now();
			const remember = async (data: Record<string, unknown>) => {
				if (!(await this.#saveItem(itemKey, { data }))) {
					throw new Error('Progress could not be saved.');
				}
			};
			const releaseSlot = () => this.#releaseSlot(itemKey);
			const result = await this.#config.work(
				{ ...item },
				{ signal: controller.signal, key, attempt, remember, releaseSlot, started }
			);
			await started;
			const finishedAt = Date.now();
			this.#latency.record(finishedAt - startedAt);
			const outcome = result?.costUsd === undefined ? {} : { costUsd: result.costUsd };
			this.#scheduler.finished(itemKey, { type: 'ok', ...outcome }, finishedAt);
			// The slot is free once the work is: the next item starts while "done" is written.
			const saved = this.#saveItem(itemKey, { status: 'done', lastError: null });
			this.#inFlight.delete(itemKey);
			if (this.#scheduler.settled(itemKey)) this.#wake();
			await saved;
		} catch (error) {
			await started.catch(() => {});
			if (markFailed) {
				const status = this.#job.state === 'cancelled' ? 'cancelled' : 'queued';
				this.#patchMemory(itemKey, { status, attempts: attempt - 1 });
			} else {
				await this.#handleFailure(itemKey, attempt, controller.signal, error);
			}
		} finally {
			this.#inFlight.delete(itemKey);
			this.#scheduler.settled(itemKey);
			this.#wake();
			this.#checkIdle();
		}
	}

	async #handleFailure(
		itemKey: string,
		attempt: number,
		signal: AbortSignal,
		error: unknown
	): Promise<void> {
		if (signal.aborted) {
			await this.#saveItem(itemKey, { status: this.#stopping ? 'queued' : 'cancelled' });
			return;
		}
		const item = this.#find(itemKey);
		if (!item) return;
		const classified = this.#classify(error, item);
		const retryAfterMs = classified.retryAfterMs ?? retryAfterOf(error);
		const verdict = retryAfterMs === undefined ? classified : { ...classified, retryAfterMs };
		const lastError = verdict.message ?? messageOf(error);
		const next = this.#scheduler.finished(
			itemKey,
			{ type: 'failed', attempt, verdict },
			Date.now()
		);
		await this.#saveItem(itemKey, { status: next === 'retry' ? 'queued' : 'failed', lastError });
	}

	#classify(error: unknown, item: JobItem): ErrorVerdict {
		const classify = this.#config.classifyError ?? defaultClassifyError;
		try {
			return classify(error, { ...item });
		} catch {
			return defaultClassifyError(error);
		}
	}

	#releaseSlot(key: string): void {
		if (this.#scheduler.releaseSlot(key)) this.#wake();
	}

	#patchMemory(key: string, patch: JobItemPatch): void {
		this.#job = patchJobItem(this.#job, key, patch) ?? this.#job;
	}

	/** Change an item in memory at once, save it, then tell listeners. False when the save failed. */
	async #saveItem(key: string, patch: JobItemPatch): Promise<boolean> {
		this.#patchMemory(key, patch);
		this.#unsaved += 1;
		const saved = await this.#writes.save(key, patch);
		const item = this.#find(key);
		if (item) this.#emit({ type: 'item', item });
		this.#unsaved -= 1;
		this.#checkIdle();
		return saved;
	}

	async #setState(state: Job['state'], reason?: string): Promise<void> {
		this.#job = withJobState(this.#job, state, reason);
		this.#wake();
		this.#emit({ type: 'state' });
		await this.#persist(() => this.#store.setJobState(this.jobId, state, reason));
	}

	/** Run a write; a failed write pauses the job with the reason, a vanished job is cancelled. */
	async #persist(write: () => Promise<Job | undefined>): Promise<boolean> {
		try {
			if (await write()) return true;
			this.#job = withJobState(this.#cancelQueued(this.#job), 'cancelled');
			for (const controller of this.#inFlight.values()) controller.abort(abortError('Deleted.'));
			this.#wake();
			this.#emit({ type: 'state' });
			return false;
		} catch (error) {
			this.#pauseInMemory(`Progress could not be saved (${messageOf(error)}).`);
			return false;
		}
	}

	#pauseInMemory(reason: string): void {
		if (this.#job.state !== 'running') return;
		this.#job = withJobState(this.#job, 'paused', reason);
		this.#wake();
		this.#emit({ type: 'state' });
		this.#store.setJobState(this.jobId, 'paused', reason).catch(() => {});
	}
}
