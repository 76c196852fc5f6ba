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
	const n = Math.min(previous.length, next.length) - (Math.min(previous.length, next.length) % 3);
	if (n === 0) return 0;
	const shift = [0, 0, 0];
	for (let i = 0; i < n; i += 3) {
		shift[0]! += next[i]! - previous[i]!;
		shift[1]! += next[i + 1]! - previous[i + 1]!;
		shift[2]! += next[i + 2]! - previous[i + 2]!;
	}
	const pixels = n / 3;
	const [r, g, b] = shift.map((s) => s / pixels) as [number, number, number];
	let total = 0;
	for (let i = 0; i < n; i += 3) {
		total +=
			Math.abs(next[i]! - previous[i]! - r) +
			Math.abs(next[i + 1]! - previous[i + 1]! - g) +
			Math.abs(next[i + 2]! - previous[i + 2]! - b);
	}
	return total / n / 255;
}

/**
 * Takes thumbnails as a byte stream in any chunk sizes (as ffmpeg writes them) and keeps only a
 * change score per frame, so memory stays small however long the clip is.
 */
export class ChangeMeter {
	readonly scores: number[] = [];
	#previous = new Uint8Array(THUMB_BYTES);
	#current = new Uint8Array(THUMB_BYTES);
	#filled = 0;

	/** Frames measured so far. */
	get count(): number {
		return this.scores.length;
	}

	/** Feed the next bytes of the stream. */
	write(bytes: Uint8Array): void {
		let offset = 0;
		while (offset < bytes.length) {
			const take = Math.min(THUMB_BYTES - this.#filled, bytes.length - offset);
			this.#current.set(bytes.subarray(offset, offset + take), this.#filled);
			this.#filled += take;
			offset += take;
			if (this.#filled === THUMB_BYTES) this.#completeFrame();
		}
	}

	#completeFrame(): void {
		this.scores.push(this.scores.length === 0 ? 0 : changeScore(this.#previous, this.#current));
		[this.#previous, this.#current] = [this.#current, this.#previous];
		this.#filled = 0;
	}
}
