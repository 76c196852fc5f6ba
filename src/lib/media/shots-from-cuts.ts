import { clampDuration } from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';
import { formatClipTime } from './format';
import type { DetectedShot } from './meta';

/** A detected shot whose keyframe has been saved as an asset. */
export interface SavedShot extends DetectedShot {
	keyframeAssetId: string;
}

/**
 * The storyboard fields for "Shots from cuts": one shot per detected shot, in clip order, with
 * its keyframe as the picture (a source frame), its start time, its duration and a cut.
 */
export function shotFieldsFromCuts(shots: readonly SavedShot[]): Partial<Shot>[] {
	return shots.map((shot, i) => ({
		title: `Shot ${i + 1}`,
		description: '',
		notes: `Source frame at ${formatClipTime(shot.keyframeS)}; from ${formatClipTime(shot.startS)} to ${formatClipTime(shot.endS)} of the clip.`,
		durationS: clampDuration(shot.endS - shot.startS),
		transition: 'cut',
		sourceTimeS: shot.startS,
		keyframeAssetId: shot.keyframeAssetId
	}));
}
