import type { RgbImage } from '../png.mjs';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A small RGB test picture with the structure upscalers care about: a smooth gradient,
 * a soft-edged disc, hard diagonal stripes, a checkerboard patch and a little noise.
 */
export function syntheticImage(width: number, height: number, seed: number): RgbImage {
	const rand = random(seed);
	const data = new Uint8Array(width * height * 3);
	const cx = width * (0.35 + 0.3 * rand());
	const cy = height * (0.35 + 0.3 * rand());
	const radius = Math.min(width, height) * 0.28;
	const disc = [40 + 180 * rand(), 40 + 180 * rand(), 40 + 180 * rand()];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let rgb = [
				30 + (180 * x) / width,
				60 + (150 * y) / height,
				200 - (120 * (x + y)) / (width + height)
			];
			const cover = Math.min(1, Math.max(0, radius - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5));
			rgb = rgb.map((v, i) => v * (1 - cover) + (disc[i] ?? 0) * cover);
			if (x > width * 0.6 && ((x + y) >> 2) % 2 === 0) rgb = rgb.map((v) => v * 0.35);
			if (x < width * 0.3 && y > height * 0.65 && ((x >> 2) + (y >> 2)) % 2 === 0)
				rgb = [235, 235, 225];
			const noise = (rand() - 0.5) * 12;
			for (let c = 0; c < 3; c++) {
				data[(y * width + x) * 3 + c] = Math.max(
					0,
					Math.min(255, Math.round((rgb[c] ?? 0) + noise))
				);
			}
		}
	}
	return { width, height, channels: 3, data };
}
