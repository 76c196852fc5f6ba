/** Size of the grey thumbnails the change measure compares (small: the measure is about shots). */
export const THUMB_WIDTH = 64;
export const THUMB_HEIGHT = 36;

/**
 * How much the picture changed between two grey thumbnails, from 0 to 1: the mean absolute
 * difference after removing each frame's mean brightness, so a fade or a flash of light
 * counts for little while a new picture counts fully.
 */
export function changeScore(previous: Uint8Array, next: Uint8Array): number {
	const n = Math.min(previous.length, next.length);
	if (n === 0) return 0;
	let sumPrevious = 0;
	let sumNext = 0;
	for (let i = 0; i < n; i++) {
		sumPrevious += previous[i]!;
		sumNext += next[i]!;
	}
	const offset = (sumNext - sumPrevious) / n;
	let total = 0;
	for (let i = 0; i < n; i++) total += Math.abs(next[i]! - previous[i]! - offset);
	return total / n / 255;
}

/** Change scores for consecutive thumbnails packed one after another in `frames`. */
export function changeScores(frames: Uint8Array, frameBytes = THUMB_WIDTH * THUMB_HEIGHT): Float32Array {
	const count = Math.floor(frames.length / frameBytes);
	const scores = new Float32Array(count);
	for (let i = 1; i < count; i++) {
		scores[i] = changeScore(
			frames.subarray((i - 1) * frameBytes, i * frameBytes),
			frames.subarray(i * frameBytes, (i + 1) * frameBytes)
		);
	}
	return scores;
}
