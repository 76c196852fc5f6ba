import type { FrameRequest, Options } from './meta';

/** The facts about a clip that frame planning needs. */
export interface ClipTiming {
	durationS: number;
	fps: number;
}

/** How many context frames a clip gets: one per `secondsPerFrame`, within [minFrames, maxFrames]. */
export function contextFrameCount(
	durationS: number,
	options: Pick<Options, 'secondsPerFrame' | 'minFrames' | 'maxFrames'>
): number {
	const wanted = Math.round(durationS / Math.max(0.001, options.secondsPerFrame));
	const min = Math.max(1, Math.floor(options.minFrames));
	const max = Math.max(min, Math.floor(options.maxFrames));
	return Math.min(max, Math.max(min, wanted));
}

/** The latest time a frame can be taken from: the start of the last frame. */
export function lastFrameTime({ durationS, fps }: ClipTiming): number {
	return Math.max(0, durationS - 1 / (fps > 0 ? fps : 30));
}

/** `timeS` moved to the start of the frame shown at that time, inside the clip. */
export function snapToFrame(timeS: number, clip: ClipTiming): number {
	const fps = clip.fps > 0 ? clip.fps : 30;
	const clamped = Math.min(lastFrameTime(clip), Math.max(0, timeS));
	return Math.round((Math.floor(clamped * fps + 1e-6) / fps) * 1000) / 1000;
}

/**
 * Evenly spaced context frames (each at the middle of an equal slice of the clip) plus the
 * middle frame, snapped to frame starts, in time order; the middle frame is not repeated when
 * a context frame already sits on it.
 */
export function planFrameTimes(
	clip: ClipTiming,
	options: Pick<Options, 'secondsPerFrame' | 'minFrames' | 'maxFrames'>
): FrameRequest[] {
	const count = contextFrameCount(clip.durationS, options);
	const slice = clip.durationS / count;
	const requests: FrameRequest[] = [];
	for (let i = 0; i < count; i++) {
		requests.push({ timeS: snapToFrame((i + 0.5) * slice, clip), role: 'context' });
	}
	const middle = snapToFrame(clip.durationS / 2, clip);
	if (!requests.some((r) => r.timeS === middle)) requests.push({ timeS: middle, role: 'middle' });
	else requests.find((r) => r.timeS === middle)!.role = 'middle';
	const unique = requests.filter(
		(r, i) => requests.findIndex((other) => other.timeS === r.timeS) === i
	);
	return unique.sort((a, b) => a.timeS - b.timeS);
}

/** Size of a frame scaled so its longest side is at most `longestSide` (never enlarged), even numbers. */
export function scaledSize(
	width: number,
	height: number,
	longestSide: number
): { width: number; height: number } {
	const scale = Math.min(1, longestSide / Math.max(width, height, 1));
	const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
	return { width: even(width), height: even(height) };
}
