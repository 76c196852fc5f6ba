import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAbortError } from '$lib/util/abort';
import { WorkerQueue, WorkerStall, type WorkerHandle } from '$lib/worker-host/queue';

interface FakeApi {
	work(value: number): Promise<number>;
}

/** A fake worker whose calls stay pending until the test settles them. */
function fakeWorkers() {
	const started: {
		terminated: boolean;
		pending: ((v: number) => void)[];
		die: (e: Error) => void;
	}[] = [];
	const start = (): WorkerHandle<FakeApi> => {
		const state = {
			terminated: false,
			pending: [] as ((v: number) => void)[],
			die: (_: Error) => {}
		};
		started.push(state);
		return {
			api: {
				work: (value) => new Promise<number>((resolve) => state.pending.push(() => resolve(value)))
			},
			terminate: () => (state.terminated = true),
			onDeath: (listener) => (state.die = listener)
		};
	};
	return { started, start };
}

describe('WorkerQueue', () => {
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
	afterEach(() => vi.useRealTimers());

	it('starts no worker until the first call', () => {
		const { started, start } = fakeWorkers();
		new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		expect(started).toHaveLength(0);
	});

	it('runs calls one at a time on one worker', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		const first = queue.call(undefined, (api) => api.work(1));
		const second = queue.call(undefined, (api) => api.work(2));
		expect(started[0]!.pending).toHaveLength(1);
		started[0]!.pending[0]!(1);
		await expect(first).resolves.toBe(1);
		await vi.waitFor(() => expect(started[0]!.pending).toHaveLength(2));
		started[0]!.pending[1]!(2);
		await expect(second).resolves.toBe(2);
		expect(started).toHaveLength(1);
	});

	it('terminates the worker when the running call is aborted, and starts a fresh one next time', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		const controller = new AbortController();
		const running = queue.call(controller.signal, (api) => api.work(1));
		controller.abort();
		expect(isAbortError(await running.catch((e: unknown) => e))).toBe(true);
		expect(started[0]!.terminated).toBe(true);
		const next = queue.call(undefined, (api) => api.work(5));
		expect(started).toHaveLength(2);
		started[1]!.pending[0]!(5);
		await expect(next).resolves.toBe(5);
	});

	it('removes an aborted call that has not started without touching the worker', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		const controller = new AbortController();
		const running = queue.call(undefined, (api) => api.work(1));
		const waiting = queue.call(controller.signal, (api) => api.work(2));
		controller.abort();
		expect(isAbortError(await waiting.catch((e: unknown) => e))).toBe(true);
		expect(started[0]!.terminated).toBe(false);
		started[0]!.pending[0]!(1);
		await expect(running).resolves.toBe(1);
	});

	it('rejects at once when the signal has already fired', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		const controller = new AbortController();
		controller.abort();
		expect(
			isAbortError(
				await queue.call(controller.signal, (api) => api.work(1)).catch((e: unknown) => e)
			)
		).toBe(true);
		expect(started).toHaveLength(0);
	});

	it('lets the worker go after the idle time', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({ start, idleMs: 1000, deathError: (e) => e });
		const call = queue.call(undefined, (api) => api.work(1));
		started[0]!.pending[0]!(1);
		await call;
		expect(queue.alive).toBe(true);
		vi.advanceTimersByTime(1001);
		expect(queue.alive).toBe(false);
		expect(started[0]!.terminated).toBe(true);
	});

	it('fails the running call with the death error when the worker dies, then recovers', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({
			start,
			idleMs: 1000,
			deathError: () => new Error('engine stopped')
		});
		const call = queue.call(undefined, (api) => api.work(1));
		started[0]!.die(new Error('out of memory'));
		await expect(call).rejects.toThrow('engine stopped');
		const next = queue.call(undefined, (api) => api.work(2));
		started[1]!.pending[0]!(2);
		await expect(next).resolves.toBe(2);
	});

	it('ends a worker whose call shows no sign of life, and keeps one that reports progress', async () => {
		const { started, start } = fakeWorkers();
		const queue = new WorkerQueue<FakeApi>({
			start,
			idleMs: 60_000,
			deathError: (e) => e,
			stallMs: 1000
		});
		const alive = queue.call(undefined, (api) => api.work(1));
		vi.advanceTimersByTime(800);
		queue.heartbeat();
		vi.advanceTimersByTime(800);
		started[0]!.pending[0]!(1);
		await expect(alive).resolves.toBe(1);

		const hung = queue.call(undefined, (api) => api.work(2));
		vi.advanceTimersByTime(1001);
		expect(await hung.catch((e: unknown) => e)).toBeInstanceOf(WorkerStall);
		expect(started[0]!.terminated).toBe(true);
		const next = queue.call(undefined, (api) => api.work(3));
		expect(started).toHaveLength(2);
		started[1]!.pending[0]!(3);
		await expect(next).resolves.toBe(3);
	});
});
