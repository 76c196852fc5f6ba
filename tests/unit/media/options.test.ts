import { describe, expect, it } from 'vitest';
import { defaultOptions, restoreOptions } from '$lib/media/meta';

describe('restoreOptions', () => {
	it('gives the defaults the design names for nothing saved', () => {
		expect(restoreOptions(undefined)).toEqual(defaultOptions);
		expect(defaultOptions).toMatchObject({
			secondsPerFrame: 2,
			minFrames: 1,
			maxFrames: 24,
			longestSide: 1024,
			jpegQuality: 0.85,
			dropClipAfterSampling: false
		});
	});

	it('keeps values in range and the drop-clip choice', () => {
		const saved = {
			...defaultOptions,
			secondsPerFrame: 3,
			maxFrames: 10,
			dropClipAfterSampling: true
		};
		expect(restoreOptions(saved)).toEqual(saved);
	});

	it('bounds numbers, rounds counts and sizes, and drops junk', () => {
		const options = restoreOptions({
			secondsPerFrame: 0,
			minFrames: 2.6,
			maxFrames: 'lots',
			longestSide: 99_999,
			jpegQuality: 2,
			cutSensitivity: -1,
			minShotS: Number.NaN,
			dropClipAfterSampling: 'yes'
		});
		expect(options).toEqual({
			secondsPerFrame: 0.5,
			minFrames: 3,
			maxFrames: 24,
			longestSide: 2048,
			jpegQuality: 1,
			cutSensitivity: 0,
			minShotS: defaultOptions.minShotS,
			dropClipAfterSampling: false
		});
	});

	it('never lets the most frames fall below the fewest', () => {
		expect(restoreOptions({ minFrames: 8, maxFrames: 4 })).toMatchObject({
			minFrames: 8,
			maxFrames: 8
		});
	});
});
