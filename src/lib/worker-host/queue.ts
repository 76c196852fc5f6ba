import { abortError } from '$lib/util/abort';

/** A started worker as the queue sees it: its API and a way to end it. */
export interface WorkerHandle<Api> {
	api: Api;
	terminate(): void;
	/** Register what to do when the worker dies on its own (failed to load, out of memory). */
	onDeath(listener: (error: Error) => void): void;
}

/** Settings of a `WorkerQueue`. */
export interface WorkerQueueOptions<Api> {
	start: () => WorkerHandle<Api>;
	/** The worker is ended after this long (ms) with nothing to do. */
	idleMs: number;
	/** The error for calls that were running when the worker died on its own. */
	deathError: (cause: Error) => Error;
	/**
	 * A running call that shows no sign of life (`heartbeat`) for this long (ms) is taken for
	 * a hung engine: the worker is ended and the call fails with a `WorkerStall` error.
	 */
	stallMs?: number;
}

/** The running call showed no sign of life for `stallMs`: its worker was ended. */
export class WorkerStall extends Error {
	override name = 'WorkerStall';
}

interface Task<Api> {
	run: (api: Api) => Promise<unknown>;
	signal?: AbortSignal;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * Runs calls on one lazily started worker, one at a time (the wasm engine is single-file and
 * synchronous anyway). Aborting the running call terminates the worker, because wasm cannot be
 * interrupted; the next call starts a fresh one. The worker is let go when idle.
 */
export class WorkerQueue<Api> {
	#options: WorkerQueueOptions<Api>;
	#worker: WorkerHandle<Api> | undefined;
	#queue: Task<Api>[] = [];
	#running: Task<Api> | undefined;
	#idleTimer: ReturnType<typeof setTimeout> | undefined;
	#stallTimer: ReturnType<typeof setTimeout> | undefined;
	#starts = 0;

	constructor(options: WorkerQueueOptions<Api>) {
		this.#options = options;
	}

	/** How many workers have been started so far (tests and diagnostics). */
	get starts(): number {
		return this.#starts;
	}

	/** Whether a worker is alive right now. */
	get alive(): boolean {
		return this.#worker !== undefined;
	}

	/** Tell the watchdog the running call is making progress. */
	heartbeat(): void {
		const stallMs = this.#options.stallMs;
		if (!stallMs || !this.#running) return;
		clearTimeout(this.#stallTimer);
		const task = this.#running;
		this.#stallTimer = setTimeout(() => this.#stalled(task), stallMs);
	}

	/** Queue `run` for the worker; rejects with an AbortError when `signal` fires first. */
	call<T>(signal: AbortSignal | undefined, run: (api: Api) => Promise<T>): Promise<T> {
		if (signal?.aborted) return Promise.reject(abortError(signal.reason));
		return new Promise<T>((resolve, reject) => {
			const task: Task<Api> = {
				run,
				signal,
				resolve: resolve as (value: unknown) => void,
				reject
			};
			signal?.addEventListener('abort', () => this.#abort(task), { once: true });
			this.#queue.push(task);
			this.#next();
		});
	}

	/** End the worker now; calls in flight fail with an AbortError. */
	terminate(): void {
		const running = this.#running;
		this.#stopWorker();
		if (running) {
			this.#running = undefined;
			running.reject(abortError());
		}
		for (const task of this.#queue.splice(0)) task.reject(abortError());
	}

	#stalled(task: Task<Api>): void {
		if (this.#running !== task) return;
		this.#running = undefined;
		this.#stopWorker();
		task.reject(new WorkerStall('The worker stopped responding.'));
		this.#next();
	}

	#abort(task: Task<Api>): void {
		const reason = abortError(task.signal?.reason);
		if (this.#running === task) {
			this.#running = undefined;
			this.#stopWorker();
			task.reject(reason);
			this.#next();
			return;
		}
		const at = this.#queue.indexOf(task);
		if (at >= 0) {
			this.#queue.splice(at, 1);
			task.reject(reason);
		}
	}

	#next(): void {
		if (this.#running) return;
		const task = this.#queue.shift();
		if (!task) {
			this.#scheduleIdle();
			return;
		}
		clearTimeout(this.#idleTimer);
		this.#running = task;
		const worker = this.#ensureWorker();
		this.heartbeat();
		task.run(worker.api).then(
			(value) => this.#settle(task, () => task.resolve(value)),
			(error: unknown) => this.#settle(task, () => task.reject(error))
		);
	}

	#settle(task: Task<Api>, finish: () => void): void {
		if (this.#running !== task) return;
		clearTimeout(this.#stallTimer);
		this.#running = undefined;
		finish();
		this.#next();
	}

	#ensureWorker(): WorkerHandle<Api> {
		if (!this.#worker) {
			const worker = this.#options.start();
			this.#starts++;
			worker.onDeath((cause) => {
				if (this.#worker !== worker) return;
				const running = this.#running;
				this.#running = undefined;
				this.#stopWorker();
				running?.reject(this.#options.deathError(cause));
				this.#next();
			});
			this.#worker = worker;
		}
		return this.#worker;
	}

	#stopWorker(): void {
		clearTimeout(this.#idleTimer);
		clearTimeout(this.#stallTimer);
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#scheduleIdle(): void {
		clearTimeout(this.#idleTimer);
		if (!this.#worker) return;
		this.#idleTimer = setTimeout(() => {
			if (!this.#running && this.#queue.length === 0) this.#stopWorker();
		}, this.#options.idleMs);
	}
}
