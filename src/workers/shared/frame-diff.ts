/** Size of the colour thumbnails the change measure compares (small: the measure is about shots). */
export const THUMB_WIDTH = 64;
export const THUMB_HEIGHT = 36;
/** Bytes per thumbnail: packed RGB. */
export const THUMB_BYTES = THUMB_WIDTH * THUMB_HEIGHT * 3;

/**
 * How much the picture changed between two packed-RGB thumbnails, from 0 to 1: the mean
 * absolute difference after removing each colour channel's overall shift, so a fade or a
 * flash counts for little while a new picture counts fully.
 */
export function changeScore(previous: Uint8Array, next: Uint8Array): number {
	const n = rgbLength(previous, next);
	return n === 0 ? 0 : residualChange(previous, next, n, meanShift(previous, next, n));
}

/** How far the picture's overall colour moved between two thumbnails, from 0 to 1. */
export function colourShift(previous: Uint8Array, next: Uint8Array): number {
	const n = rgbLength(previous, next);
	return n === 0 ? 0 : shiftSize(meanShift(previous, next, n));
}

/** Bytes of whole RGB pixels both thumbnails have. */
function rgbLength(previous: Uint8Array, next: Uint8Array): number {
	const n = Math.min(previous.length, next.length);
	return n - (n % 3);
}

/** The mean change of each colour channel over the first `n` bytes. */
function meanShift(previous: Uint8Array, next: Uint8Array, n: number): [number, number, number] {
	const shift: [number, number, number] = [0, 0, 0];
	for (let i = 0; i < n; i += 3) {
		shift[0] += next[i]! - previous[i]!;
		shift[1] += next[i + 1]! - previous[i + 1]!;
		shift[2] += next[i + 2]! - previous[i + 2]!;
	}
	const pixels = n / 3;
	return [shift[0] / pixels, shift[1] / pixels, shift[2] / pixels];
}

/** The mean absolute difference of the first `n` bytes once each channel's `shift` is taken out. */
function residualChange(
	previous: Uint8Array,
	next: Uint8Array,
	n: number,
	[r, g, b]: [number, number, number]
): number {
	let total = 0;
	for (let i = 0; i < n; i += 3) {
		total +=
			Math.abs(next[i]! - previous[i]! - r) +
			Math.abs(next[i + 1]! - previous[i + 1]! - g) +
			Math.abs(next[i + 2]! - previous[i + 2]! - b);
	}
	return total / n / 255;
}

/** A per-channel mean shift as one number from 0 to 1. */
function shiftSize([r, g, b]: [number, number, number]): number {
	return (Math.abs(r) + Math.abs(g) + Math.abs(b)) / 3 / 255;
}

/**
 * How different two thumbnails are: a new picture (`changeScore`) plus a move of its overall
 * colour, so a cut between two plain pictures (sky to grass) counts too. A fade moves the colour
 * a little on every frame and a flash moves it back within a few frames: the cut rules tell
 * those apart from a cut, not this measure.
 */
export function pictureChange(previous: Uint8Array, next: Uint8Array): number {
	const n = rgbLength(previous, next);
	if (n === 0) return 0;
	const shift = meanShift(previous, next, n);
	return residualChange(previous, next, n, shift) + shiftSize(shift);
}

/** Frames a flash may last: pictures up to this many frames apart (plus one) are compared. */
export const FLASH_FRAMES = 3;
const SPAN = FLASH_FRAMES + 1;

/**
 * Takes thumbnails as a byte stream in any chunk sizes (as ffmpeg writes them) and keeps, per
 * frame, how much the picture changed into it and how little it changed across it: the least
 * change between a frame just before it and one just after (at most `FLASH_FRAMES` + 1 apart,
 * skipping at least one frame). A cut changes every such pair; a flash of a few frames leaves a
 * pair that matches. Memory stays small however long the clip is.
 */
export class ChangeMeter {
	readonly scores: number[] = [];
	readonly bridges: number[] = [];
	/** The last `SPAN` + 1 thumbnails, frame `f` at `f` modulo the ring size. */
	readonly #ring = Array.from({ length: SPAN + 1 }, () => new Uint8Array(THUMB_BYTES));
	#filled = 0;

	/** Frames measured so far. */
	get count(): number {
		return this.scores.length;
	}

	/** Feed the next bytes of the stream. */
	write(bytes: Uint8Array): void {
		let offset = 0;
		while (offset < bytes.length) {
			const current = this.#thumb(this.count);
			const take = Math.min(THUMB_BYTES - this.#filled, bytes.length - offset);
			current.set(bytes.subarray(offset, offset + take), this.#filled);
			this.#filled += take;
			offset += take;
			if (this.#filled === THUMB_BYTES) this.#completeFrame();
		}
	}

	#thumb(frame: number): Uint8Array {
		return this.#ring[frame % this.#ring.length]!;
	}

	#completeFrame(): void {
		const j = this.count;
		const current = this.#thumb(j);
		this.scores.push(j === 0 ? 0 : pictureChange(this.#thumb(j - 1), current));
		this.bridges.push(Number.POSITIVE_INFINITY);
		// Pair this frame with each earlier one 2 to SPAN frames back: the pair spans the frames
		// after the earlier one, up to this one.
		for (let back = 2; back <= Math.min(SPAN, j); back++) {
			const change = pictureChange(this.#thumb(j - back), current);
			for (let i = j - back + 1; i <= j; i++) this.bridges[i] = Math.min(this.bridges[i]!, change);
		}
		this.#filled = 0;
	}
}
