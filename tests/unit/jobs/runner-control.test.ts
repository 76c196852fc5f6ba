import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryJobStore } from '$lib/jobs/job-store';
import { JobRunner } from '$lib/jobs/runner';
import { keys, runnerFor, settle, useFakeClock, wait } from './runner-helpers';

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe('JobRunner.cancel', () => {
	it('aborts the work in flight and cancels what was queued', async () => {
		const signals: AbortSignal[] = [];
		const { runner, store } = await runnerFor(keys(6), {
			options: { concurrency: 2 },
			work: async (_item, { signal }) => {
				signals.push(signal);
				await wait(10_000, signal);
			}
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(1_000);
		await runner.cancel();
		const progress = await settle(runner);
		expect(signals).toHaveLength(2);
		expect(signals.every((signal) => signal.aborted)).toBe(true);
		expect(progress).toMatchObject({ state: 'cancelled', cancelled: 6, done: 0, running: 0 });
		const saved = store.peek(runner.jobId);
		expect(saved?.state).toBe('cancelled');
		expect(saved?.items.map((item) => item.status)).toEqual(keys(6).map(() => 'cancelled'));
	});

	it('keeps a result that arrived although the job was cancelled, so it is never paid twice', async () => {
		const { runner } = await runnerFor(['a', 'b'], {
			options: { concurrency: 1 },
			work: () => wait(1_000)
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(500);
		await runner.cancel();
		await settle(runner);
		expect(runner.items.map((item) => item.status)).toEqual(['done', 'cancelled']);
	});

	it('cancels one item and lets the rest run', async () => {
		const { runner } = await runnerFor(['a', 'b', 'c'], {
			options: { concurrency: 1 },
			work: (_item, { signal }) => wait(1_000, signal)
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(10);
		await runner.cancelItem('a');
		await runner.cancelItem('c');
		const progress = await settle(runner);
		expect(runner.items.map((item) => item.status)).toEqual(['cancelled', 'done', 'cancelled']);
		expect(progress.state).toBe('done');
	});
});

describe('JobRunner.pause', () => {
	it('holds the queue while in-flight items finish, and resume carries on', async () => {
		const started: string[] = [];
		const { runner, store } = await runnerFor(keys(6), {
			options: { concurrency: 2, requestsPerMinute: 0 },
			work: async (item) => {
				started.push(item.key);
				await wait(1_000);
			}
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(500);
		await runner.pause();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(started).toHaveLength(2);
		expect(runner.progress).toMatchObject({ state: 'paused', done: 2, queued: 4, running: 0 });
		expect(store.peek(runner.jobId)?.state).toBe('paused');
		await runner.resume();
		const progress = await settle(runner);
		expect(progress).toMatchObject({ state: 'done', done: 6 });
		expect(started).toEqual(keys(6));
	});
});

describe('JobRunner.addItems', () => {
	it('keeps an open job waiting for items until it is closed', async () => {
		const worked: string[] = [];
		const { runner } = await runnerFor(['shot1'], {
			keepOpen: true,
			work: async (item) => {
				worked.push(item.key);
				await wait(100);
			}
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runner.progress).toMatchObject({ state: 'running', done: 1 });
		await runner.addItems([{ key: 'shot2' }, { key: 'shot1' }]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(worked).toEqual(['shot1', 'shot2']);
		expect(runner.state).toBe('running');
		runner.close();
		expect(await settle(runner)).toMatchObject({ state: 'done', total: 2, done: 2 });
	});

	it('starts an item only once its condition holds', async () => {
		const ready = new Set(['a']);
		const worked: string[] = [];
		const { runner } = await runnerFor(['a', 'b'], {
			isReady: (item) => ready.has(item.key),
			work: async (item) => void worked.push(item.key)
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(5_000);
		expect(worked).toEqual(['a']);
		expect(runner.state).toBe('running');
		ready.add('b');
		runner.poke();
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 2 });
		expect(worked).toEqual(['a', 'b']);
	});

	it('runs a finished job again for the new items', async () => {
		const { runner } = await runnerFor(['a'], { work: () => wait(10) });
		runner.start();
		await settle(runner);
		await runner.addItems([{ key: 'b' }]);
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 2 });
	});
});

describe('JobRunner.stop', () => {
	it('puts in-flight items back in the queue so another runner resumes them', async () => {
		const store = createMemoryJobStore();
		const { runner } = await runnerFor(
			keys(3),
			{
				options: { concurrency: 2 },
				work: (_item, { signal }) => wait(1_000, signal)
			},
			store
		);
		runner.start();
		await vi.advanceTimersByTimeAsync(1_500);
		await runner.stop();
		const saved = store.peek(runner.jobId);
		expect(saved?.state).toBe('running');
		expect(saved?.items.map((item) => item.status)).toEqual(['done', 'done', 'queued']);
		const worked: string[] = [];
		const next = await JobRunner.open(runner.jobId, {
			store,
			work: async (item) => void worked.push(item.key)
		});
		next.start();
		expect(await settle(next)).toMatchObject({ state: 'done', done: 3 });
		expect(worked).toEqual(['item3']);
	});
});

describe('JobRunner saving', () => {
	it('pauses with a clear reason, aborts the work and keeps nothing when progress cannot be saved', async () => {
		const store = createMemoryJobStore();
		store.patchJobItems = async () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		let kept = 0;
		const aborted: boolean[] = [];
		const { runner } = await runnerFor(
			keys(3),
			{
				work: async (_item, context) => {
					await context.started.finally(() => aborted.push(context.signal.aborted));
					kept += 1;
				}
			},
			store
		);
		runner.start();
		const progress = await settle(runner);
		expect(kept).toBe(0);
		expect(aborted.length).toBeGreaterThan(0);
		expect(aborted.every(Boolean)).toBe(true);
		expect(progress.state).toBe('paused');
		expect(progress.pauseReason).toMatch(/could not be saved.*quota/i);
		expect(progress.queued).toBe(3);
	});

	it('saves every mark in order while writes overlap: running, then done', async () => {
		const store = createMemoryJobStore();
		const write = store.patchJobItems;
		const writes: string[] = [];
		store.patchJobItems = async (jobId, patches) => {
			writes.push(...patches.map(({ key, patch }) => `${key}:${patch.status}`));
			await wait(20);
			return write(jobId, patches);
		};
		const { runner } = await runnerFor(
			keys(12),
			{ options: { concurrency: 6, requestsPerMinute: 0 }, work: () => wait(15) },
			store
		);
		runner.start();
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 12 });
		for (const key of keys(12)) {
			expect(writes.filter((mark) => mark.startsWith(`${key}:`))).toEqual([
				`${key}:running`,
				`${key}:done`
			]);
		}
		expect(store.peek(runner.jobId)?.items.every((item) => item.status === 'done')).toBe(true);
	});

	it('starts the work while the running mark is saved; `started` waits for the save', async () => {
		const store = createMemoryJobStore();
		const write = store.patchJobItems;
		const events: string[] = [];
		store.patchJobItems = async (jobId, patches) => {
			await wait(40);
			const saved = await write(jobId, patches);
			events.push(...patches.map(({ key, patch }) => `saved ${key}:${patch.status}`));
			return saved;
		};
		const { runner } = await runnerFor(
			keys(2),
			{
				options: { concurrency: 2, requestsPerMinute: 0 },
				work: async (item, context) => {
					events.push(`work ${item.key}`);
					await context.started;
					events.push(`result ${item.key}`);
				}
			},
			store
		);
		runner.start();
		expect(await settle(runner)).toMatchObject({ state: 'done', done: 2 });
		const [a, b] = keys(2);
		expect(events.slice(0, 6)).toEqual([
			`work ${a}`,
			`work ${b}`,
			`saved ${a}:running`,
			`saved ${b}:running`,
			`result ${a}`,
			`result ${b}`
		]);
		expect(store.peek(runner.jobId)?.items.map((item) => item.attempts)).toEqual([1, 1]);
	});

	it('saves the running marks of items that start together in one write', async () => {
		const store = createMemoryJobStore();
		const write = store.patchJobItems;
		const writes: string[][] = [];
		store.patchJobItems = (jobId, patches) => {
			writes.push(patches.map(({ key, patch }) => `${key}:${patch.status}`));
			return write(jobId, patches);
		};
		const { runner } = await runnerFor(
			keys(8),
			{
				options: { concurrency: 6, requestsPerMinute: 0 },
				work: () => wait(100)
			},
			store
		);
		runner.start();
		await settle(runner);
		expect(writes[0]).toEqual(keys(6).map((key) => `${key}:running`));
	});

	it('cancels itself when its job is deleted while it runs', async () => {
		const store = createMemoryJobStore();
		const { runner } = await runnerFor(keys(3), { work: () => wait(100) }, store);
		store.patchJobItems = async () => undefined;
		runner.start();
		expect((await settle(runner)).state).toBe('cancelled');
	});
});
