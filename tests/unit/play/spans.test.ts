import { describe, expect, it } from 'vitest';
import { planAnimatic } from '$lib/export/animatic-plan';
import { storyboardOf } from '$lib/export/storyboard';
import { shotSpans } from '$lib/play/spans';
import { graph, shot, style } from '../export/fixtures';

describe('shotSpans', () => {
	it('makes one span per shot over its beats, with the cuts between them', () => {
		const beats = ['x', 'y', 'z'].map((id) => ({ id, action: id, camera: '' }));
		const board = storyboardOf(
			graph({
				shots: [
					shot('a', 0, { durationS: 2 }),
					shot('b', 1, { durationS: 3, transition: 'dissolve', beats }),
					shot('c', 2, { durationS: 1 })
				],
				styles: [style('s1', 'Ink', 0)]
			})
		);
		const spans = shotSpans(planAnimatic(board, { sourceAudio: false }).beats);
		expect(spans.map((s) => [s.number, s.firstBeat, s.beatCount])).toEqual([
			[1, 0, 1],
			[2, 1, 3],
			[3, 4, 1]
		]);
		expect(spans.map((s) => [s.startS, s.durationS])).toEqual([
			[0, 2],
			[2, 3],
			[5, 1]
		]);
		expect(spans[1]!.beatCutsS).toEqual([1, 2]);
		expect(spans[1]!.fadeInS).toBeGreaterThan(0);
		expect(spans[0]!.beatCutsS).toEqual([]);
	});
});
