import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '$lib/jobs/runner';
import { keys, runnerFor, settle, T0, useFakeClock, wait } from './runner-helpers';

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe('JobRunner.start', () => {
	it('works every item once, saves each as done and finishes the job', async () => {
		const calls: string[] = [];
		const { runner, store } = await runnerFor(keys(5), {
			work: async (item) => {
				calls.push(item.key);
				await wait(100);
			}
		});
		runner.start();
		const progress = await settle(runner);
		expect(calls.sort()).toEqual(keys(5));
		expect(progress).toMatchObject({ state: 'done', total: 5, done: 5, running: 0, etaMs: 0 });
		const saved = store.peek(runner.jobId);
		expect(saved?.state).toBe('done');
		expect(saved?.items.map((item) => [item.status, item.attempts])).toEqual(
			keys(5).map(() => ['done', 1])
		);
	});

	it('never has more items in flight than the concurrency limit', async () => {
		let inFlight = 0;
		let most = 0;
		const { runner } = await runnerFor(keys(30), {
			options: { concurrency: 3, requestsPerMinute: 0 },
			work: async (item) => {
				inFlight += 1;
				most = Math.max(most, inFlight);
				await wait(50 + ((Number(item.key.slice(4)) * 37) % 200));
				inFlight -= 1;
			}
		});
		runner.start();
		const progress = await settle(runner);
		expect(progress.done).toBe(30);
		expect(most).toBe(3);
	});

	it('bounds calls, not saving: an item that released its slot lets the next one start', async () => {
		let calling = 0;
		let mostCalling = 0;
		let mostWorking = 0;
		let working = 0;
		const { runner } = await runnerFor(keys(12), {
			options: { concurrency: 3, requestsPerMinute: 0 },
			work: async (_item, { releaseSlot }) => {
				working += 1;
				calling += 1;
				mostWorking = Math.max(mostWorking, working);
				mostCalling = Math.max(mostCalling, calling);
				await wait(1_000);
				calling -= 1;
				releaseSlot();
				releaseSlot();
				await wait(500);
				working -= 1;
			}
		});
		runner.start();
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 12 });
		expect(mostCalling).toBe(3);
		expect(mostWorking).toBe(6);
		expect(Date.now() - T0).toBe(4 * 1_000 + 500);
	});

	it('adds no idle time of its own: 30 items of 1.5 s at 6 at once take 5 rounds', async () => {
		const { runner } = await runnerFor(keys(30), {
			options: { concurrency: 6, requestsPerMinute: 0 },
			work: () => wait(1_500)
		});
		runner.start();
		await settle(runner);
		expect(Date.now() - T0).toBe(7_500);
	});

	it('starts no more than the requests-per-minute limit in any minute', async () => {
		const starts: number[] = [];
		const { runner } = await runnerFor(keys(25), {
			options: { concurrency: 10, requestsPerMinute: 10 },
			work: async () => {
				starts.push(Date.now());
				await wait(100);
			}
		});
		runner.start();
		await settle(runner);
		expect(starts).toHaveLength(25);
		for (let i = 0; i + 10 < starts.length; i++) {
			expect(starts[i + 10]! - starts[i]!).toBeGreaterThanOrEqual(60_000);
		}
		expect(starts.filter((t) => t < T0 + 60_000)).toHaveLength(10);
		expect(starts.at(-1)! - T0).toBe(120_000);
	});

	it('shares one limiter between items that start together', async () => {
		const { runner } = await runnerFor(keys(4), {
			options: { concurrency: 4, requestsPerMinute: 2 },
			work: () => wait(10)
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runner.progress.done).toBe(2);
		expect(runner.progress).toMatchObject({ waitingUntil: T0 + 60_000, waitingFor: 'rate-limit' });
		await settle(runner);
		expect(runner.progress.done).toBe(4);
	});

	it('reports item changes and an ETA from the observed latency', async () => {
		const events: JobEvent[] = [];
		const { runner } = await runnerFor(keys(8), {
			options: { concurrency: 2, requestsPerMinute: 0 },
			work: () => wait(1_000)
		});
		runner.subscribe((event) => events.push(event));
		runner.start();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runner.progress).toMatchObject({ done: 2, running: 2, queued: 4, etaMs: 3_000 });
		await settle(runner);
		const doneEvents = events.filter((e) => e.type === 'item' && e.item.status === 'done');
		expect(doneEvents).toHaveLength(8);
		expect(events.at(-1)).toMatchObject({ type: 'state', progress: { state: 'done', done: 8 } });
	});
});
