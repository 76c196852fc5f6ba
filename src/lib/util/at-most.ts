/**
 * Run `task(0)` … `task(count - 1)`, starting them in order with at most `limit` running at
 * once; resolves when all have settled. A task should catch its own errors: a throw ends its
 * lane (the others go on) and is raised once every lane is done.
 */
export async function forEachAtMost(
	limit: number,
	count: number,
	task: (index: number) => Promise<void>
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < count) await task(next++);
	};
	const lanes = Array.from({ length: Math.max(0, Math.min(limit, count)) }, lane);
	const results = await Promise.allSettled(lanes);
	const failed = results.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
}
