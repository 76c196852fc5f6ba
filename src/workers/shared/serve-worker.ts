import { expose } from 'comlink';
import { installErrorTransfer } from './error-transfer';

/** Posted once the worker's API is exposed; comlink ignores it (it carries no call id). */
export const WORKER_READY = 'maestro-worker-ready';

/**
 * The worker side of `startWorker`: errors cross with their name and kind, the API is exposed,
 * and the page is told the worker started (so a later 'error' event reads as a crash, not a
 * failed start).
 */
export function serveWorker(api: object): void {
	installErrorTransfer();
	expose(api);
	self.postMessage({ type: WORKER_READY });
}
