import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { modelTiling, type UpscaleModelId } from '$lib/upscale/meta';
import { resizePlane } from '../../../src/workers/shared/resample';
import { alphaPlane, type RgbaImage } from '../../../src/workers/shared/rgba-image';
import {
	BAND_BYTES,
	bandTileHeight,
	tileCount,
	upscaleImage,
	type TileRunner,
	type UpscaledPng,
	type UpscaleImageOptions
} from '../../../src/workers/shared/upscale-image';
import { decodePng } from '../../../scripts/png.mjs';

const requireModels = Boolean(process.env.MAESTRO_REQUIRE_MODELS);

/** A deterministic stand-in model: nearest-neighbour upscaling, so tiling must be exact. */
function nearestModel(scale: number): TileRunner {
	return async (input, width, height) => {
		const out = new Float32Array(3 * width * scale * height * scale);
		const ow = width * scale;
		const oh = height * scale;
		for (let c = 0; c < 3; c++)
			for (let y = 0; y < oh; y++)
				for (let x = 0; x < ow; x++)
					out[c * ow * oh + y * ow + x] =
						input[c * width * height + Math.floor(y / scale) * width + Math.floor(x / scale)] ?? 0;
		return out;
	};
}

function rgbaFixture(file: string): RgbaImage {
	const png = decodePng(readFileSync(file));
	const data = new Uint8Array(png.width * png.height * 4);
	for (let p = 0; p < png.width * png.height; p++) {
		for (let c = 0; c < 3; c++) data[p * 4 + c] = png.data[p * png.channels + c] ?? 0;
		data[p * 4 + 3] = png.channels === 4 ? (png.data[p * 4 + 3] ?? 255) : 255;
	}
	return { data, width: png.width, height: png.height };
}

/** The upscaled PNG's bytes, and its pixels as RGBA (opaque when the PNG is RGB). */
async function decoded(
	result: UpscaledPng
): Promise<RgbaImage & { file: Buffer; channels: number }> {
	const file = Buffer.from(await result.png.arrayBuffer());
	const png = decodePng(file);
	expect([png.width, png.height]).toEqual([result.width, result.height]);
	expect(png.channels).toBe(result.alpha ? 4 : 3);
	const data = new Uint8Array(png.width * png.height * 4);
	for (let p = 0; p < png.width * png.height; p++) {
		for (let c = 0; c < 3; c++) data[p * 4 + c] = png.data[p * png.channels + c] ?? 0;
		data[p * 4 + 3] = png.channels === 4 ? (png.data[p * 4 + 3] ?? 255) : 255;
	}
	return { data, width: png.width, height: png.height, file, channels: png.channels };
}

function worstDifference(a: RgbaImage, b: RgbaImage): number {
	expect([a.width, a.height]).toEqual([b.width, b.height]);
	let worst = 0;
	a.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (b.data[i] ?? 0)))));
	return worst;
}

const options = (over: Partial<UpscaleImageOptions>): UpscaleImageOptions => ({
	modelScale: 4,
	outscale: 4,
	tileSize: 1024,
	overlap: 48,
	margin: 16,
	edgePadding: 10,
	...over
});

describe('upscaleImage', () => {
	const image = rgbaFixture('tests/fixtures/upscale/input-48x40.png');

	it('makes an RGB PNG of 4x and 2x the size for an opaque image', async () => {
		for (const outscale of [2, 4] as const) {
			const result = await upscaleImage(image, options({ outscale }), nearestModel(4));
			expect(result.png.type).toBe('image/png');
			expect(result.alpha).toBe(false);
			const out = await decoded(result);
			expect([out.width, out.height, out.channels]).toEqual([48 * outscale, 40 * outscale, 3]);
		}
	});

	it('reports the tile total before the first tile runs, then each tile as it is done', async () => {
		const seen: string[] = [];
		const run = nearestModel(4);
		await upscaleImage(
			image,
			options({ tileSize: 28, overlap: 12, margin: 4 }),
			async (input, width, height) => {
				seen.push('run');
				return run(input, width, height);
			},
			(done, total) => seen.push(`${done}/${total}`)
		);
		const total = tileCount(48, 40, options({ tileSize: 28, overlap: 12, margin: 4 }));
		expect(total).toBeGreaterThan(1);
		expect(seen.slice(0, 3)).toEqual([`0/${total}`, 'run', `1/${total}`]);
		expect(seen.at(-1)).toBe(`${total}/${total}`);
	});

	it('rebuilds the whole-image result exactly from many small tiles', async () => {
		const whole = await decoded(await upscaleImage(image, options({}), nearestModel(4)));
		const tiles: number[] = [];
		const tiled = await decoded(
			await upscaleImage(
				image,
				options({ tileSize: 28, overlap: 12, margin: 4 }),
				nearestModel(4),
				(done, total) => tiles.push(done, total)
			)
		);
		expect(tileCount(48, 40, options({ tileSize: 28, overlap: 12, margin: 4 }))).toBe(12);
		expect(tiles.slice(-2)).toEqual([12, 12]);
		expect(worstDifference(whole, tiled)).toBe(0);
		// Rows came out of bands of different heights, yet the files are the same byte for byte.
		expect(tiled.file.equals(whole.file)).toBe(true);
		// And the nearest upscale really is the source, pixel for pixel.
		expect(Array.from(whole.data.subarray(0, 4))).toEqual(Array.from(image.data.subarray(0, 4)));
		const x = 47,
			y = 39;
		const at = (y * 4 * whole.width + x * 4) * 4;
		expect(Array.from(whole.data.subarray(at, at + 3))).toEqual(
			Array.from(image.data.subarray((y * 48 + x) * 4, (y * 48 + x) * 4 + 3))
		);
	});

	it('keeps transparency, upscaled on its own', async () => {
		const clear = { ...image, data: Uint8Array.from(image.data) };
		// Left half transparent, right half opaque.
		for (let y = 0; y < 40; y++) for (let x = 0; x < 24; x++) clear.data[(y * 48 + x) * 4 + 3] = 0;
		const result = await upscaleImage(clear, options({ outscale: 2 }), nearestModel(4));
		expect(result.alpha).toBe(true);
		const out = await decoded(result);
		expect(out.channels).toBe(4);
		const alphaAt = (x: number, y: number) => out.data[(y * out.width + x) * 4 + 3];
		expect(alphaAt(0, 0)).toBe(0);
		expect(alphaAt(40, 50)).toBe(0);
		expect(alphaAt(60, 50)).toBe(255);
		expect(alphaAt(95, 79)).toBe(255);
		// Row by row, the alpha is the whole-plane bicubic resize of the source's alpha.
		const expected = resizePlane(alphaPlane(clear)!, 48, 40, 96, 80);
		expect(Array.from(expected, (_, p) => out.data[p * 4 + 3])).toEqual(Array.from(expected));
		// Colour under transparent pixels is kept as it is, not premultiplied away.
		const p = 10 * 96 + 10;
		const source = (5 * 48 + 5) * 4;
		expect(Array.from(out.data.subarray(p * 4, p * 4 + 3))).toEqual(
			Array.from(image.data.subarray(source, source + 3))
		);
	});

	it('refuses to make 4x from a 2x model', async () => {
		await expect(
			upscaleImage(image, options({ modelScale: 2, outscale: 4 }), nearestModel(2))
		).rejects.toThrow(RangeError);
	});
});

