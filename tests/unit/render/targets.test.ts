import { describe, expect, it } from 'vitest';
import { blankBeat } from '$lib/domain/beats';
import { createShot } from '$lib/domain/shot';
import { renderTargets } from '$lib/render/targets';

const shots = [
	createShot('p', 0, { title: 'a' }),
	createShot('p', 1, { title: 'b', beats: [blankBeat('b1'), blankBeat('b2'), blankBeat('b3')] })
];
const [a, b] = shots as [(typeof shots)[0], (typeof shots)[0]];

describe('renderTargets', () => {
	it('asks for every beat of each shot in every style, beat by beat in storyboard order', () => {
		const targets = renderTargets(shots, [b.id, a.id], ['ink', 'line']);
		expect(targets.map((t) => `${t.beatId}|${t.styleId}`)).toEqual([
			`${a.beats[0]!.id}|ink`,
			`${a.beats[0]!.id}|line`,
			'b1|ink',
			'b1|line',
			'b2|ink',
			'b2|line',
			'b3|ink',
			'b3|line'
		]);
		expect(targets.filter((t) => t.shotId === b.id)).toHaveLength(6);
	});

	it('asks for one beat only when given', () => {
		expect(renderTargets(shots, [b.id], ['ink'], 'b2')).toEqual([
			{ shotId: b.id, beatId: 'b2', styleId: 'ink' }
		]);
	});

	it('asks for nothing for a deleted shot', () => {
		expect(renderTargets(shots, ['gone'], ['ink'])).toEqual([]);
	});
});
