import type { Shot } from '$lib/domain/types';

/** A new duration for one shot. */
export interface ShotTiming {
	shotId: string;
	durationS: number;
}

/** Shortest duration "Time shots to the clip" gives a shot. */
export const MIN_TIMED_S = 0.5;

/**
 * Durations from the source clip: a shot that starts at `sourceTimeS` lasts until the next
 * detected cut, or until the next shot's start when that comes first, or the clip's end.
 * Shots without a source time are left out (they keep their durations). Rounded to 0.1 s.
 */
export function timeShotsToCuts(
	shots: readonly Shot[],
	cutsS: readonly number[],
	clipDurationS: number
): ShotTiming[] {
	const boundaries = [...cutsS.filter((t) => t > 0 && t < clipDurationS), clipDurationS].sort(
		(a, b) => a - b
	);
	const starts = shots
		.map((shot) => shot.sourceTimeS)
		.filter((t): t is number => t !== undefined && Number.isFinite(t));
	const timings: ShotTiming[] = [];
	for (const shot of shots) {
		const start = shot.sourceTimeS;
		if (start === undefined || !Number.isFinite(start) || start >= clipDurationS) continue;
		const nextCut = boundaries.find((t) => t > start + 1e-3) ?? clipDurationS;
		const nextShot = starts.filter((t) => t > start + 1e-3).sort((a, b) => a - b)[0];
		const end = Math.min(nextCut, nextShot ?? Infinity);
		const durationS = Math.max(MIN_TIMED_S, Math.round((end - start) * 10) / 10);
		timings.push({ shotId: shot.id, durationS });
	}
	return timings;
}
