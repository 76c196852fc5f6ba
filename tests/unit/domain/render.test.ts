import { describe, expect, it } from 'vitest';
import { createShot } from '$lib/domain/shot';
import {
	missingRenders,
	needsContinuity,
	parseRenderItemKey,
	renderItemKey
} from '$lib/domain/render';
import type { Style, Take } from '$lib/domain/types';

const shots = [
	createShot('p', 0, { title: 'a', transition: 'dissolve' }),
	createShot('p', 1, { title: 'b', transition: 'cut' }),
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
const take = (shotId: string, styleId: string, chosen = true): Take => ({
	id: `${shotId}-${styleId}`,
	projectId: 'p',
	shotId,
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
	it('carries the previous picture only into a dissolve that has a previous shot', () => {
		expect(shots.map((_, i) => needsContinuity(shots, i))).toEqual([false, false, true]);
		expect(needsContinuity(shots, 7)).toBe(false);
	});

	it('lists every shot x style without a chosen image, in storyboard order', () => {
		const targets = missingRenders(
			shots,
			[style('s1'), style('s2')],
			[take(shots[0]!.id, 's1'), take(shots[1]!.id, 's2', false)]
		);
		expect(targets.map((t) => `${shots.findIndex((s) => s.id === t.shotId)}${t.styleId}`)).toEqual([
			'0s2',
			'1s1',
			'1s2',
			'2s1',
			'2s2'
		]);
	});

	it('round-trips item keys', () => {
		const key = renderItemKey({ shotId: 'shot', styleId: 'style' }, 3);
		expect(key).toBe('shot|style|3');
		expect(parseRenderItemKey(key)).toEqual({ shotId: 'shot', styleId: 'style' });
		expect(parseRenderItemKey('nonsense')).toBeUndefined();
	});
});
