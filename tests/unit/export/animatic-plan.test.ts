import { describe, expect, it } from 'vitest';
import {
	animaticJob,
	clipTimeAt,
	frameSize,
	layersAt,
	planAnimatic,
	planShots,
	shotIndexAt,
	standInNote,
	type AnimaticPlan
} from '$lib/export/animatic-plan';
import { storyboardOf } from '$lib/export/storyboard';
import { clipTimings, totalFrames } from '../../../src/workers/shared/animatic-graph';
import { asset, graph, shot, style, take } from './fixtures';

describe('planShots', () => {
	const board = storyboardOf(
		graph({
			shots: [
				shot('a', 0),
				shot('b', 1, { keyframeAssetId: 'k' }),
				shot('c', 2),
				shot('d', 3, { keyframeAssetId: 'k' })
			],
			styles: [style('s1', 'Ink', 0)],
			takes: [
				take('t1', 'a', 's1'),
				take('t4', 'd', 's1', { kind: 'video', videoAssetId: 'v' }),
				take('t5', 'd', 's1')
			],
			assets: [asset('a-t1', 10), asset('k', 10), asset('v', 10, 'video/mp4'), asset('a-t5', 10)]
		})
	);
	it('uses a video take, else the chosen image, else the keyframe, else a title card', () => {
		expect(planShots(board, 's1').map((p) => p.source.kind)).toEqual([
			'image',
			'keyframe',
			'title',
			'video'
		]);
	});
	it('says which shots stood in and with what', () => {
		expect(standInNote(planShots(board, 's1'))).toBe(
			'Shot 2 had no image: the source keyframe stood in. Shot 3 had no image: a title card stood in.'
		);
		expect(standInNote(planShots(board, undefined))).toBe(
			'Shots 2 and 4 had no image: the source keyframe stood in. Shots 1 and 3 had no image: a title card stood in.'
		);
	});
});

describe('frameSize', () => {
	it('takes 720p and 1080p as the short side in the storyboard aspect ratio', () => {
		expect(frameSize('16:9', 720)).toEqual({ width: 1280, height: 720 });
		expect(frameSize('16:9', 1080)).toEqual({ width: 1920, height: 1080 });
		expect(frameSize('9:16', 720)).toEqual({ width: 720, height: 1280 });
		expect(frameSize('21:9', 720)).toEqual({ width: 1680, height: 720 });
	});
});

describe('planAnimatic', () => {
	// Durations whose cuts fall between frames, a dissolve into shots 2 and 3, a video take on
	// shot 3, and a clip with sound that shot 1 starts 4 s into.
	const source = graph({}).project;
	const board = storyboardOf(
		graph({
			project: {
				...source,
				source: {
					kind: 'video',
					videoAssetId: 'clip',
					probe: {
						durationS: 10,
						width: 160,
						height: 90,
						fps: 25,
						codec: 'h264',
						rotation: 0,
						hasAudio: true
					}
				}
			},
			shots: [
				shot('a', 0, { durationS: 1.22, sourceTimeS: 4 }),
				shot('b', 1, { durationS: 1.02, transition: 'dissolve', keyframeAssetId: 'k' }),
				shot('c', 2, { durationS: 0.86, transition: 'dissolve' }),
				shot('d', 3, { durationS: 1.1 })
			],
			styles: [style('s1', 'Ink', 0)],
			takes: [take('t1', 'a', 's1'), take('t3', 'c', 's1', { kind: 'video', videoAssetId: 'v' })],
			assets: [
				asset('a-t1', 10),
				asset('k', 10),
				asset('v', 10, 'video/webm'),
				asset('clip', 10, 'video/mp4')
			]
		})
	);
	const plan = planAnimatic(board, { sourceAudio: true });

	it('puts each cut on the frame nearest its running time', () => {
		expect(plan.shots.map((s) => Math.round(s.startS * 25))).toEqual([0, 31, 56, 78]);
		expect(plan.shots.map((s) => Math.round(s.durationS * 25))).toEqual([31, 25, 22, 27]);
		expect(plan.durationS).toBeCloseTo(4.2, 9);
	});

	it('centres each dissolve on its cut, never longer than half the shorter shot', () => {
		expect(plan.shots.map((s) => Math.round(s.fadeInS * 25))).toEqual([0, 12, 10, 0]);
		expect(plan.shots[1]!.inS).toBeCloseTo((31 - 6) / 25, 9);
		expect(plan.shots[3]!.inS).toBe(plan.shots[3]!.startS);
	});

	it('shows the chosen take, else the keyframe, else a title card', () => {
		expect(plan.shots.map((s) => s.source.kind)).toEqual(['image', 'keyframe', 'video', 'title']);
		expect(plan.note).toBe(
			'Shot 2 had no image: the source keyframe stood in. Shot 4 had no image: a title card stood in.'
		);
	});

	it('puts the clip’s sound under it from the first shot’s source time, only when asked', () => {
		expect(plan.audio).toMatchObject({ mime: 'video/mp4', startS: 4 });
		expect(planAnimatic(board, { sourceAudio: false }).audio).toBeUndefined();
		const silent = storyboardOf({
			...board.graph,
			project: {
				...board.graph.project,
				source: {
					...board.graph.project.source,
					probe: { ...board.graph.project.source.probe!, hasAudio: false }
				}
			}
		});
		expect(planAnimatic(silent, { sourceAudio: true }).audio).toBeUndefined();
	});

	it('is what the export asks the media worker to encode', () => {
		const job = animaticJob(plan, { width: 1280, height: 720 }, false);
		expect(job.clips.map((c) => [c.kind, c.path])).toEqual([
			['still', 'shot-001.jpg'],
			['still', 'shot-002.jpg'],
			['video', 'shot-003.webm'],
			['still', 'shot-004.jpg']
		]);
		expect(job.audio).toEqual({ path: 'source.mp4', startS: 4 });
		// The worker times the clips itself, with the same function: the same frames.
		const timings = clipTimings(job.clips, job.fps);
		expect(timings.map((t) => t.frames / job.fps)).toEqual(plan.shots.map((s) => s.durationS));
		expect(timings.map((t) => t.fadeIn / job.fps)).toEqual(plan.shots.map((s) => s.fadeInS));
		expect(totalFrames(timings) / job.fps).toBe(plan.durationS);
	});

	it('uses the style asked for', () => {
		const styled = storyboardOf({
			...board.graph,
			styles: [...board.graph.styles, style('s2', 'Noir', 1)],
			takes: [...board.graph.takes, take('n4', 'd', 's2')],
			assets: [...board.graph.assets, asset('a-n4', 10)]
		});
		const kinds = (p: AnimaticPlan) => p.shots.map((s) => s.source.kind);
		expect(kinds(planAnimatic(styled, { sourceAudio: false, styleId: 's2' }))).toEqual([
			'title',
			'keyframe',
			'title',
			'image'
		]);
		expect(kinds(planAnimatic(styled, { sourceAudio: false }))[2]).toBe('video');
	});
});

