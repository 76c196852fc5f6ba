import { describe, expect, it } from 'vitest';
import { blankBeat, firstBeatId } from '$lib/domain/beats';
import { createShot } from '$lib/domain/shot';
import {
	continuityBeat,
	missingRenders,
	parseRenderItemKey,
	renderItemKey
} from '$lib/domain/render';
import type { Style, Take } from '$lib/domain/types';

const shots = [
	createShot('p', 0, { title: 'a', transition: 'dissolve' }),
	createShot('p', 1, { title: 'b', transition: 'cut', beats: [blankBeat('b1'), blankBeat('b2')] }),
	createShot('p', 2, { title: 'c', transition: 'dissolve' })
];
const style = (id: string): Style => ({
	id,
	projectId: 'p',
	name: id,
	promptWords: '',
	order: 0,
	schemaVersion: 1
});
const take = (shotId: string, beatId: string, styleId: string, chosen = true): Take => ({
	id: `${beatId}-${styleId}`,
	projectId: 'p',
	shotId,
	beatId,
	styleId,
	kind: 'image',
	imageAssetId: 'x',
	model: 'm',
	prompt: '',
	costUsd: 0,
	createdAt: 0,
	chosen,
	schemaVersion: 1
});

describe('render rules', () => {
	it('carries the previous beat into a later beat, and the previous shot’s last beat into a dissolve', () => {
		expect(continuityBeat(shots, { shotIndex: 0, beatIndex: 0 })).toBeUndefined();
		// Shot 2 begins on a cut: its first beat starts fresh, its second follows the first.
		expect(continuityBeat(shots, { shotIndex: 1, beatIndex: 0 })).toBeUndefined();
		expect(continuityBeat(shots, { shotIndex: 1, beatIndex: 1 })).toEqual({
			shotIndex: 1,
			beatIndex: 0
		});
		// Shot 3 dissolves in from shot 2's last beat.
		expect(continuityBeat(shots, { shotIndex: 2, beatIndex: 0 })).toEqual({
			shotIndex: 1,
			beatIndex: 1
		});
		expect(continuityBeat(shots, { shotIndex: 7, beatIndex: 0 })).toBeUndefined();
		expect(continuityBeat(shots, { shotIndex: 1, beatIndex: 5 })).toBeUndefined();
	});

	it('lists every beat x style without a chosen image, in storyboard order', () => {
		const first = firstBeatId(shots[0]!.id);
		const targets = missingRenders(
			shots,
			[style('s1'), style('s2')],
			[take(shots[0]!.id, first, 's1'), take(shots[1]!.id, 'b1', 's2', false)]
		);
		expect(targets.map((t) => `${t.beatId === first ? 'first' : t.beatId}${t.styleId}`)).toEqual([
			'firsts2',
			'b1s1',
			'b1s2',
			'b2s1',
			'b2s2',
			`${firstBeatId(shots[2]!.id)}s1`,
			`${firstBeatId(shots[2]!.id)}s2`
		]);
	});

	it('round-trips item keys, and reads a key saved before beats as the first beat', () => {
		const key = renderItemKey({ shotId: 'shot', beatId: 'beat', styleId: 'style' }, 3);
		expect(key).toBe('shot|style|3|beat');
		expect(parseRenderItemKey(key)).toEqual({ shotId: 'shot', beatId: 'beat', styleId: 'style' });
		expect(parseRenderItemKey('shot|style|2')).toEqual({
			shotId: 'shot',
			beatId: firstBeatId('shot'),
			styleId: 'style'
		});
		expect(parseRenderItemKey('nonsense')).toBeUndefined();
	});
});
