import { describe, expect, it } from 'vitest';
import { thumbnailAssetId } from '$lib/domain/project';

const intake = {
	videoIntake: {
		frames: [
			{ assetId: 'middle', timeS: 5, role: 'middle' as const },
			{ assetId: 'ctx-2', timeS: 2, role: 'context' as const },
			{ assetId: 'ctx-0', timeS: 0, role: 'context' as const }
		]
	}
};

describe('thumbnailAssetId', () => {
	it('shows the first shot with a chosen take or keyframe', () => {
		const shots = [{ id: 'a' }, { id: 'b', keyframeAssetId: 'key-b' }, { id: 'c' }];
		const takes = [
			{ shotId: 'c', chosen: true, imageAssetId: 'take-c' },
			{ shotId: 'b', chosen: false, imageAssetId: 'take-b' }
		];
		expect(thumbnailAssetId(intake, shots, takes)).toBe('key-b');
		expect(thumbnailAssetId(intake, shots, [{ ...takes[1]!, chosen: true }])).toBe('take-b');
	});

	it('falls back to the earliest sampled context frame of a clip without pictures', () => {
		expect(thumbnailAssetId(intake, [{ id: 'a' }], [])).toBe('ctx-0');
		expect(
			thumbnailAssetId({ videoIntake: { frames: [intake.videoIntake.frames[0]!] } }, [], [])
		).toBe('middle');
	});

	it('has none for a storyboard with no picture at all', () => {
		expect(thumbnailAssetId({}, [{ id: 'a' }], [])).toBeUndefined();
	});
});
