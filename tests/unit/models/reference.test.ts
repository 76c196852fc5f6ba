import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../scripts/models/catalog';
import { decodePng, type RgbImage } from '../../../scripts/png.mjs';
import { psnr, upscaleWhole } from './upscale-helpers';

const fixtures = 'tests/fixtures/upscale';
const inputs = ['32x32', '48x40'];
/** Set in CI jobs that ran the model build, so a missing model fails instead of skipping. */
const requireModels = Boolean(process.env.MAESTRO_REQUIRE_MODELS);

/** Nearest-neighbour upscale: the floor any model must beat. */
function nearest(image: RgbImage, scale: number): RgbImage {
	const width = image.width * scale;
	const height = image.height * scale;
	const data = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const from = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * image.channels;
			data.set(image.data.subarray(from, from + 3), (y * width + x) * 3);
		}
	}
	return { width, height, channels: 3, data };
}

describe('the 40 dB bar', () => {
	it('is not met by a plain nearest-neighbour upscale, so passing it means something', () => {
		const input = decodePng(readFileSync(join(fixtures, 'input-48x40.png')));
		const reference = decodePng(readFileSync(join(fixtures, 'ref-realesrgan-x4fast-48x40.png')));
		expect(psnr(nearest(input, 4), reference)).toBeLessThan(30);
	});
});

describe('converted Real-ESRGAN models against realesrgan-ncnn-vulkan', () => {
	for (const model of CATALOG) {
		const file = join('public/models', `${model.id}.onnx`);
		it(`${model.id} matches the reference within 40 dB PSNR`, { timeout: 60_000 }, async (ctx) => {
			if (!existsSync(file) && !requireModels) {
				console.warn(
					`SKIPPED ${model.id}: ${file} is not built (run \`npm run models\` with the registry reachable)`
				);
				ctx.skip(`${file} not built: run \`npm run models\``);
			}
			const session = await ort.InferenceSession.create(file);
			try {
				for (const size of inputs) {
					const input = decodePng(readFileSync(join(fixtures, `input-${size}.png`)));
					const reference = decodePng(readFileSync(join(fixtures, `ref-${model.id}-${size}.png`)));
					const ours = await upscaleWhole(session, input, model.scale);
					const db = psnr(ours, reference);
					console.log(`PSNR ${model.id} ${size}: ${db.toFixed(2)} dB`);
					expect(db, `${model.id} on ${size}`).toBeGreaterThanOrEqual(40);
				}
			} finally {
				await session.release();
			}
		});
	}
});
