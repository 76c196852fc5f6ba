import { describe, expect, it } from 'vitest';
import {
	animaticJob,
	clipTimeAt,
	frameSize,
	layersAt,
	planAnimatic,
	planBeats,
	beatIndexAt,
	standInNote,
	type AnimaticPlan
} from '$lib/export/animatic-plan';
import { storyboardOf } from '$lib/export/storyboard';
import { clipTimings, totalFrames } from '../../../src/workers/shared/animatic-graph';
import { asset, graph, shot, style, take } from './fixtures';

describe('planBeats', () => {
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
		expect(planBeats(board, 's1').map((p) => p.source.kind)).toEqual([
			'image',
			'keyframe',
			'title',
			'video'
		]);
	});
	it('says which shots stood in and with what', () => {
		expect(standInNote(planBeats(board, 's1'))).toBe(
			'Shot 2 had no image: the source keyframe stood in. Shot 3 had no image: a title card stood in.'
		);
		expect(standInNote(planBeats(board, undefined))).toBe(
			'Shots 2 and 4 had no image: the source keyframe stood in. Shots 1 and 3 had no image: a title card stood in.'
		);
	});
});

describe('planAnimatic with beats', () => {
	// Shot 1 (2 s) of one beat; shot 2 (3 s) of three beats, the second holding half of it, that
	// dissolves in; shot 3 (1 s) of two beats, cut in. Beat 2.2 has a video take, 2.3 an image.
	const beats = [
		{ id: 'x', action: 'The door opens', camera: '' },
		{ id: 'y', action: 'She turns', camera: '', share: 0.5 },
		{ id: 'z', action: 'She sees him', camera: '' }
	];
	const board = storyboardOf(
		graph({
			shots: [
				shot('a', 0, { durationS: 2 }),
				shot('b', 1, { durationS: 3, transition: 'dissolve', beats }),
				shot('c', 2, {
					durationS: 1,
					beats: [
						{ id: 'c1', action: '', camera: '' },
						{ id: 'c2', action: '', camera: '' }
					]
				})
			],
			styles: [style('s1', 'Ink', 0)],
			takes: [
				take('t1', 'a', 's1'),
				take('ty', 'b', 's1', { beatId: 'y', kind: 'video', videoAssetId: 'v' }),
				take('tz', 'b', 's1', { beatId: 'z' })
			],
			assets: [asset('a-t1', 10), asset('v', 10, 'video/mp4'), asset('a-tz', 10)]
		})
	);
	const plan = planAnimatic(board, { sourceAudio: false });

	it('holds each beat for its share of its shot', () => {
		expect(plan.beats.map((b) => b.label)).toEqual(['1', '2.1', '2.2', '2.3', '3.1', '3.2']);
		expect(plan.beats.map((b) => b.shareS)).toEqual([2, 0.75, 1.5, 0.75, 0.5, 0.5]);
		expect(plan.beats.map((b) => Math.round(b.startS * 25))).toEqual([0, 50, 69, 106, 125, 138]);
		expect(plan.durationS).toBe(6);
	});

	it('cuts between the beats of a shot and dissolves only into a shot that dissolves in', () => {
		expect(plan.beats.map((b) => b.transition)).toEqual([
			'cut',
			'dissolve',
			'cut',
			'cut',
			'cut',
			'cut'
		]);
		expect(plan.beats.map((b) => Math.round(b.fadeInS * 25))).toEqual([0, 8, 0, 0, 0, 0]);
	});

	it('shows each beat’s own chosen take, and names the beats that had none', () => {
		expect(plan.beats.map((b) => b.source.kind)).toEqual([
			'image',
			'title',
			'video',
			'image',
			'title',
			'title'
		]);
		expect(plan.note).toBe('Beats 2.1, 3.1 and 3.2 had no image: a title card stood in.');
		const job = animaticJob(plan, { width: 1280, height: 720 }, false);
		expect(job.clips.map((c) => c.path)).toEqual([
			'beat-001-1.jpg',
			'beat-002-1.jpg',
			'beat-002-2.mp4',
			'beat-002-3.jpg',
			'beat-003-1.jpg',
			'beat-003-2.jpg'
		]);
	});

	it('finds the beat seen at a time', () => {
		expect([0.5, 2.1, 2.8, 4.3, 5.1, 5.9].map((t) => beatIndexAt(plan, t))).toEqual([
			0, 1, 2, 3, 4, 5
		]);
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
		expect(plan.beats.map((s) => Math.round(s.startS * 25))).toEqual([0, 31, 56, 78]);
		expect(plan.beats.map((s) => Math.round(s.durationS * 25))).toEqual([31, 25, 22, 27]);
		expect(plan.durationS).toBeCloseTo(4.2, 9);
	});

	it('centres each dissolve on its cut, never longer than half the shorter shot', () => {
		expect(plan.beats.map((s) => Math.round(s.fadeInS * 25))).toEqual([0, 12, 10, 0]);
		expect(plan.beats[1]!.inS).toBeCloseTo((31 - 6) / 25, 9);
		expect(plan.beats[3]!.inS).toBe(plan.beats[3]!.startS);
	});

	it('shows the chosen take, else the keyframe, else a title card', () => {
		expect(plan.beats.map((s) => s.source.kind)).toEqual(['image', 'keyframe', 'video', 'title']);
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
			['still', 'beat-001-1.jpg'],
			['still', 'beat-002-1.jpg'],
			['video', 'beat-003-1.webm'],
			['still', 'beat-004-1.jpg']
		]);
		expect(job.audio).toEqual({ path: 'source.mp4', startS: 4 });
		// The worker times the clips itself, with the same function: the same frames.
		const timings = clipTimings(job.clips, job.fps);
		expect(timings.map((t) => t.frames / job.fps)).toEqual(plan.beats.map((s) => s.durationS));
		expect(timings.map((t) => t.fadeIn / job.fps)).toEqual(plan.beats.map((s) => s.fadeInS));
		expect(totalFrames(timings) / job.fps).toBe(plan.durationS);
	});

	it('uses the style asked for', () => {
		const styled = storyboardOf({
			...board.graph,
			styles: [...board.graph.styles, style('s2', 'Noir', 1)],
			takes: [...board.graph.takes, take('n4', 'd', 's2')],
			assets: [...board.graph.assets, asset('a-n4', 10)]
		});
		const kinds = (p: AnimaticPlan) => p.beats.map((s) => s.source.kind);
		expect(kinds(planAnimatic(styled, { sourceAudio: false, styleId: 's2' }))).toEqual([
			'title',
			'keyframe',
			'title',
			'image'
		]);
		expect(kinds(planAnimatic(styled, { sourceAudio: false }))[2]).toBe('video');
	});
});

describe('beatIndexAt', () => {
	const plan = planAnimatic(
		storyboardOf(
			graph({ shots: [shot('a', 0, { durationS: 2 }), shot('b', 1, { durationS: 1 })] })
		),
		{ sourceAudio: false }
	);
	it('is the last shot whose cut is at or before the time', () => {
		expect([0, 1.99, 2, 2.5, 3, 99].map((t) => beatIndexAt(plan, t))).toEqual([0, 0, 1, 1, 1, 1]);
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
		expect(plan.beats[1]!.fadeInS).toBe(0.48);
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
		const b = plan.beats[1]!;
		expect(clipTimeAt(b, 1.5)).toBe(0);
		expect(clipTimeAt(b, 2)).toBeCloseTo(0.24, 9);
		expect(clipTimeAt(b, 3)).toBeCloseTo(1.24, 9);
	});
});
