import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	crc32,
	filterRow,
	IDAT_BYTES,
	PngEncoder,
	PngSink,
	type PngFilter,
	type PngOptions
} from '../../../src/workers/shared/png-stream';
import { decodePng } from '../../../scripts/png.mjs';

/** The chunks of a PNG file: type, body, and whether the stored CRC matches. */
function chunks(bytes: Uint8Array) {
	expect(Array.from(bytes.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const out: { type: string; body: Uint8Array; crcOk: boolean }[] = [];
	for (let at = 8; at < bytes.length;) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
		const body = bytes.subarray(at + 8, at + 8 + length);
		const crcOk =
			view.getUint32(at + 8 + length) === zlibCrc32(bytes.subarray(at + 4, at + 8 + length));
		out.push({ type, body, crcOk });
		at += 12 + length;
	}
	return out;
}

/** Pseudo-random bytes, the same on every run. */
function noise(length: number, seed: number): Uint8Array {
	let s = seed;
	return Uint8Array.from(
		{ length },
		() => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) & 0xff
	);
}

/** A picture with smooth areas, edges and noise, so every filter has something to predict. */
function picture(width: number, height: number, channels: 3 | 4): Uint8Array {
	const grain = noise(width * height * channels, width * 31 + height);
	return Uint8Array.from({ length: width * height * channels }, (_, i) => {
		const p = Math.floor(i / channels);
		const [x, y, c] = [p % width, Math.floor(p / width), i % channels];
		if (c === 3) return x < width / 3 ? 0 : x < (2 * width) / 3 ? (x * 7) & 0xff : 255;
		return ((x * (c + 1) + y * 3) & 0xff) ^ (y % 5 === 0 ? (grain[i] ?? 0) : 0);
	});
}

async function encode(
	width: number,
	height: number,
	channels: 3 | 4,
	data: Uint8Array,
	options?: PngOptions
): Promise<Uint8Array> {
	const encoder = new PngEncoder(width, height, channels, options);
	const stride = width * channels;
	for (let y = 0; y < height; y++) encoder.push(data.subarray(y * stride, (y + 1) * stride));
	const png = encoder.finish();
	expect(png.type).toBe('image/png');
	return new Uint8Array(await png.arrayBuffer());
}

describe('crc32', () => {
	it('gives the check value of the standard and agrees with zlib', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		const bytes = noise(1000, 7);
		expect(crc32(bytes)).toBe(zlibCrc32(bytes));
		expect(crc32(new Uint8Array())).toBe(0);
	});
});

describe('PngEncoder', () => {
	const sizes: [number, number][] = [
		[1, 1],
		[1, 9],
		[13, 1],
		[17, 11],
		[64, 3]
	];
	for (const channels of [3, 4] as const) {
		for (const filter of [0, 1, 2, 3, 4] as PngFilter[]) {
			it(`decodes back to the exact ${channels === 4 ? 'RGBA' : 'RGB'} pixels with filter ${filter}, at odd, one-pixel-wide and one-row sizes`, async () => {
				for (const [width, height] of sizes) {
					const data = picture(width, height, channels);
					const png = decodePng(await encode(width, height, channels, data, { level: 3, filter }));
					expect([png.width, png.height, png.channels]).toEqual([width, height, channels]);
					expect(Buffer.from(png.data).equals(Buffer.from(data)), `${width}x${height}`).toBe(true);
				}
			});
		}
	}

	it('writes IHDR, IDAT chunks of at most IDAT_BYTES and IEND, each with a valid CRC', async () => {
		// Noise barely compresses, so 700x700 RGB makes more than one IDAT chunk.
		const data = noise(700 * 700 * 3, 3);
		const bytes = await encode(700, 700, 3, data, { level: 1, filter: 0 });
		const list = chunks(bytes);
		expect(list.map((c) => c.type)[0]).toBe('IHDR');
		expect(list.at(-1)?.type).toBe('IEND');
		const idat = list.filter((c) => c.type === 'IDAT');
		expect(idat.length).toBeGreaterThan(1);
		expect(idat.every((c) => c.body.length <= IDAT_BYTES + 65536)).toBe(true);
		expect(list.every((c) => c.crcOk)).toBe(true);
		expect(Array.from(list[0]!.body)).toEqual([0, 0, 2, 188, 0, 0, 2, 188, 8, 2, 0, 0, 0]);
		expect(Buffer.from(decodePng(bytes).data).equals(Buffer.from(data))).toBe(true);
	});

	it('makes a smaller file of a smooth picture with a filter than without', async () => {
		const data = picture(200, 120, 3);
		const plain = await encode(200, 120, 3, data, { level: 3, filter: 0 });
		const filtered = await encode(200, 120, 3, data, { level: 3, filter: 1 });
		expect(filtered.length).toBeLessThan(plain.length);
	});

	it('refuses rows of the wrong length, too many rows and an unfinished image', () => {
		const encoder = new PngEncoder(4, 2, 3);
		expect(() => encoder.push(new Uint8Array(11))).toThrow(RangeError);
		encoder.push(new Uint8Array(12));
		expect(() => encoder.finish()).toThrow(RangeError);
		encoder.push(new Uint8Array(12));
		expect(() => encoder.push(new Uint8Array(12))).toThrow(RangeError);
		expect(() => new PngEncoder(0, 2, 3)).toThrow(RangeError);
	});
});

