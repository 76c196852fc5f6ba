import { Zlib, type DeflateOptions } from 'fflate';
import { toByte } from './rgba-image';
import type { RowSink } from './row-sinks';

/** PNG row filters, by their number in the format: each predicts a byte from its neighbours. */
export type PngFilter = 0 | 1 | 2 | 3 | 4;

/** How hard to compress; see `PNG_DEFAULTS` for what was measured. */
export interface PngOptions {
	level: NonNullable<DeflateOptions['level']>;
	filter: PngFilter;
}

/**
 * Sub (1) with deflate level 1. On the 4096x2304 result of a 4x Real-ESRGAN upscale
 * (`npm run bench:upscale`, png part) it took 2.3 s for 9.5 MB, against 0.8 s and 13.6 MB for
 * Chromium's canvas encoder, in an upscale of 134 s: level 2 saved 3 % for 23 % more time,
 * level 3 6 % for 80 % more, and Paeth (4) was slower and larger than Sub.
 */
export const PNG_DEFAULTS: PngOptions = { level: 1, filter: 1 };

/** Compressed bytes gathered before they are written out as one IDAT chunk. */
export const IDAT_BYTES = 1 << 20;

const SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (the one PNG and zip use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, body and the CRC of type and body. */
function chunk(type: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(12 + body.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, body.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(body, 8);
	view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
	return out;
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = p > a ? p - a : a - p;
	const pb = p > b ? p - b : b - p;
	const pc = p > c ? p - c : c - p;
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Write `row` filtered with `filter` into `out` (whose first byte is the filter type), given the
 * row above (`previous`, all zero for the first row) and `bpp` bytes per pixel.
 */
export function filterRow(
	filter: PngFilter,
	row: Uint8Array,
	previous: Uint8Array,
	bpp: number,
	out: Uint8Array
): void {
	out[0] = filter;
	const n = row.length;
	switch (filter) {
		case 0:
			out.set(row, 1);
			return;
		case 1:
			for (let i = 0; i < n; i++) out[i + 1] = row[i]! - (i >= bpp ? row[i - bpp]! : 0);
			return;
		case 2:
			for (let i = 0; i < n; i++) out[i + 1] = row[i]! - previous[i]!;
			return;
		case 3:
			for (let i = 0; i < n; i++)
				out[i + 1] = row[i]! - (((i >= bpp ? row[i - bpp]! : 0) + previous[i]!) >> 1);
			return;
		case 4:
			for (let i = 0; i < bpp && i < n; i++) out[i + 1] = row[i]! - previous[i]!;
			for (let i = bpp; i < n; i++)
				out[i + 1] = row[i]! - paeth(row[i - bpp]!, previous[i]!, previous[i - bpp]!);
			return;
	}
}

/**
 * Encodes an 8-bit RGB or RGBA PNG from byte rows given top to bottom, compressing as they come:
 * only two rows and the compressed output are held, never the whole image. The compressed bytes
 * go into Blobs an IDAT chunk at a time, which in a browser moves them out of the worker's heap.
 */
export class PngEncoder {
	readonly #parts: Blob[] = [];
	readonly #zlib: Zlib;
	readonly #filtered: Uint8Array;
	#previous: Uint8Array;
	#pending: Uint8Array[] = [];
	#pendingBytes = 0;
	#rows = 0;
	#png: Blob | undefined;

	constructor(
		readonly width: number,
		readonly height: number,
		readonly channels: 3 | 4,
		readonly options: PngOptions = PNG_DEFAULTS
	) {
		if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
			throw new RangeError(`cannot make a ${width}x${height} PNG`);
		}
		const header = new Uint8Array(13);
		const view = new DataView(header.buffer);
		view.setUint32(0, width);
		view.setUint32(4, height);
		header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
		this.#parts.push(new Blob([SIGNATURE, chunk('IHDR', header)]));
		this.#previous = new Uint8Array(width * channels);
		this.#filtered = new Uint8Array(1 + width * channels);
		this.#zlib = new Zlib({ level: options.level }, (data, final) => {
			this.#pending.push(data);
			this.#pendingBytes += data.length;
			if (final || this.#pendingBytes >= IDAT_BYTES) this.#writeIdat();
		});
	}

	/** Add the next row: `width * channels` bytes, interleaved. */
	push(row: Uint8Array): void {
		if (row.length !== this.#previous.length) {
			throw new RangeError(`row has ${row.length} bytes, expected ${this.#previous.length}`);
		}
		if (this.#rows >= this.height) throw new RangeError('more rows than the image has');
		filterRow(this.options.filter, row, this.#previous, this.channels, this.#filtered);
		this.#previous.set(row);
		this.#rows++;
		this.#zlib.push(this.#filtered, this.#rows === this.height);
	}

	/** The PNG, once every row is in. */
	finish(): Blob {
		if (this.#rows !== this.height) {
			throw new RangeError(`got ${this.#rows} of ${this.height} rows`);
		}
		if (!this.#png) {
			this.#parts.push(new Blob([chunk('IEND', new Uint8Array())]));
			this.#png = new Blob(this.#parts, { type: 'image/png' });
		}
		return this.#png;
	}

	#writeIdat(): void {
		const body = new Uint8Array(this.#pendingBytes);
		let at = 0;
		for (const part of this.#pending) {
			body.set(part, at);
			at += part.length;
		}
		this.#pending = [];
		this.#pendingBytes = 0;
		this.#parts.push(new Blob([chunk('IDAT', body)]));
	}
}

/** Gives the rows of an 8-bit plane in order, top to bottom (the upscaled alpha channel). */
export interface PlaneRows {
	row(y: number): Uint8Array;
}

/**
 * The last `RowSink`: turns planar float RGB rows into bytes, adds alpha rows when there is an
 * alpha plane (RGBA, else RGB), and encodes them as a PNG on the fly.
 */
export class PngSink implements RowSink {
	readonly #encoder: PngEncoder;
	readonly #bytes: Uint8Array;
	#y = 0;
	#png: Blob | undefined;

	constructor(
		readonly width: number,
		readonly height: number,
		readonly alpha?: PlaneRows,
		options: PngOptions = PNG_DEFAULTS
	) {
		const channels = alpha ? 4 : 3;
		this.#encoder = new PngEncoder(width, height, channels, options);
		this.#bytes = new Uint8Array(width * channels);
	}

	push(row: Float32Array): void {
		const w = this.width;
		if (row.length !== 3 * w) throw new RangeError(`row has ${row.length} values, not ${3 * w}`);
		const bytes = this.#bytes;
		if (this.alpha) {
			const alpha = this.alpha.row(this.#y);
			for (let x = 0; x < w; x++) {
				bytes[x * 4] = toByte(row[x]!);
				bytes[x * 4 + 1] = toByte(row[w + x]!);
				bytes[x * 4 + 2] = toByte(row[2 * w + x]!);
				bytes[x * 4 + 3] = alpha[x]!;
			}
		} else {
			for (let x = 0; x < w; x++) {
				bytes[x * 3] = toByte(row[x]!);
				bytes[x * 3 + 1] = toByte(row[w + x]!);
				bytes[x * 3 + 2] = toByte(row[2 * w + x]!);
			}
		}
		this.#encoder.push(bytes);
		this.#y++;
	}

	finish(): void {
		this.#png = this.#encoder.finish();
	}

	/** The finished PNG. */
	get png(): Blob {
		if (!this.#png) throw new Error('the PNG is not finished');
		return this.#png;
	}
}