describe('upscaleImage with the real models (onnxruntime-web in Node)', () => {
	const cases: [UpscaleModelId, 2 | 4, 2 | 4][] = [
		['realesr-animevideov3-x2', 2, 2],
		['realesrgan-x4fast', 4, 2],
		['realesrgan-x4fast', 4, 4]
	];
	for (const [id, modelScale, outscale] of cases) {
		const file = `public/models/${id}.onnx`;
		it(
			`${id} at ${outscale}x: tiles differ from the whole image by at most 2/255`,
			{ timeout: 120_000 },
			async (ctx) => {
				if (!existsSync(file) && !requireModels) ctx.skip(`${file} not built`);
				const session = await ort.InferenceSession.create(file);
				try {
					const run: TileRunner = async (input, width, height) => {
						const out = await session.run({
							data: new ort.Tensor('float32', input, [1, 3, height, width])
						});
						return out.output?.data as Float32Array;
					};
					// The 48x40 fixture mirrored to 112x104 by the padding, so 96 px tiles make a 2x2 grid.
					const image = rgbaFixture('tests/fixtures/upscale/input-48x40.png');
					const { overlap, margin } = modelTiling[id];
					const base = { modelScale, outscale, overlap, margin, edgePadding: 32 };
					const whole = await decoded(await upscaleImage(image, { ...base, tileSize: 1024 }, run));
					let tiles = 0;
					const tiled = await decoded(
						await upscaleImage(image, { ...base, tileSize: 96 }, run, (_, total) => (tiles = total))
					);
					expect(tiles).toBe(4);
					const worst = worstDifference(whole, tiled);
					console.log(`upscaleImage ${id} ${outscale}x: worst tile difference ${worst}/255`);
					expect(worst).toBeLessThanOrEqual(2);
					// The result is a picture, not noise: it stays close to a plain enlargement.
					let sum = 0;
					for (let y = 0; y < tiled.height; y++)
						for (let x = 0; x < tiled.width; x++) {
							const src = (Math.floor(y / outscale) * 48 + Math.floor(x / outscale)) * 4;
							sum += Math.abs(
								(tiled.data[(y * tiled.width + x) * 4] ?? 0) - (image.data[src] ?? 0)
							);
						}
					expect(sum / (tiled.width * tiled.height)).toBeLessThan(20);
				} finally {
					await session.release();
				}
			}
		);
	}
});

describe('bandTileHeight', () => {
	const base = { modelScale: 4, outscale: 4, overlap: 48, margin: 16, edgePadding: 10 } as const;

	it('leaves the tile size alone while the band fits in its budget', () => {
		expect(bandTileHeight(532, { ...base, tileSize: 624 })).toBe(624);
	});

	it('lowers the tile height for wide images so the band stays within 64 MB', () => {
		const height = bandTileHeight(2068, { ...base, tileSize: 624 });
		expect(height).toBeLessThan(624);
		expect(3 * 4 * 2068 * 16 * height).toBeLessThanOrEqual(BAND_BYTES);
	});

	it('never goes under twice the overlap', () => {
		expect(bandTileHeight(100_000, { ...base, tileSize: 624 })).toBe(96);
	});
});