describe('shotIndexAt', () => {
	const plan = planAnimatic(
		storyboardOf(
			graph({ shots: [shot('a', 0, { durationS: 2 }), shot('b', 1, { durationS: 1 })] })
		),
		{ sourceAudio: false }
	);
	it('is the last shot whose cut is at or before the time', () => {
		expect([0, 1.99, 2, 2.5, 3, 99].map((t) => shotIndexAt(plan, t))).toEqual([0, 0, 1, 1, 1, 1]);
	});
});

describe('layersAt', () => {
	const plan = planAnimatic(
		storyboardOf(
			graph({
				shots: [
					shot('a', 0, { durationS: 2 }),
					shot('b', 1, { durationS: 2, transition: 'dissolve' }),
					shot('c', 2, { durationS: 2 })
				]
			})
		),
		{ sourceAudio: false }
	);
	it('shows one picture away from a dissolve, and at a cut', () => {
		expect(layersAt(plan, 1)).toEqual([{ index: 0, opacity: 1 }]);
		expect(layersAt(plan, 3)).toEqual([{ index: 1, opacity: 1 }]);
		expect(layersAt(plan, 4)).toEqual([{ index: 2, opacity: 1 }]);
		expect(layersAt(plan, 3.999)).toEqual([{ index: 1, opacity: 1 }]);
	});
	it('fades the incoming shot in over the outgoing one, half way on the cut', () => {
		// A 12-frame dissolve from 1.76 s to 2.24 s.
		expect(plan.shots[1]!.fadeInS).toBe(0.48);
		expect(layersAt(plan, 1.7)).toEqual([{ index: 0, opacity: 1 }]);
		const at = (t: number) => layersAt(plan, t).map((l) => [l.index, +l.opacity.toFixed(3)]);
		expect(at(1.88)).toEqual([
			[0, 1],
			[1, 0.25]
		]);
		expect(at(2)).toEqual([
			[0, 1],
			[1, 0.5]
		]);
		expect(at(2.12)).toEqual([
			[0, 1],
			[1, 0.75]
		]);
		expect(at(2.24)).toEqual([[1, 1]]);
	});
});

describe('clipTimeAt', () => {
	it('starts a clip when its picture first shows, half a dissolve before its cut', () => {
		const plan = planAnimatic(
			storyboardOf(
				graph({
					shots: [
						shot('a', 0, { durationS: 2 }),
						shot('b', 1, { durationS: 2, transition: 'dissolve' })
					]
				})
			),
			{ sourceAudio: false }
		);
		const b = plan.shots[1]!;
		expect(clipTimeAt(b, 1.5)).toBe(0);
		expect(clipTimeAt(b, 2)).toBeCloseTo(0.24, 9);
		expect(clipTimeAt(b, 3)).toBeCloseTo(1.24, 9);
	});
});
