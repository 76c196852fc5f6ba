import { describe, expect, it } from 'vitest';
import { forEachAtMost } from '$lib/util/at-most';

/** A task whose calls wait until they are let go, recording what ran when. */
function gatedTasks() {
	const started: number[] = [];
	const gates = new Map<number, () => void>();
	let running = 0;
	let most = 0;
	const task = (index: number) =>
		new Promise<void>((resolve) => {
			started.push(index);
			running += 1;
			most = Math.max(most, running);
			gates.set(index, () => {
				running -= 1;
				resolve();
			});
		});
	const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
	return { started, gates, task, settle, most: () => most };
}

describe('forEachAtMost', () => {
	it('starts tasks in order, never more than the limit at once, the next as one finishes', async () => {
		const { started, gates, task, settle, most } = gatedTasks();
		const done = forEachAtMost(2, 4, task);
		await settle();
		expect(started).toEqual([0, 1]);
		gates.get(1)!();
		await settle();
		expect(started).toEqual([0, 1, 2]);
		gates.get(0)!();
		gates.get(2)!();
		await settle();
		gates.get(3)!();
		await done;
		expect(started).toEqual([0, 1, 2, 3]);
		expect(most()).toBe(2);
	});

	it('runs fewer tasks than the limit all at once, and nothing for a count of 0', async () => {
		const seen: number[] = [];
		await forEachAtMost(4, 2, async (index) => void seen.push(index));
		expect(seen).toEqual([0, 1]);
		await forEachAtMost(2, 0, async () => void seen.push(99));
		expect(seen).toEqual([0, 1]);
	});

	it('lets the other lanes finish before raising a task’s error', async () => {
		const seen: number[] = [];
		const run = forEachAtMost(2, 4, async (index) => {
			if (index === 0) throw new Error('broken');
			seen.push(index);
		});
		await expect(run).rejects.toThrow('broken');
		expect(seen).toEqual([1, 2, 3]);
	});
});
