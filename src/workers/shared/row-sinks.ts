/**
 * Takes finished output rows in order, top to bottom: each a planar RGB row (all red values,
 * then green, then blue) of floats in 0..1.
 */
export interface RowSink {
	push(row: Float32Array): void;
	finish(): void;
}

/** Lanczos window with three lobes. */
function lanczos3(x: number): number {
	if (x === 0) return 1;
	if (Math.abs(x) >= 3) return 0;
	const px = Math.PI * x;
	return (3 * Math.sin(px) * Math.sin(px / 3)) / (px * px);
}

/** Offsets (from 2j) of the source pixels behind output pixel j of a 2:1 Lanczos-3 reduction. */
export const HALVING_TAPS = Array.from({ length: 12 }, (_, k) => k - 5);

/** Their weights: the kernel stretched 2x (so it filters before it drops pixels), summing to 1. */
export const HALVING_WEIGHTS: Float64Array = (() => {
	const raw = HALVING_TAPS.map((k) => lanczos3((k - 0.5) / 2));
	const sum = raw.reduce((a, b) => a + b, 0);
	return Float64Array.from(raw, (w) => w / sum);
})();

/**
 * Halves the picture in both directions with a Lanczos-3 filter while the rows stream by,
 * keeping only the 12 source rows the filter needs: x4 model output becomes a sharp 2x result
 * without ever holding the whole 4x image. Edges repeat the border pixel.
 */
export class HalvingSink implements RowSink {
	readonly #ring: Float32Array[] = [];
	#received = 0;
	#emitted = 0;
	readonly #outWidth: number;
	readonly #outHeight: number;

	constructor(
		readonly next: RowSink,
		readonly width: number,
		readonly height: number
	) {
		if (width % 2 || height % 2) throw new RangeError(`cannot halve ${width}x${height}`);
		this.#outWidth = width / 2;
		this.#outHeight = height / 2;
	}

	push(row: Float32Array): void {
		if (this.#received >= this.height) throw new RangeError('more rows than the image has');
		this.#ring[this.#received % 12] = this.#halveRow(row);
		this.#received++;
		this.#emitReady();
	}

	finish(): void {
		if (this.#received !== this.height) {
			throw new RangeError(`got ${this.#received} of ${this.height} rows`);
		}
		this.#emitReady();
		this.next.finish();
	}

	#halveRow(row: Float32Array): Float32Array {
		const w = this.width;
		const ow = this.#outWidth;
		const out = new Float32Array(3 * ow);
		for (let c = 0; c < 3; c++) {
			for (let j = 0; j < ow; j++) {
				let sum = 0;
				for (let t = 0; t < 12; t++) {
					const x = Math.min(w - 1, Math.max(0, 2 * j + (HALVING_TAPS[t] ?? 0)));
					sum += (row[c * w + x] ?? 0) * (HALVING_WEIGHTS[t] ?? 0);
				}
				out[c * ow + j] = sum;
			}
		}
		return out;
	}

	#emitReady(): void {
		while (this.#emitted < this.#outHeight) {
			const j = this.#emitted;
			const last = Math.min(this.height - 1, 2 * j + 6);
			if (last >= this.#received) return;
			const out = new Float32Array(3 * this.#outWidth);
			for (let t = 0; t < 12; t++) {
				const y = Math.min(this.height - 1, Math.max(0, 2 * j + (HALVING_TAPS[t] ?? 0)));
				const source = this.#ring[y % 12];
				const weight = HALVING_WEIGHTS[t] ?? 0;
				if (!source) continue;
				for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (source[i] ?? 0) * weight;
			}
			this.next.push(out);
			this.#emitted++;
		}
	}
}