describe('filterRow', () => {
	it('predicts the first row from zeros and keeps the filter type in the first byte', () => {
		const row = Uint8Array.from([10, 20, 30, 40, 50, 60]);
		const out = new Uint8Array(7);
		filterRow(1, row, new Uint8Array(6), 3, out);
		expect(Array.from(out)).toEqual([1, 10, 20, 30, 30, 30, 30]);
		filterRow(2, row, Uint8Array.from([1, 1, 1, 1, 1, 255]), 3, out);
		expect(Array.from(out)).toEqual([2, 9, 19, 29, 39, 49, 61]);
	});
});

describe('PngSink', () => {
	/** Planar float rows whose values are whole steps of 1/255, so the bytes are known exactly. */
	function floatRows(width: number, height: number) {
		const bytes = picture(width, height, 3);
		const rows = Array.from({ length: height }, (_, y) => {
			const row = new Float32Array(3 * width);
			for (let c = 0; c < 3; c++)
				for (let x = 0; x < width; x++)
					row[c * width + x] = (bytes[(y * width + x) * 3 + c] ?? 0) / 255;
			return row;
		});
		return { bytes, rows };
	}

	it('rounds and clamps float rows into RGB bytes', async () => {
		const sink = new PngSink(2, 1);
		sink.push(Float32Array.from([0, 1.2, 0.5, -0.1, 1 / 255, 0.999]));
		sink.finish();
		const png = decodePng(new Uint8Array(await sink.png.arrayBuffer()));
		expect(png.channels).toBe(3);
		expect(Array.from(png.data)).toEqual([0, 128, 1, 255, 0, 255]);
	});

	it('adds the alpha rows it is given and makes RGBA', async () => {
		const { bytes, rows } = floatRows(7, 5);
		const alphaRows: number[] = [];
		const alpha = {
			row: (y: number) => {
				alphaRows.push(y);
				return Uint8Array.from({ length: 7 }, (_, x) => (x * 40 + y) & 0xff);
			}
		};
		const sink = new PngSink(7, 5, alpha);
		for (const row of rows) sink.push(row);
		sink.finish();
		const png = decodePng(new Uint8Array(await sink.png.arrayBuffer()));
		expect(png.channels).toBe(4);
		expect(alphaRows).toEqual([0, 1, 2, 3, 4]);
		for (let p = 0; p < 35; p++) {
			const [x, y] = [p % 7, Math.floor(p / 7)];
			expect(Array.from(png.data.subarray(p * 4, p * 4 + 4))).toEqual([
				...bytes.subarray(p * 3, p * 3 + 3),
				(x * 40 + y) & 0xff
			]);
		}
	});
});
