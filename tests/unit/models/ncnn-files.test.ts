import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncnnToOnnx } from '../../../scripts/models/convert';
import { halfToFloat, NcnnWeightReader, TAG_INT8 } from '../../../scripts/models/ncnn-bin';
import { parseNcnnParam, paramArray, paramNumber } from '../../../scripts/models/ncnn-param';
import { decodePng, encodePng } from '../../../scripts/png.mjs';
import { extractFromTgz } from '../../../scripts/models/tar';
import { BinWriter, paramText } from './ncnn-fixture';

describe('parseNcnnParam', () => {
	it('reads blobs, scalar, float and array parameters', () => {
		const graph = parseNcnnParam(
			paramText([
				'Input data 0 1 data',
				'Convolution conv 1 1 data out 0=64 1=3 9=2 -23310=1,2.000000e-01 -23301=2,-1,1.5e+00'
			])
		);
		const conv = graph.layers[1];
		if (!conv) throw new Error('no layer');
		expect(conv.bottoms).toEqual(['data']);
		expect(conv.tops).toEqual(['out']);
		expect(paramNumber(conv, 0, 0)).toBe(64);
		expect(paramNumber(conv, 11, 7)).toBe(7);
		expect(paramArray(conv, 10)).toEqual([0.2]);
		expect(paramArray(conv, 1)).toEqual([-1, 1.5]);
	});

	it('rejects a file without the magic number', () => {
		expect(() => parseNcnnParam('1234\n1 1\nInput data 0 1 data')).toThrow(/magic/);
	});

	it('rejects a header whose layer count does not match', () => {
		expect(() => parseNcnnParam('7767517\n2 1\nInput data 0 1 data')).toThrow(/header says 2/);
	});

	it('rejects an array whose announced length is wrong', () => {
		expect(() => parseNcnnParam(paramText(['ReLU r 1 1 a b -23300=2,1.0']))).toThrow(/announces 2/);
	});
});

describe('halfToFloat', () => {
	it('decodes normal, negative, largest, subnormal and infinite halves', () => {
		expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3555].map(halfToFloat)).toEqual([
			1,
			-2,
			65504,
			2 ** -24,
			Infinity,
			0.333251953125
		]);
	});
});

describe('NcnnWeightReader', () => {
	it('reads a tagged float16 blob and skips its padding to 4 bytes', () => {
		const reader = new NcnnWeightReader(new BinWriter().half([1, -0.5, 3]).raw([7]).bytes());
		const blob = reader.tagged(3);
		expect(Array.from(blob.values)).toEqual([1, -0.5, 3]);
		expect(blob.half).toBeDefined();
		expect(Array.from(reader.raw(1).values)).toEqual([7]);
		expect(reader.remaining).toBe(0);
	});

	it('reads a float32 blob after a zero tag word', () => {
		const reader = new NcnnWeightReader(new BinWriter().float([0.1, 2]).bytes());
		const blob = reader.tagged(2);
		expect(Array.from(blob.values)).toEqual([Math.fround(0.1), 2]);
		expect(blob.half).toBeUndefined();
	});

	it('looks quantised values up in their 256-entry table', () => {
		const table = Array.from({ length: 256 }, (_, i) => i / 2);
		const bytes = new Uint8Array([
			1,
			0,
			0,
			0,
			...new Uint8Array(Float32Array.from(table).buffer),
			4,
			9,
			0,
			0
		]);
		expect(Array.from(new NcnnWeightReader(bytes).tagged(2).values)).toEqual([2, 4.5]);
	});

	it('refuses int8 weights and a file that ends early', () => {
		const int8 = new Uint8Array(8);
		new DataView(int8.buffer).setUint32(0, TAG_INT8, true);
		expect(() => new NcnnWeightReader(int8).tagged(4)).toThrow(/int8/);
		expect(() => new NcnnWeightReader(new BinWriter().float([1]).bytes()).tagged(2)).toThrow(
			/ends early/
		);
	});
});

describe('ncnnToOnnx', () => {
	it('refuses weights left over after the last layer', () => {
		const lines = ['Input data 0 1 data', 'ReLU r 1 1 data out'];
		expect(() => ncnnToOnnx(paramText(lines), new BinWriter().raw([1]).bytes())).toThrow(/unread/);
	});

	it('names the layer type it cannot convert', () => {
		const lines = ['Input data 0 1 data', 'Softmax s 1 1 data out'];
		expect(() => ncnnToOnnx(paramText(lines), new Uint8Array())).toThrow(/Softmax/);
	});
});

describe('encodePng and decodePng', () => {
	it('round-trip RGB and RGBA pixels exactly', () => {
		for (const channels of [3, 4] as const) {
			const data = Uint8Array.from({ length: 5 * 3 * channels }, (_, i) => (i * 37) % 256);
			const back = decodePng(encodePng({ width: 5, height: 3, channels, data }));
			expect(back).toEqual({ width: 5, height: 3, channels, data });
		}
	});
});

describe('extractFromTgz', () => {
	it('keeps only the wanted files, including ones with long paths', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'maestro-tar-'));
		const long = `package/${'deep/'.repeat(30)}model.bin`;
		mkdirSync(join(dir, long, '..'), { recursive: true });
		writeFileSync(join(dir, long), 'weights');
		writeFileSync(join(dir, 'package/model.param'), '7767517');
		writeFileSync(join(dir, 'package/other.txt'), 'x'.repeat(1000));
		execFileSync('tar', ['czf', join(dir, 'p.tgz'), '-C', dir, 'package']);
		const files = await extractFromTgz(
			join(dir, 'p.tgz'),
			(p) => p.endsWith('.bin') || p.endsWith('.param')
		);
		expect([...files.keys()].sort()).toEqual([long, 'package/model.param'].sort());
		expect(files.get(long)?.toString()).toBe('weights');
	});
});
