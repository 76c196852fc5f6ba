/** An AbortError like the one `fetch` throws, for work cancelled through an AbortSignal. */
export function abortError(reason?: unknown): Error {
	if (reason instanceof Error && reason.name === 'AbortError') return reason;
	return new DOMException(
		typeof reason === 'string' ? reason : 'The operation was aborted.',
		'AbortError'
	);
}

/** Throw an AbortError when the signal has already fired; call it between steps of long work. */
export function assertSignal(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw abortError(signal.reason);
}

/** Whether an error means "cancelled" (silent at the UI boundary) rather than "failed". */
export function isAbortError(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		'name' in error &&
		(error.name === 'AbortError' || error.name === 'TimeoutError')
	);
}

/**
 * Race `work` against the signal: rejects with an AbortError as soon as the signal fires,
 * calling `onAbort` (e.g. to kill a worker) once. The work itself is not stopped by this.
 */
export function abortable<T>(
	signal: AbortSignal | undefined,
	work: Promise<T>,
	onAbort?: () => void
): Promise<T> {
	if (!signal) return work;
	if (signal.aborted) {
		onAbort?.();
		work.catch(() => {});
		return Promise.reject(abortError(signal.reason));
	}
	return new Promise<T>((resolve, reject) => {
		const stop = () => {
			onAbort?.();
			reject(abortError(signal.reason));
		};
		signal.addEventListener('abort', stop, { once: true });
		work.then(
			(value) => {
				signal.removeEventListener('abort', stop);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', stop);
				reject(error);
			}
		);
	});
}

/** Wait `ms`, or reject with an AbortError as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortError(signal.reason));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError(signal?.reason));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
