import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildModels, cacheDir, type Manifest } from '../../../scripts/models/build';
import { CATALOG } from '../../../scripts/models/catalog';
import { BinWriter, paramText } from './ncnn-fixture';

const model = CATALOG[0];

/** A project root whose cache already holds a tiny stand-in for the first catalog model. */
function rootWithCachedModel(): string {
	if (!model) throw new Error('empty catalog');
	const root = mkdtempSync(join(tmpdir(), 'maestro-models-'));
	// A cache of this test's own: never the real one under ~/.cache.
	process.env.MAESTRO_MODEL_CACHE = join(root, 'cache');
	const dir = resolve(root, cacheDir(), `${model.source.name}-${model.source.version}`);
	mkdirSync(dir, { recursive: true });
	const name = basename(model.path);
	writeFileSync(
		join(dir, `${name}.param`),
		paramText(['Input data 0 1 data', 'Convolution conv 1 1 data output 0=3 1=1 6=9'])
	);
	writeFileSync(
		join(dir, `${name}.bin`),
		new BinWriter().half([1, 0, 0, 0, 1, 0, 0, 0, 1]).bytes()
	);
	return root;
}

const savedCache = process.env.MAESTRO_MODEL_CACHE;
afterEach(() => {
	if (savedCache === undefined) delete process.env.MAESTRO_MODEL_CACHE;
	else process.env.MAESTRO_MODEL_CACHE = savedCache;
});

describe('buildModels', () => {
	it('writes the model and a manifest with size, sha256, source and credit', async () => {
		const root = rootWithCachedModel();
		const manifest = await buildModels(root, new Set([model?.id ?? '']), () => {});
		const entry = manifest.models[0];
		const bytes = readFileSync(join(root, 'public/models', `${model?.id}.onnx`));
		expect(manifest.missing).toEqual([]);
		expect(entry).toMatchObject({
			id: model?.id,
			bytes: bytes.length,
			input: 'data',
			output: 'output',
			licence: 'BSD-3-Clause',
			credit: 'Real-ESRGAN, Xintao Wang et al.',
			source: { package: model?.source.name, version: model?.source.version }
		});
		expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
		const written = JSON.parse(
			readFileSync(join(root, 'public/models/manifest.json'), 'utf8')
		) as Manifest;
		expect(written).toEqual(manifest);
	});

	it('skips a model whose file still matches the manifest, and rebuilds one that does not', async () => {
		const root = rootWithCachedModel();
		const only = new Set([model?.id ?? '']);
		await buildModels(root, only, () => {});
		const logs: string[] = [];
		await buildModels(root, only, (line) => logs.push(line));
		expect(logs).toEqual([`models: ${model?.id} is up to date`]);

		writeFileSync(join(root, 'public/models', `${model?.id}.onnx`), 'damaged');
		logs.length = 0;
		await buildModels(root, only, (line) => logs.push(line));
		expect(logs[0]).toMatch(new RegExp(`built ${model?.id}\\.onnx`));
	});
});
