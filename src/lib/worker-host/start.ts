import { wrap, type Remote } from 'comlink';
import { installErrorTransfer, type ErrorReviver } from '../../workers/shared/error-transfer';
import { WORKER_READY } from '../../workers/shared/serve-worker';
import type { WorkerHandle } from './queue';

/** A worker that could not start (its script failed to load) or stopped later (out of memory). */
export class WorkerCrash extends Error {
	override name = 'WorkerCrash';
	constructor(
		readonly worker: string,
		/** Whether the worker had started (told the page it was ready) before it failed. */
		readonly started: boolean,
		readonly detail: string
	) {
		super(
			started
				? `The ${worker} worker stopped: ${detail}`
				: `The ${worker} worker could not start: ${detail}`
		);
	}
}

/**
 * The page side of every worker: errors cross comlink with their name and kind (`revive` maps
 * error names to their classes), the API is wrapped, and the worker's 'error' event becomes a
 * `WorkerCrash` for `onDeath`. Takes the `Worker` itself because Vite finds worker entries only
 * in a literal `new Worker(new URL(…, import.meta.url))`.
 */
export function startWorker<Api>(
	worker: Worker,
	label: string,
	revive: Record<string, ErrorReviver> = {}
): WorkerHandle<Remote<Api>> {
	installErrorTransfer(revive);
	let started = false;
	let crash: WorkerCrash | undefined;
	const deathListeners: ((error: Error) => void)[] = [];
	worker.addEventListener('message', (event: MessageEvent) => {
		if ((event.data as { type?: unknown } | null)?.type === WORKER_READY) started = true;
	});
	worker.addEventListener('error', (event: Event) => {
		// Handled here: the facade reports it, so the console need not show it as uncaught.
		event.preventDefault();
		if (crash) return;
		const message = (event as ErrorEvent).message;
		crash = new WorkerCrash(label, started, message || 'no reason was given');
		console.warn(crash.message);
		for (const listener of deathListeners) listener(crash);
	});
	return {
		api: wrap<Api>(worker),
		terminate: () => worker.terminate(),
		onDeath: (listener) => {
			deathListeners.push(listener);
			if (crash) listener(crash);
		}
	};
}
