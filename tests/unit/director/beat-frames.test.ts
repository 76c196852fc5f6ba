import { describe, expect, it } from 'vitest';
import { nearestFrame, withBeatFrames } from '$lib/director/beat-frames';

const frames = [
	{ assetId: 'f0', timeS: 0 },
	{ assetId: 'f2', timeS: 2 },
	{ assetId: 'k3', timeS: 3.1 },
	{ assetId: 'f8', timeS: 8 }
];

describe('nearestFrame', () => {
	it('finds the saved frame closest to a moment', () => {
		expect(nearestFrame(frames, 2.4)?.assetId).toBe('f2');
		expect(nearestFrame(frames, 2.7)?.assetId).toBe('k3');
	});

	it('finds none when every frame is more than the tolerance away', () => {
		expect(nearestFrame(frames, 5.5)).toBeUndefined();
		expect(nearestFrame([], 1)).toBeUndefined();
	});
});

describe('withBeatFrames', () => {
	it('gives a beat with a source time the nearest frame, and leaves the others alone', () => {
		const beats = [
			{ id: 'a', action: 'x', camera: '', sourceTimeS: 7.6 },
			{ id: 'b', action: 'y', camera: '' },
			{ id: 'c', action: 'z', camera: '', sourceTimeS: 5.5 }
		];
		expect(withBeatFrames(beats, frames)).toEqual([
			{ ...beats[0], keyframeAssetId: 'f8' },
			beats[1],
			beats[2]
		]);
	});
});
