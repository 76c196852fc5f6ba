import type { ChangeSeries, DetectedShot, Options } from './meta';

/** Detections this many frames apart or closer are one cut seen twice (encoders smear cuts). */
const SAME_CUT_FRAMES = 2;
/** A cut must stand this many times above the typical change around it (rules out pans, fades). */
const SPIKE_RATIO = 4;
/** How far (s) on each side "around it" reaches. */
const WINDOW_S = 0.5;
/** A change the picture bridges back over within a few frames (below this share of it) is a flash. */
const FLASH_BRIDGE_RATIO = 0.5;

/** A detected change that may be a cut: the first frame of the new shot, and how strong it is. */
export interface CutCandidate {
	index: number;
	timeS: number;
	score: number;
}

/** The change score a cut must reach for a sensitivity from 0 (stark cuts only) to 1 (any jump). */
export function cutThreshold(sensitivity: number): number {
	const s = Math.min(1, Math.max(0, sensitivity));
	return 0.03 + 0.15 * (1 - s);
}

/**
 * Frames whose change score is high, a local peak, and a spike against the mean change in the
 * half second before it and in the half second after it, so that steady motion, slow pans and
 * fades (runs of similar moderate changes, including their first and last frames) are not cuts;
 * nor is a flash, which the picture bridges: a frame before it matches one a few frames after.
 */
export function cutCandidates(
	series: ChangeSeries,
	sensitivity: number,
	fps: number
): CutCandidate[] {
	const { scores, timesS } = series;
	const threshold = cutThreshold(sensitivity);
	const window = Math.max(3, Math.round(fps * WINDOW_S));
	const found: CutCandidate[] = [];
	for (let i = 1; i < scores.length; i++) {
		const score = scores[i]!;
		if (score < threshold) continue;
		if (score < (scores[i - 1] ?? 0) || score < (scores[i + 1] ?? 0)) continue;
		if (score < SPIKE_RATIO * busierSideMean(scores, i, window)) continue;
		if ((series.bridges?.[i] ?? Infinity) < FLASH_BRIDGE_RATIO * score) continue;
		found.push({ index: i, timeS: timesS[i]!, score });
	}
	return found;
}

/** Keep the strongest of detections that are within a couple of frames of each other. */
export function mergeDoubleDetections(candidates: readonly CutCandidate[]): CutCandidate[] {
	const merged: CutCandidate[] = [];
	for (const candidate of candidates) {
		const last = merged.at(-1);
		if (last && candidate.index - last.index <= SAME_CUT_FRAMES) {
			if (candidate.score > last.score) merged[merged.length - 1] = candidate;
		} else {
			merged.push(candidate);
		}
	}
	return merged;
}

/**
 * Drop cuts that would leave a shot shorter than `minShotS` (at the clip's start, end, or
 * between two cuts), keeping the stronger cut of a close pair.
 */
export function enforceMinShot(
	candidates: readonly CutCandidate[],
	durationS: number,
	minShotS: number
): CutCandidate[] {
	const inside = candidates.filter((c) => c.timeS >= minShotS && durationS - c.timeS >= minShotS);
	const kept: CutCandidate[] = [];
	for (const candidate of inside) {
		const last = kept.at(-1);
		if (last && candidate.timeS - last.timeS < minShotS) {
			if (candidate.score > last.score) kept[kept.length - 1] = candidate;
		} else {
			kept.push(candidate);
		}
	}
	return kept;
}

/** Cut times (s, the first frame of each new shot) from a clip's change series. */
export function findCuts(
	series: ChangeSeries,
	durationS: number,
	fps: number,
	options: Pick<Options, 'cutSensitivity' | 'minShotS'>
): number[] {
	const candidates = cutCandidates(series, options.cutSensitivity, fps);
	return enforceMinShot(mergeDoubleDetections(candidates), durationS, options.minShotS).map(
		(c) => c.timeS
	);
}

/** The shots between cuts, each with its middle as the keyframe time. */
export function shotsFromCuts(cutsS: readonly number[], durationS: number): DetectedShot[] {
	const bounds = [0, ...cutsS.filter((t) => t > 0 && t < durationS), durationS];
	const shots: DetectedShot[] = [];
	for (let i = 0; i + 1 < bounds.length; i++) {
		const startS = bounds[i]!;
		const endS = bounds[i + 1]!;
		shots.push({ startS, endS, keyframeS: round3((startS + endS) / 2) });
	}
	return shots;
}

/** The larger of the mean changes just before and just after frame `at` (near frames left out). */
function busierSideMean(scores: Float32Array, at: number, window: number): number {
	const before = mean(scores, Math.max(1, at - window), at - SAME_CUT_FRAMES - 1);
	const after = mean(scores, at + SAME_CUT_FRAMES + 1, Math.min(scores.length - 1, at + window));
	return Math.max(before, after);
}

function mean(scores: Float32Array, from: number, to: number): number {
	if (to < from) return 0;
	let sum = 0;
	for (let i = from; i <= to; i++) sum += scores[i]!;
	return sum / (to - from + 1);
}

function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}
