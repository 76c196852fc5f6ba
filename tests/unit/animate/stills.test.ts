import { describe, expect, it } from 'vitest';
import { blankBeat, firstBeatId } from '$lib/domain/beats';
import { createShot } from '$lib/domain/shot';
import { animateKey, parseAnimateKey } from '$lib/animate/job';
import { beatStills, nextBeatId } from '$lib/animate/stills';

const one = createShot('p', 0, { title: 'a', durationS: 4 });
const three = createShot('p', 1, {
	title: 'b',
	durationS: 6,
	beats: [blankBeat('b1'), { ...blankBeat('b2'), share: 0.5 }, blankBeat('b3')]
});
const shots = [one, three];
const chosen: Record<string, string> = {
	[`${one.beats[0]!.id}|line`]: 'img-a',
	'b1|ink': 'img-b1',
	'b2|line': 'img-b2',
	'b3|ink': 'img-b3-ink',
	'b3|line': 'img-b3-line'
};
const chosenOf = (beatId: string, styleId: string) => {
	const imageAssetId = chosen[`${beatId}|${styleId}`];
	return imageAssetId ? { imageAssetId } : undefined;
};

describe('beatStills', () => {
	it('gives each beat with a picture its still from the first style that has one, held for its share', () => {
		const stills = beatStills(shots, [three.id, one.id], ['ink', 'line'], chosenOf);
		expect(stills.map((s) => [s.number, s.styleId, s.imageAssetId, s.durationS])).toEqual([
			['1.1', 'line', 'img-a', 4],
			['2.1', 'ink', 'img-b1', 1.5],
			['2.2', 'line', 'img-b2', 3],
			['2.3', 'ink', 'img-b3-ink', 1.5]
		]);
		expect(stills[1]).toMatchObject({ shotId: three.id, beatId: 'b1' });
	});

	it('gives one beat only when asked, and nothing for a beat without a picture', () => {
		expect(beatStills(shots, [three.id], ['line'], chosenOf, 'b2').map((s) => s.number)).toEqual([
			'2.2'
		]);
		expect(beatStills(shots, [three.id], ['line'], chosenOf, 'b1')).toEqual([]);
	});
});

describe('nextBeatId', () => {
	it('ends a beat on the next beat of its shot, and a shot’s last beat on the next shot', () => {
		expect(nextBeatId(shots, three.id, 'b1')).toBe('b2');
		expect(nextBeatId(shots, one.id, one.beats[0]!.id)).toBe('b1');
		expect(nextBeatId(shots, three.id, 'b3')).toBeUndefined();
		expect(nextBeatId(shots, three.id, 'gone')).toBeUndefined();
	});
});

describe('animateKey', () => {
	it('round-trips a beat, and reads a key saved before beats as the shot’s first beat', () => {
		const target = { shotId: 's1', beatId: 'b2', styleId: 'ink' };
		expect(parseAnimateKey(animateKey(target, 2))).toEqual(target);
		expect(parseAnimateKey('s1|ink|video|1')).toEqual({
			shotId: 's1',
			styleId: 'ink',
			beatId: firstBeatId('s1')
		});
		expect(parseAnimateKey('')).toBeUndefined();
	});
});
