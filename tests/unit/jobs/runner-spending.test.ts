import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys, runnerFor, settle, useFakeClock, wait } from './runner-helpers';

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe('JobRunner spendingCap', () => {
	it('pauses before the item that would pass the cap and goes on once it is raised', async () => {
		const started: string[] = [];
		let cap: number | undefined = 1;
		const { runner, store } = await runnerFor(keys(5), {
			options: { concurrency: 2, requestsPerMinute: 0 },
			spendingCap: { capUsd: () => cap, costOf: () => 0.3 },
			work: async (item) => {
				started.push(item.key);
				await wait(100);
				return { costUsd: 0.25 };
			}
		});
		runner.start();
		const paused = await settle(runner);
		// Two start (the concurrency), then a third after the first cost 0.25; when the second has
		// cost 0.25 too, 0.5 spent and 0.3 on the way leave no room for a fourth 0.3, so the job
		// pauses and the one in flight finishes.
		expect(started).toEqual(['item1', 'item2', 'item3']);
		expect(paused).toMatchObject({ state: 'paused', done: 3, queued: 2 });
		const reason =
			'Paused at the $1.00 spending cap: $0.500 spent and 1 item on the way; the next item would cost about $0.300. Raise the cap to go on.';
		expect(paused.pauseReason).toBe(reason);
		expect(store.peek(runner.jobId)?.pauseReason).toBe(reason);
		// They cost 0.25 each (0.75 spent): with the cap raised to 1.1, one more fits, a second does not.
		cap = 1.1;
		await runner.resume();
		expect(await settle(runner)).toMatchObject({ state: 'paused', done: 4, queued: 1 });
		expect(started).toEqual(['item1', 'item2', 'item3', 'item4']);
		cap = undefined;
		await runner.resume();
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 5 });
	});
});
