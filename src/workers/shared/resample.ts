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
 * Resize a single 8-bit plane (an alpha channel) with a separable bicubic filter; edges repeat
 * the border pixel. Used to upscale transparency, which the models do not see.
 */
export function resizePlane(
	plane: Uint8Array,
	width: number,
	height: number,
	outWidth: number,
	outHeight: number
): Uint8Array {
	const xs = axisWeights(width, outWidth);
	const ys = axisWeights(height, outHeight);
	const clampX = (i: number) => Math.min(width - 1, Math.max(0, i));
	const clampY = (i: number) => Math.min(height - 1, Math.max(0, i));
	// Horizontal pass first: height x outWidth floats.
	const mid = new Float32Array(height * outWidth);
	for (let y = 0; y < height; y++) {
		for (let o = 0; o < outWidth; o++) {
			const w = xs.weights[o]!;
			const lo = xs.first[o] ?? 0;
			let sum = 0;
			for (let k = 0; k < w.length; k++)
				sum += (plane[y * width + clampX(lo + k)] ?? 0) * (w[k] ?? 0);
			mid[y * outWidth + o] = sum;
		}
	}
	const out = new Uint8Array(outWidth * outHeight);
	for (let o = 0; o < outHeight; o++) {
		const w = ys.weights[o]!;
		const lo = ys.first[o] ?? 0;
		for (let x = 0; x < outWidth; x++) {
			let sum = 0;
			for (let k = 0; k < w.length; k++)
				sum += (mid[clampY(lo + k) * outWidth + x] ?? 0) * (w[k] ?? 0);
			out[o * outWidth + x] = Math.min(255, Math.max(0, Math.round(sum)));
		}
	}
	return out;
}
