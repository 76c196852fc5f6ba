import type { Beat } from '$lib/domain/types';

/** A picture taken from the source clip and saved: a sampled frame or a cut's keyframe. */
export interface ClipFrame {
	assetId: string;
	timeS: number;
}

/**
 * How far from a beat's moment a saved frame may be and still be its picture: frames are
 * sampled about every 2 s, so the nearest is usually within 1 s; a farther one shows another moment.
 */
export const BEAT_FRAME_TOLERANCE_S = 1;

/** The saved frame nearest to `timeS`, when one is close enough to show that moment. */
export function nearestFrame(
	frames: readonly ClipFrame[],
	timeS: number,
	toleranceS = BEAT_FRAME_TOLERANCE_S
): ClipFrame | undefined {
	let best: ClipFrame | undefined;
	for (const frame of frames) {
		const distance = Math.abs(frame.timeS - timeS);
		if (distance <= toleranceS && (!best || distance < Math.abs(best.timeS - timeS))) best = frame;
	}
	return best;
}

/** The beats with a source time given the nearest saved frame of the clip as their keyframe. */
export function withBeatFrames(beats: readonly Beat[], frames: readonly ClipFrame[]): Beat[] {
	return beats.map((beat) => {
		if (beat.sourceTimeS === undefined) return beat;
		const frame = nearestFrame(frames, beat.sourceTimeS);
		return frame ? { ...beat, keyframeAssetId: frame.assetId } : beat;
	});
}
