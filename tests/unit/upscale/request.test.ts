import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restoreManifest } from '$lib/upscale/manifest';
import { defaultOptions } from '$lib/upscale/meta';
import { buildRequest, pickModel } from '$lib/upscale/request';

const entry = (id: string, scale: 2 | 4) => ({
	id,
	file: `${id}.onnx`,
	scale,
	label: id,
	sha256: `${id.length}`.padEnd(64, 'ab')
});
const manifest = restoreManifest(
	{
		models: [
			entry('realesr-animevideov3-x2', 2),
			entry('realesr-animevideov3-x4', 4),
			entry('realesrgan-x4fast', 4)
		]
	},
	() => {}
);

describe('pickModel', () => {
	it('uses the x2 model for fast illustration at 2x and the x4 one at 4x', () => {
		expect(pickModel(manifest, { ...defaultOptions, outscale: 2 })?.id).toBe(
			'realesr-animevideov3-x2'
		);
		expect(pickModel(manifest, { ...defaultOptions, outscale: 4 })?.id).toBe(
			'realesr-animevideov3-x4'
		);
	});

	it('uses the x4 photo model for 2x too (downscaled after)', () => {
		expect(pickModel(manifest, { ...defaultOptions, choice: 'photo', outscale: 2 })?.scale).toBe(4);
	});

	it('is undefined when the model was not built', () => {
		expect(pickModel(manifest, { ...defaultOptions, choice: 'quality' })).toBeUndefined();
		expect(pickModel({ models: [], missing: [] }, defaultOptions)).toBeUndefined();
	});
});

describe('buildRequest', () => {
	it('points at the model on our origin with its tiling and memory needs', () => {
		const model = pickModel(manifest, { ...defaultOptions, choice: 'photo', outscale: 2 })!;
		const request = buildRequest(
			model,
			{ ...defaultOptions, outscale: 2 },
			'https://app.example/sub/models/'
		);
		expect(request).toMatchObject({
			modelUrl: 'https://app.example/sub/models/realesrgan-x4fast.onnx?v=17ababababababab',
			modelScale: 4,
			outscale: 2,
			input: 'data',
			output: 'output',
			tiling: { overlap: 48, margin: 16 },
			minTileSize: 96,
			edgePadding: 10
		});
	});

	it('works with the manifest this build made, when there is one', () => {
		let raw: unknown;
		try {
			raw = JSON.parse(readFileSync('public/models/manifest.json', 'utf8'));
		} catch {
			return;
		}
		const built = restoreManifest(raw);
		for (const model of built.models) {
			expect(buildRequest(model, defaultOptions, 'http://x/models/').modelUrl).toBe(
				`http://x/models/${model.file}?v=${model.sha256.slice(0, 16)}`
			);
		}
	});
});
