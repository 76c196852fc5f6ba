import { describe, expect, it } from 'vitest';
import { frameSize, planShots, standInNote } from '$lib/export/animatic-plan';
import { storyboardOf } from '$lib/export/storyboard';
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
