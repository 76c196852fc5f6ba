import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyPool } from '$lib/jobs/key-pool';
import { JobItemError } from '$lib/jobs/item-errors';
import { keys, runnerFor, settle, T0, useFakeClock, wait } from './runner-helpers';

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const rateLimited = (retryAfterMs?: number) =>
	new JobItemError('429 Too Many Requests', {
		retryable: true,
		rotateKey: true,
		rateLimited: true,
		...(retryAfterMs === undefined ? {} : { retryAfterMs })
	});
const noCredits = () =>
	new JobItemError('402 Payment Required', { retryable: true, rotateKey: true });

describe('JobRunner retries', () => {
	it('waits longer after each failure', async () => {
		const attempts: number[] = [];
		const { runner, store } = await runnerFor(['a'], {
			options: { baseBackoffMs: 1_000, maxBackoffMs: 60_000, maxAttempts: 5 },
			random: () => 0,
			work: async () => {
				attempts.push(Date.now());
				if (attempts.length < 4) throw new Error('502 Bad Gateway');
			}
		});
		runner.start();
		await settle(runner);
		const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
		expect(gaps).toEqual([500, 1_000, 2_000]);
		expect(store.peek(runner.jobId)?.items[0]).toMatchObject({ status: 'done', attempts: 4 });
		expect(store.peek(runner.jobId)?.items[0]).not.toHaveProperty('lastError');
	});

	it('saves attempts and the last error the moment an attempt fails', async () => {
		const { runner, store } = await runnerFor(['a'], {
			options: { baseBackoffMs: 10_000 },
			work: async () => {
				throw new Error('502 Bad Gateway');
			}
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(1);
		expect(store.peek(runner.jobId)?.items[0]).toMatchObject({
			status: 'queued',
			attempts: 1,
			lastError: '502 Bad Gateway'
		});
		await runner.cancel();
	});

	it('waits exactly as long as the Retry-After the worker reports', async () => {
		const attempts: number[] = [];
		const { runner } = await runnerFor(['a'], {
			options: { baseBackoffMs: 1_000 },
			classifyError: () => ({ retryable: true }),
			work: async () => {
				attempts.push(Date.now());
				if (attempts.length === 1)
					throw Object.assign(new Error('slow down'), { retryAfterMs: 30_000 });
			}
		});
		runner.start();
		await settle(runner);
		expect(attempts).toEqual([T0, T0 + 30_000]);
	});

	it('fails an item for good when the classifier says so, and the others carry on', async () => {
		const { runner, store } = await runnerFor(keys(5), {
			classifyError: (error) => ({
				retryable: false,
				message: `Moderation: ${(error as Error).message}`
			}),
			work: async (item) => {
				await wait(100);
				if (item.key === 'item3') throw new Error('flagged');
			}
		});
		runner.start();
		const progress = await settle(runner);
		expect(progress).toMatchObject({ state: 'done', done: 4, failed: 1 });
		expect(store.peek(runner.jobId)?.items[2]).toMatchObject({
			status: 'failed',
			attempts: 1,
			lastError: 'Moderation: flagged'
		});
	});

	it('gives up after the last attempt', async () => {
		let calls = 0;
		const { runner } = await runnerFor(['a', 'b'], {
			options: { maxAttempts: 3 },
			work: async (item) => {
				if (item.key === 'a') {
					calls += 1;
					throw new Error('500');
				}
			}
		});
		runner.start();
		const progress = await settle(runner);
		expect(calls).toBe(3);
		expect(progress).toMatchObject({ done: 1, failed: 1, state: 'done' });
		expect(runner.items[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: '500' });
	});

	it('queues failed items again with fresh attempts on retry', async () => {
		let broken = true;
		const { runner } = await runnerFor(['a', 'b'], {
			options: { maxAttempts: 1 },
			work: async (item) => {
				if (item.key === 'a' && broken) throw new Error('no image returned');
			}
		});
		runner.start();
		expect((await settle(runner)).failed).toBe(1);
		broken = false;
		await runner.retry(['a']);
		const progress = await settle(runner);
		expect(progress).toMatchObject({ state: 'done', done: 2, failed: 0 });
		expect(runner.items[0]).toMatchObject({ status: 'done', attempts: 1 });
	});
});

describe('JobRunner key rotation', () => {
	it('rests a key that hits 429 or 402 and goes on with the next one', async () => {
		const used: string[] = [];
		const keyPool = new KeyPool(['a', 'b', 'c'], { restMs: 60_000 });
		const { runner } = await runnerFor(keys(3), {
			keys: keyPool,
			options: { concurrency: 1, requestsPerMinute: 0 },
			work: async (item, { key }) => {
				used.push(`${item.key}:${key}`);
				if (key === 'a') throw rateLimited();
				if (key === 'b') throw noCredits();
			}
		});
		runner.start();
		const progress = await settle(runner);
		expect(used).toEqual(['item1:a', 'item1:b', 'item1:c', 'item2:c', 'item3:c']);
		expect(progress.done).toBe(3);
		expect(runner.items[0]).toMatchObject({ attempts: 3, status: 'done' });
		expect(keyPool.isResting('a', Date.now())).toBe(true);
	});

	it('rests a rate-limited key about 1–2 s, doubling, when no Retry-After could be read', async () => {
		const calls: number[] = [];
		const { runner } = await runnerFor(['x'], {
			keys: new KeyPool(['a'], { restMs: 60_000 }),
			options: { baseBackoffMs: 1_000, maxBackoffMs: 60_000 },
			random: () => 0.5,
			work: async () => {
				calls.push(Date.now() - T0);
				if (calls.length < 3) throw rateLimited();
			}
		});
		runner.start();
		await settle(runner);
		expect(calls).toEqual([0, 1_500, 4_500]);
	});

	it('rests a rate-limited key for the Retry-After the provider gave', async () => {
		const calls: number[] = [];
		const { runner } = await runnerFor(['x'], {
			keys: new KeyPool(['a'], { restMs: 60_000 }),
			random: () => 0.5,
			work: async () => {
				calls.push(Date.now() - T0);
				if (calls.length < 2) throw rateLimited(7_000);
			}
		});
		runner.start();
		await settle(runner);
		expect(calls).toEqual([0, 7_000]);
	});

	it('waits for the first key to wake when every key is resting', async () => {
		const calls: Array<[string | undefined, number]> = [];
		const { runner } = await runnerFor(['x'], {
			keys: new KeyPool(['a', 'b'], { restMs: 60_000 }),
			work: async (_item, { key }) => {
				calls.push([key, Date.now() - T0]);
				if (calls.length === 1) throw rateLimited(5_000);
				if (calls.length === 2) throw rateLimited(2_000);
			}
		});
		runner.start();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runner.progress).toMatchObject({ waitingUntil: T0 + 2_000, waitingFor: 'keys' });
		await settle(runner);
		expect(calls).toEqual([
			['a', 0],
			['b', 0],
			['b', 2_000]
		]);
	});

	it('lets an item with a free pool start while another pool rests (a pool per style)', async () => {
		const pools = {
			ink: new KeyPool(['ink-key'], { restMs: 60_000 }),
			paint: new KeyPool(['paint-key'], { restMs: 60_000 })
		};
		const started: Array<[string, number]> = [];
		const { runner } = await runnerFor(['ink1', 'ink2', 'paint1', 'paint2'], {
			options: { concurrency: 1 },
			keys: (item) => (item.key.startsWith('ink') ? pools.ink : pools.paint),
			work: async (item, { key }) => {
				started.push([`${item.key}:${key}`, Date.now() - T0]);
				if (started.length === 1) throw rateLimited(10_000);
			}
		});
		runner.start();
		await settle(runner);
		expect(started).toEqual([
			['ink1:ink-key', 0],
			['paint1:paint-key', 0],
			['paint2:paint-key', 0],
			['ink1:ink-key', 10_000],
			['ink2:ink-key', 10_000]
		]);
	});
});
