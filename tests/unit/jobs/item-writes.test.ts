import { describe, expect, it } from 'vitest';
import { ItemWriteQueue } from '$lib/jobs/item-writes';
import type { ItemPatch } from '$lib/store/jobs';

function gate() {
	let open: (saved: boolean) => void = () => {};
	const opened = new Promise<boolean>((resolve) => (open = resolve));
	return { open, opened };
}

describe('ItemWriteQueue', () => {
	it('writes at once, then everything queued meanwhile in one write, in order', async () => {
		const batches: ItemPatch[][] = [];
		const first = gate();
		const queue = new ItemWriteQueue(async (patches) => {
			batches.push([...patches]);
			return batches.length === 1 ? first.opened : true;
		});
		const a = queue.save('a', { status: 'running' });
		const b = queue.save('b', { status: 'running' });
		const c = queue.save('a', { status: 'done' });
		expect(batches).toHaveLength(1);
		first.open(true);
		expect(await Promise.all([a, b, c])).toEqual([true, true, true]);
		expect(batches.map((batch) => batch.map(({ key, patch }) => `${key}:${patch.status}`))).toEqual(
			[['a:running'], ['b:running', 'a:done']]
		);
	});

	it('answers false for every change of a batch that failed, and goes on with the next', async () => {
		let calls = 0;
		const queue = new ItemWriteQueue(async () => {
			calls += 1;
			if (calls === 1) throw new Error('disk full');
			return true;
		});
		const failed = queue.save('a', { status: 'running' });
		const later = queue.save('b', { status: 'running' });
		expect(await failed).toBe(false);
		expect(await later).toBe(true);
		expect(await queue.save('c', { status: 'done' })).toBe(true);
		expect(calls).toBe(3);
	});
});
