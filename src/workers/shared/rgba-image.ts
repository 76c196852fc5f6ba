import type { Tile } from './tiles';

/** 8-bit RGBA pixels, row by row, as ImageData holds them. */
export interface RgbaImage {
	data: Uint8Array | Uint8ClampedArray;
	width: number;
	height: number;
}

/** Mirror an index into [0, size) without repeating the edge pixel, as realesrgan-ncnn-vulkan pads. */
export function reflect(i: number, size: number): number {
	if (size === 1) return 0;
	const period = 2 * (size - 1);
	const m = ((i % period) + period) % period;
	return m < size ? m : period - m;
}

/**
 * The model input for one tile: planar RGB floats in 0..1 (NCHW, N = 1). The tile is given in
 * the coordinates of the image mirrored out by `pad` pixels on every side.
 */
export function tileInput(image: RgbaImage, pad: number, tile: Tile): Float32Array {
	const plane = tile.width * tile.height;
	const out = new Float32Array(3 * plane);
	const columns = Int32Array.from({ length: tile.width }, (_, x) =>
		reflect(tile.x + x - pad, image.width)
	);
	for (let y = 0; y < tile.height; y++) {
		const row = reflect(tile.y + y - pad, image.height) * image.width;
		for (let x = 0; x < tile.width; x++) {
			const at = (row + (columns[x] ?? 0)) * 4;
			const o = y * tile.width + x;
			out[o] = (image.data[at] ?? 0) / 255;
			out[plane + o] = (image.data[at + 1] ?? 0) / 255;
			out[2 * plane + o] = (image.data[at + 2] ?? 0) / 255;
		}
	}
	return out;
}

/** The alpha channel as its own plane, or undefined when the image is fully opaque. */
export function alphaPlane(image: RgbaImage): Uint8Array | undefined {
	const count = image.width * image.height;
	let opaque = true;
	for (let p = 0; p < count && opaque; p++) opaque = image.data[p * 4 + 3] === 255;
	if (opaque) return undefined;
	const alpha = new Uint8Array(count);
	for (let p = 0; p < count; p++) alpha[p] = image.data[p * 4 + 3] ?? 255;
	return alpha;
}

/** A float in 0..1 as a byte, rounded the way the reference implementation does. */
export function toByte(value: number): number {
	const v = Math.floor(value * 255 + 0.5);
	return v < 0 ? 0 : v > 255 ? 255 : v;
}
