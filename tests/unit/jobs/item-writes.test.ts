import { describe, expect, it } from 'vitest';
import { ItemWriteQueue } from '$lib/jobs/item-writes';
import type { ItemPatch } from '$lib/store/jobs';

const marks = (batch: readonly ItemPatch[]) =>
	batch.map(({ key, patch }) => `${key}:${patch.status}`);

describe('ItemWriteQueue', () => {
	it('saves changes made in the same moment in one write, in order', async () => {
		const batches: string[][] = [];
		const queue = new ItemWriteQueue(async (patches) => {
			batches.push(marks(patches));
			return true;
		});
		const saved = [
			queue.save('a', { status: 'running' }),
			queue.save('b', { status: 'running' }),
			queue.save('a', { status: 'done' })
		];
		expect(batches).toEqual([]);
		expect(await Promise.all(saved)).toEqual([true, true, true]);
		expect(batches).toEqual([['a:running', 'b:running', 'a:done']]);
	});

	it('starts a later write without waiting for an earlier one to finish', async () => {
		const started: string[][] = [];
		let finishFirst: (saved: boolean) => void = () => {};
		const queue = new ItemWriteQueue((patches) => {
			started.push(marks(patches));
			if (started.length === 1) return new Promise((resolve) => (finishFirst = resolve));
			return Promise.resolve(true);
		});
		const first = queue.save('a', { status: 'done' });
		await Promise.resolve();
		const second = queue.save('b', { status: 'running' });
		expect(await second).toBe(true);
		expect(started).toEqual([['a:done'], ['b:running']]);
		finishFirst(true);
		expect(await first).toBe(true);
	});

	it('answers false for every change of a write that failed, and goes on with the next', async () => {
		let calls = 0;
		const queue = new ItemWriteQueue(async () => {
			calls += 1;
			if (calls === 1) throw new Error('disk full');
			return true;
		});
		const failed = [queue.save('a', { status: 'running' }), queue.save('b', { status: 'running' })];
		expect(await Promise.all(failed)).toEqual([false, false]);
		expect(await queue.save('c', { status: 'done' })).toBe(true);
		expect(calls).toBe(2);
	});
});
