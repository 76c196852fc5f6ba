/** Keys' cubic convolution kernel with a = -0.5 (Catmull-Rom), what "bicubic" usually means. */
export function cubic(x: number): number {
	const t = Math.abs(x);
	if (t < 1) return 1.5 * t * t * t - 2.5 * t * t + 1;
	if (t < 2) return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2;
	return 0;
}

/** For each output position along one axis: the first source index and the normalised weights. */
function axisWeights(from: number, to: number): { first: Int32Array; weights: Float32Array[] } {
	const ratio = from / to;
	// Shrinking widens the kernel so it filters before dropping pixels.
	const stretch = Math.max(1, ratio);
	const support = 2 * stretch;
	const first = new Int32Array(to);
	const weights: Float32Array[] = [];
	for (let o = 0; o < to; o++) {
		const center = (o + 0.5) * ratio - 0.5;
		const lo = Math.ceil(center - support);
		const hi = Math.floor(center + support);
		const w = new Float32Array(hi - lo + 1);
		let sum = 0;
		for (let i = lo; i <= hi; i++) sum += w[i - lo] = cubic((i - center) / stretch);
		for (let k = 0; k < w.length; k++) w[k] = (w[k] ?? 0) / sum;
		first[o] = lo;
		weights.push(w);
	}
	return { first, weights };
}

/**
 * Resizes a single 8-bit plane (an alpha channel) with a separable bicubic filter one output row
 * at a time, keeping only the few horizontally filtered source rows the kernel spans: memory
 * grows with the output's width, not its area. Rows must be asked for top to bottom. Edges
 * repeat the border pixel. Used to upscale transparency, which the models do not see.
 */
export class PlaneResizer {
	readonly #xs: { first: Int32Array; weights: Float32Array[] };
	readonly #ys: { first: Int32Array; weights: Float32Array[] };
	/** Horizontally resized source rows, by source row; only those the kernel still needs. */
	readonly #rows = new Map<number, Float32Array>();
	readonly #out: Uint8Array;
	#next = 0;

	constructor(
		readonly plane: Uint8Array,
		readonly width: number,
		readonly height: number,
		readonly outWidth: number,
		readonly outHeight: number
	) {
		if (plane.length !== width * height) {
			throw new RangeError(`plane has ${plane.length} values, expected ${width * height}`);
		}
		this.#xs = axisWeights(width, outWidth);
		this.#ys = axisWeights(height, outHeight);
		this.#out = new Uint8Array(outWidth);
	}

	/** Output row `y` (the same array is reused for the next row). */
	row(y: number): Uint8Array {
		if (y !== this.#next) throw new RangeError(`asked for row ${y}, expected ${this.#next}`);
		this.#next++;
		const w = this.#ys.weights[y]!;
		const lo = this.#ys.first[y]!;
		const clampY = (i: number) => Math.min(this.height - 1, Math.max(0, i));
		for (const key of this.#rows.keys()) if (key < clampY(lo)) this.#rows.delete(key);
		const sources = Array.from(w, (_, k) => this.#sourceRow(clampY(lo + k)));
		const out = this.#out;
		for (let x = 0; x < this.outWidth; x++) {
			let sum = 0;
			for (let k = 0; k < w.length; k++) sum += sources[k]![x]! * w[k]!;
			out[x] = Math.min(255, Math.max(0, Math.round(sum)));
		}
		return out;
	}

	#sourceRow(y: number): Float32Array {
		let row = this.#rows.get(y);
		if (row) return row;
		const { first, weights } = this.#xs;
		const clampX = (i: number) => Math.min(this.width - 1, Math.max(0, i));
		const at = y * this.width;
		row = new Float32Array(this.outWidth);
		for (let o = 0; o < this.outWidth; o++) {
			const w = weights[o]!;
			const lo = first[o]!;
			let sum = 0;
			for (let k = 0; k < w.length; k++) sum += this.plane[at + clampX(lo + k)]! * w[k]!;
			row[o] = sum;
		}
		this.#rows.set(y, row);
		return row;
	}
}

/** Resize a whole 8-bit plane with `PlaneResizer`'s bicubic filter. */
export function resizePlane(
	plane: Uint8Array,
	width: number,
	height: number,
	outWidth: number,
	outHeight: number
): Uint8Array {
	const resizer = new PlaneResizer(plane, width, height, outWidth, outHeight);
	const out = new Uint8Array(outWidth * outHeight);
	for (let y = 0; y < outHeight; y++) out.set(resizer.row(y), y * outWidth);
	return out;
}
