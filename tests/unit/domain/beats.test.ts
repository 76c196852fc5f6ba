import { describe, expect, it } from 'vitest';
import {
	beatDurations,
	beatFractions,
	beatKeyframeId,
	beatNumber,
	beatNumberOf,
	blankBeat,
	firstBeatId,
	MAX_BEATS,
	shareFor,
	withBeatAdded,
	withBeatChanged,
	withBeatMoved,
	withBeatRemoved
} from '$lib/domain/beats';
import { restoreShot, restoreTake } from '$lib/store/restore';

const oldShot = {
	id: 'shot-1',
	projectId: 'p',
	order: 0,
	title: 'Door',
	description: 'She opens the door.',
	durationS: 4,
	schemaVersion: 1
};
const oldTake = {
	id: 'take-1',
	projectId: 'p',
	shotId: 'shot-1',
	styleId: 'style-1',
	imageAssetId: 'asset-1',
	chosen: true,
	schemaVersion: 1
};

describe('the beats migration', () => {
	it('reads a shot saved before beats as one plain beat, and its takes as that beat’s', () => {
		const shot = restoreShot(oldShot)!;
		expect(shot.beats).toEqual([{ id: firstBeatId('shot-1'), action: '', camera: '' }]);
		expect(restoreTake(oldTake)!.beatId).toBe(shot.beats[0]!.id);
	});

	it('gives the same records when run twice', () => {
		const shot = restoreShot(oldShot)!;
		const take = restoreTake(oldTake)!;
		expect(restoreShot(structuredClone(shot))).toEqual(shot);
		expect(restoreTake(structuredClone(take))).toEqual(take);
	});

	it('keeps beats as saved, drops unreadable and repeated ones, never leaves a shot without one', () => {
		const warnings: string[] = [];
		const shot = restoreShot(
			{
				...oldShot,
				beats: [
					{ id: 'a', action: 'opens', camera: '', share: 0.25 },
					{ id: 'a', action: 'again' },
					{ action: 'no id' },
					{ id: 'b', action: 'turns', share: 7 }
				]
			},
			(message) => warnings.push(message)
		)!;
		expect(shot.beats).toEqual([
			{ id: 'a', action: 'opens', camera: '', share: 0.25 },
			{ id: 'b', action: 'turns', camera: '' }
		]);
		expect(warnings).toEqual(['A beat was unreadable and was left out.']);
		expect(restoreShot({ ...oldShot, beats: 'junk' })!.beats).toHaveLength(1);
		const many = Array.from({ length: MAX_BEATS + 3 }, (_, i) => ({ id: `b${i}`, action: '' }));
		expect(restoreShot({ ...oldShot, beats: many })!.beats).toHaveLength(MAX_BEATS);
	});
});

describe('beat rules', () => {
	const beats = [blankBeat('a'), blankBeat('b'), blankBeat('c')];

	it('numbers beats N.M, following reorder and delete', () => {
		const shots = [
			{ id: 's1', beats: [blankBeat('x')] },
			{ id: 's2', beats }
		];
		expect(beatNumber(2, 2)).toBe('2.3');
		expect(beatNumberOf(shots, 's2', 'c')).toBe('2.3');
		const moved = [beats[2]!, beats[0]!, beats[1]!];
		expect(beatNumberOf([shots[0]!, { id: 's2', beats: moved }], 's2', 'c')).toBe('2.1');
		const removed = withBeatRemoved(beats, 'a');
		expect(beatNumberOf([shots[0]!, { id: 's2', beats: removed }], 's2', 'c')).toBe('2.2');
		expect(beatNumberOf(shots, 's2', 'gone')).toBeUndefined();
	});

	it('shares a shot equally by default, and what set shares leave among the rest', () => {
		expect(beatFractions(beats)).toEqual([1 / 3, 1 / 3, 1 / 3]);
		expect(beatDurations({ beats, durationS: 6 })).toEqual([2, 2, 2]);
		const set = withBeatChanged(beats, 'a', { share: 0.5 });
		expect(beatDurations({ beats: set, durationS: 6 })).toEqual([3, 1.5, 1.5]);
		// Shares that add up to more than the shot are scaled down; the rest get an equal part.
		const over = [
			{ ...blankBeat('a'), share: 1 },
			{ ...blankBeat('b'), share: 1 }
		];
		expect(beatFractions(over)).toEqual([0.5, 0.5]);
		const full = [{ ...blankBeat('a'), share: 1 }, blankBeat('b')];
		const fractions = beatFractions(full);
		expect(fractions.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
		expect(fractions[1]).toBeGreaterThan(0);
		expect(withBeatChanged(set, 'a', { share: undefined })[0]).not.toHaveProperty('share');
	});

	it('turns seconds into a share of the shot, blank into an equal share', () => {
		expect(shareFor(1.5, 6)).toBe(0.25);
		expect(shareFor(9, 6)).toBe(1);
		expect(shareFor(0, 6)).toBeUndefined();
		expect(shareFor(Number.NaN, 6)).toBeUndefined();
	});

	it('adds after a beat, at most MAX_BEATS, and never removes the last one', () => {
		const added = withBeatAdded(beats, 0);
		expect(added.map((beat) => beat.id).filter((id) => id.length === 1)).toEqual(['a', 'b', 'c']);
		expect(added[1]!.action).toBe('');
		expect(added).toHaveLength(4);
		const full = Array.from({ length: MAX_BEATS }, (_, i) => blankBeat(`b${i}`));
		expect(withBeatAdded(full)).toHaveLength(MAX_BEATS);
		expect(withBeatRemoved([blankBeat('only')], 'only')).toHaveLength(1);
	});

	it('moves a beat up or down, clamped into the list, the others keeping their order', () => {
		const ids = (list: { id: string }[]) => list.map((beat) => beat.id).join('');
		expect(ids(withBeatMoved(beats, 2, 1))).toBe('acb');
		expect(ids(withBeatMoved(beats, 0, 2))).toBe('bca');
		expect(ids(withBeatMoved(beats, 2, -5))).toBe('cab');
		expect(ids(withBeatMoved(beats, 1, 99))).toBe('acb');
		expect(ids(withBeatMoved(beats, 7, 0))).toBe('abc');
		expect(ids(beats)).toBe('abc');
	});

	it('finds a beat’s source frame: its own, else its shot’s for the first beat only', () => {
		const shot = {
			keyframeAssetId: 'shot-frame',
			beats: [blankBeat('a'), blankBeat('b'), { ...blankBeat('c'), keyframeAssetId: 'c-frame' }]
		};
		expect([0, 1, 2, 3].map((index) => beatKeyframeId(shot, index))).toEqual([
			'shot-frame',
			undefined,
			'c-frame',
			undefined
		]);
	});
});
