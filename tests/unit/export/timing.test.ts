import { describe, expect, it } from 'vitest';
import { timeShotsToCuts } from '$lib/export/timing';
import { shot } from './fixtures';

describe('timeShotsToCuts', () => {
	it('gives each shot the time from its start to the next cut', () => {
		const shots = [
			shot('a', 0, { sourceTimeS: 0 }),
			shot('b', 1, { sourceTimeS: 2 }),
			shot('c', 2, { sourceTimeS: 3.5 })
		];
		expect(timeShotsToCuts(shots, [2, 3.5], 6)).toEqual([
			{ shotId: 'a', durationS: 2 },
			{ shotId: 'b', durationS: 1.5 },
			{ shotId: 'c', durationS: 2.5 }
		]);
	});
	it('ends a shot at the next shot when two start between the same cuts', () => {
		const shots = [shot('a', 0, { sourceTimeS: 0 }), shot('b', 1, { sourceTimeS: 1.2 })];
		expect(timeShotsToCuts(shots, [4], 8)).toEqual([
			{ shotId: 'a', durationS: 1.2 },
			{ shotId: 'b', durationS: 2.8 }
		]);
	});
	it('leaves out shots without a source time or past the clip, and keeps a minimum length', () => {
		const shots = [
			shot('a', 0, { sourceTimeS: 5.9 }),
			shot('b', 1),
			shot('c', 2, { sourceTimeS: 9 })
		];
		expect(timeShotsToCuts(shots, [], 6)).toEqual([{ shotId: 'a', durationS: 0.5 }]);
	});
	it('ignores cuts outside the clip', () => {
		expect(timeShotsToCuts([shot('a', 0, { sourceTimeS: 1 })], [0, -1, 7], 6)).toEqual([
			{ shotId: 'a', durationS: 5 }
		]);
	});
});
