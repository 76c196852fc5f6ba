/** The part of the Web Locks API a job lock needs, so tests can hand in their own. */
export interface LockManagerLike {
	request(
		name: string,
		options: { ifAvailable: boolean },
		callback: (lock: unknown) => Promise<void> | void
	): Promise<unknown>;
}

/** Gives a job lock back. */
export type ReleaseLock = () => void;

/** The browser's lock manager, when there is one. */
export function browserLocks(): LockManagerLike | undefined {
	return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : undefined;
}

/**
 * Take a job's Web Lock so only one runner, in this tab or another, works on a job and
 * nothing is requested twice. Undefined when someone else holds it. Without Web Locks (Node)
 * or when the browser refuses them there is nothing to coordinate with, and it succeeds.
 */
export function lockJob(
	jobId: string,
	locks: LockManagerLike | undefined = browserLocks()
): Promise<ReleaseLock | undefined> {
	const unlocked: ReleaseLock = () => {};
	if (!locks) return Promise.resolve(unlocked);
	return new Promise((resolve) => {
		locks
			.request(`maestro-job:${jobId}`, { ifAvailable: true }, (lock) => {
				if (!lock) return resolve(undefined);
				return new Promise<void>((release) => resolve(() => release()));
			})
			.catch(() => resolve(unlocked));
	});
}
