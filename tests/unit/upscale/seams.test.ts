import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { modelTiling, type UpscaleModelId } from '$lib/upscale/meta';
import { planTiles, type Tile } from '../../../src/workers/shared/tiles';
import { decodePng } from '../../../scripts/png.mjs';
import { toPaddedTensor } from '../models/upscale-helpers';
import { accumulate } from './accumulate';

const requireModels = Boolean(process.env.MAESTRO_REQUIRE_MODELS);

/** Worst per-channel difference (in 1/255) between whole-image and tiled runs of a model. */
async function worstSeam(
	id: UpscaleModelId,
	file: string,
	tileSize: number
): Promise<{ worst: number; tiles: number }> {
	const { overlap, margin } = modelTiling[id];
	const session = await ort.InferenceSession.create(file);
	try {
		// 32x32 fixture mirrored out to 112x112, so that 96 px tiles make a 2x2 grid.
		const image = decodePng(readFileSync('tests/fixtures/upscale/input-32x32.png'));
		const padded = toPaddedTensor(image, 40);
		const [, channels = 3, height = 0, width = 0] = padded.dims as number[];
		const pixels = padded.data as Float32Array;
		const run = async (x: number, y: number, w: number, h: number) => {
			const crop = new Float32Array(channels * w * h);
			for (let c = 0; c < channels; c++) {
				for (let row = 0; row < h; row++) {
					const from = c * width * height + (y + row) * width + x;
					crop.set(pixels.subarray(from, from + w), c * w * h + row * w);
				}
			}
			const out = await session.run({ data: new ort.Tensor('float32', crop, [1, channels, h, w]) });
			return out.output?.data as Float32Array;
		};
		const scale = 4;
		const whole = await run(0, 0, width, height);
		const plan = planTiles(width, height, tileSize, overlap);
		const outputs = new Map<Tile, Float32Array>();
		for (const tile of plan.tiles) {
			outputs.set(tile, await run(tile.x, tile.y, tile.width, tile.height));
		}
		const tiled = accumulate(plan, scale, overlap, margin, (tile) => outputs.get(tile)!);
		const clamp = (v: number) => Math.min(1, Math.max(0, v));
		let worst = 0;
		whole.forEach(
			(v, i) => (worst = Math.max(worst, Math.abs(clamp(v) - clamp(tiled[i] ?? 0)) * 255))
		);
		return { worst, tiles: plan.tiles.length };
	} finally {
		await session.release();
	}
}

describe("tiled upscaling with each model's overlap and margin", () => {
	for (const id of ['realesr-animevideov3-x4', 'realesrgan-x4fast'] as const) {
		const file = `public/models/${id}.onnx`;
		it(
			`${id}: tiles differ from the whole image by at most 2/255`,
			{ timeout: 60_000 },
			async (ctx) => {
				if (!existsSync(file) && !requireModels) {
					console.warn(`SKIPPED seams for ${id}: ${file} is not built (run \`npm run models\`)`);
					ctx.skip(`${file} not built`);
				}
				const { worst, tiles } = await worstSeam(id, file, 96);
				console.log(`seams ${id}: ${tiles} tiles, worst difference ${worst.toFixed(2)}/255`);
				expect(tiles).toBe(4);
				expect(worst).toBeLessThanOrEqual(2);
			}
		);
	}
});
