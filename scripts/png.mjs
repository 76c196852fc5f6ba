// The one PNG reader and writer of the scripts and tests (node:zlib only): fixtures, model
// references, benchmarks.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type, body) {
	const out = Buffer.alloc(12 + body.length);
	out.writeUInt32BE(body.length, 0);
	out.write(type, 4, 'latin1');
	out.set(body, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
	return out;
}

/** Encode 8-bit RGB or RGBA pixels as a PNG (Paeth filter on every row, which suits photos). */
export function encodePng(image) {
	const { width, height, channels, data } = image;
	const stride = width * channels;
	const raw = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (stride + 1)] = 4;
		for (let x = 0; x < stride; x++) {
			const i = y * stride + x;
			const a = x >= channels ? (data[i - channels] ?? 0) : 0;
			const b = y > 0 ? (data[i - stride] ?? 0) : 0;
			const c = x >= channels && y > 0 ? (data[i - stride - channels] ?? 0) : 0;
			raw[y * (stride + 1) + 1 + x] = ((data[i] ?? 0) - paeth(a, b, c)) & 0xff;
		}
	}
	return pngFile(width, height, deflateSync(raw, { level: 9 }), channels === 4 ? 6 : 2);
}

/** A PNG file around already compressed rows (`idat`): 8-bit RGB (`colorType` 2) or RGBA (6). */
export function pngFile(width, height, idat, colorType = 2) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, colorType, 0, 0, 0], 8);
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', idat),
		chunk('IEND', new Uint8Array())
	]);
}

/**
 * A PNG from rows that already start with their filter byte: 8-bit RGB (`colorType` 2) or RGBA
 * (6); `level` is the deflate level.
 */
export function pngFromScanlines(width, height, scanlines, { colorType = 2, level } = {}) {
	return pngFile(
		width,
		height,
		deflateSync(scanlines, level === undefined ? {} : { level }),
		colorType
	);
}

function paeth(a, b, c) {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decode an 8-bit, non-interlaced RGB, RGBA, grey or grey+alpha PNG to RGB or RGBA. */
export function decodePng(bytes) {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
	let width = 0;
	let height = 0;
	let colorType = 0;
	const idat = [];
	for (let offset = 8; offset < buf.length;) {
		const length = buf.readUInt32BE(offset);
		const type = buf.toString('latin1', offset + 4, offset + 8);
		const body = buf.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			colorType = body[9] ?? 0;
			if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
		} else if (type === 'IDAT') idat.push(body);
		offset += 12 + length;
	}
	const inChannels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
	if (!inChannels) throw new Error(`unsupported PNG colour type ${colorType}`);
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * inChannels;
	const pixels = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let x = 0; x < stride; x++) {
			const i = y * stride + x;
			const a = x >= inChannels ? (pixels[i - inChannels] ?? 0) : 0;
			const b = y > 0 ? (pixels[i - stride] ?? 0) : 0;
			const c = x >= inChannels && y > 0 ? (pixels[i - stride - inChannels] ?? 0) : 0;
			const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter ?? 0];
			if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
			pixels[i] = ((raw[y * (stride + 1) + 1 + x] ?? 0) + predictor) & 0xff;
		}
	}
	const channels = inChannels === 2 || inChannels === 4 ? 4 : 3;
	if (inChannels === channels) return { width, height, channels, data: pixels };
	const data = new Uint8Array(width * height * channels);
	for (let p = 0; p < width * height; p++) {
		const grey = pixels[p * inChannels] ?? 0;
		data.set([grey, grey, grey], p * channels);
		if (channels === 4) data[p * 4 + 3] = pixels[p * 2 + 1] ?? 0;
	}
	return { width, height, channels, data };
}
