/// <reference types="node" />
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { pngFile } from '../../scripts/png.mjs';
import { hashString } from './util';

/** Pixel sizes per aspect ratio at image_size 1K, as Gemini image models document them. */
export const ASPECT_SIZES_1K: Readonly<Record<string, readonly [number, number]>> = {
	'1:1': [1024, 1024],
	'2:3': [832, 1248],
	'3:2': [1248, 832],
	'3:4': [864, 1184],
	'4:3': [1184, 864],
	'4:5': [896, 1152],
	'5:4': [1152, 896],
	'9:16': [768, 1344],
	'16:9': [1344, 768],
	'21:9': [1536, 672]
};

/** Multipliers of the 1K sizes for each image_size value. */
export const IMAGE_SIZE_FACTORS: Readonly<Record<string, number>> = {
	'0.5K': 0.5,
	'1K': 1,
	'2K': 2,
	'4K': 4
};

/** The output size for an image_config, or an error message for an unknown value. */
export function outputSize(
	aspectRatio: unknown,
	imageSize: unknown,
	scale: number
): { width: number; height: number } | { error: string } {
	const ratio = aspectRatio === undefined ? '1:1' : String(aspectRatio);
	const size = imageSize === undefined ? '1K' : String(imageSize);
	const base = ASPECT_SIZES_1K[ratio];
	if (!base)
		return {
			error: `Unsupported aspect_ratio "${ratio}". Supported: ${Object.keys(ASPECT_SIZES_1K).join(', ')}`
		};
	const factor = IMAGE_SIZE_FACTORS[size];
	if (factor === undefined)
		return { error: `Unsupported image_size "${size}". Supported: 1K, 2K, 4K` };
	return {
		width: Math.max(1, Math.round(base[0] * factor * scale)),
		height: Math.max(1, Math.round(base[1] * factor * scale))
	};
}

const deflateAsync = promisify(deflate);

/** Width and height of a PNG, JPEG, GIF or WebP (VP8X/VP8/VP8L) from its header, when readable. */
export function imageDimensions(bytes: Buffer): { width: number; height: number } | null {
	if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
		return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 10 && bytes.toString('ascii', 0, 3) === 'GIF') {
		return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	}
	if (bytes.length >= 30 && bytes.toString('ascii', 8, 12) === 'WEBP') {
		const kind = bytes.toString('ascii', 12, 16);
		if (kind === 'VP8X')
			return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
		if (kind === 'VP8 ')
			return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
		if (kind === 'VP8L') {
			const bits = bytes.readUInt32LE(21);
			return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
		}
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
		let i = 2;
		while (i + 9 < bytes.length) {
			if (bytes[i] !== 0xff) return null;
			const marker = bytes[i + 1] ?? 0;
			const length = bytes.readUInt16BE(i + 2);
			if (
				marker >= 0xc0 &&
				marker <= 0xcf &&
				marker !== 0xc4 &&
				marker !== 0xc8 &&
				marker !== 0xcc
			) {
				return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
			}
			i += 2 + length;
		}
	}
	return null;
}

// 5×7 glyphs, one 5-bit row per number, top to bottom.
const GLYPHS: Record<string, number[]> = {
	'0': [14, 17, 19, 21, 25, 17, 14],
	'1': [4, 12, 4, 4, 4, 4, 14],
	'2': [14, 17, 1, 2, 4, 8, 31],
	'3': [31, 2, 4, 2, 1, 17, 14],
	'4': [2, 6, 10, 18, 31, 2, 2],
	'5': [31, 16, 30, 1, 1, 17, 14],
	'6': [6, 8, 16, 30, 17, 17, 14],
	'7': [31, 1, 2, 4, 8, 8, 8],
	'8': [14, 17, 17, 14, 17, 17, 14],
	'9': [14, 17, 17, 15, 1, 2, 12],
	A: [14, 17, 17, 31, 17, 17, 17],
	B: [30, 17, 17, 30, 17, 17, 30],
	C: [14, 17, 16, 16, 16, 17, 14],
	D: [28, 18, 17, 17, 17, 18, 28],
	E: [31, 16, 16, 30, 16, 16, 31],
	F: [31, 16, 16, 30, 16, 16, 16],
	G: [14, 17, 16, 23, 17, 17, 15],
	H: [17, 17, 17, 31, 17, 17, 17],
	I: [14, 4, 4, 4, 4, 4, 14],
	J: [7, 2, 2, 2, 2, 18, 12],
	K: [17, 18, 20, 24, 20, 18, 17],
	L: [16, 16, 16, 16, 16, 16, 31],
	M: [17, 27, 21, 21, 17, 17, 17],
	N: [17, 17, 25, 21, 19, 17, 17],
	O: [14, 17, 17, 17, 17, 17, 14],
	P: [30, 17, 17, 30, 16, 16, 16],
	Q: [14, 17, 17, 17, 21, 18, 13],
	R: [30, 17, 17, 30, 20, 18, 17],
	S: [15, 16, 16, 14, 1, 1, 30],
	T: [31, 4, 4, 4, 4, 4, 4],
	U: [17, 17, 17, 17, 17, 17, 14],
	V: [17, 17, 17, 17, 17, 10, 4],
	W: [17, 17, 17, 21, 21, 21, 10],
	X: [17, 17, 10, 4, 10, 17, 17],
	Y: [17, 17, 17, 10, 4, 4, 4],
	Z: [31, 1, 2, 4, 8, 16, 31],
	'-': [0, 0, 0, 31, 0, 0, 0],
	':': [0, 12, 12, 0, 12, 12, 0],
	'.': [0, 0, 0, 0, 0, 12, 12],
	'#': [10, 10, 31, 10, 31, 10, 10],
	' ': [0, 0, 0, 0, 0, 0, 0]
};

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
	const a = s * Math.min(l, 1 - l);
	const f = (n: number) => {
		const k = (n + h / 30) % 12;
		return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
	};
	return [f(0), f(8), f(4)];
}

/** Draws `text` into PNG rows (stride = 3 × width + 1) with the 5×7 font at the given scale. */
function drawText(
	raw: Uint8Array,
	width: number,
	height: number,
	text: string,
	x0: number,
	y0: number,
	scale: number,
	colour: readonly [number, number, number]
): void {
	// One font pixel is `scale` screen pixels wide: copied a row at a time.
	const block = new Uint8Array(scale * 3);
	for (let i = 0; i < block.length; i += 3) block.set(colour, i);
	[...text].forEach((ch, index) => {
		const rows = GLYPHS[ch] ?? GLYPHS[' '] ?? [];
		rows.forEach((bits, row) => {
			for (let col = 0; col < 5; col++) {
				if (!(bits & (16 >> col))) continue;
				const left = x0 + (index * 6 + col) * scale;
				const from = Math.max(0, left);
				const to = Math.min(width, left + scale);
				if (to <= from) continue;
				const piece = block.subarray(0, (to - from) * 3);
				for (let dy = 0; dy < scale; dy++) {
					const y = y0 + row * scale + dy;
					if (y < 0 || y >= height) continue;
					raw.set(piece, y * (width * 3 + 1) + 1 + from * 3);
				}
			}
		});
	});
}

/** Short upper-case label for an image: a "Title: …" or "Shot N" in the prompt, else its first words. */
export function labelFor(prompt: string): string {
	const named = /title\s*:\s*([^\n.]+)/i.exec(prompt)?.[1] ?? /\bshot\s+\d+\b/i.exec(prompt)?.[0];
	const words = (named ?? prompt)
		.toUpperCase()
		.replace(/[^A-Z0-9 ]+/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	let label = '';
	for (const word of words) {
		const next = label ? `${label} ${word}` : word;
		if (next.length > 14) break;
		label = next;
	}
	return label || (words[0] ?? 'IMAGE').slice(0, 14);
}

/**
 * A real PNG whose colour, band and label come from the prompt, so shots differ at a glance.
 * Compressed off the event loop, so requests arriving meanwhile are not held up.
 */
export async function renderPromptPng(
	prompt: string,
	width: number,
	height: number,
	caption: string
): Promise<Buffer> {
	const hash = hashString(prompt);
	const background = hslToRgb(hash % 360, 0.55, 0.55);
	const band = hslToRgb((hash + 180) % 360, 0.45, 0.3);
	const stride = width * 3 + 1;
	const raw = Buffer.alloc(stride * height);
	const row = (colour: readonly [number, number, number]) => {
		const line = Buffer.alloc(stride);
		line.set(colour, 1);
		// Doubling copies: a few calls instead of one per pixel.
		for (let filled = 3; filled < stride - 1; filled *= 2)
			line.copyWithin(1 + filled, 1, 1 + Math.min(filled, stride - 1 - filled));
		return line;
	};
	const plainRow = row(background);
	const bandRow = row(band);
	const bandStart = Math.floor((((hash >>> 9) % 60) / 100) * height);
	const bandEnd = bandStart + Math.max(1, Math.floor(height * 0.25));
	for (let y = 0; y < height; y++)
		raw.set(y >= bandStart && y < bandEnd ? bandRow : plainRow, y * stride);
	const label = labelFor(prompt);
	const code = `#${(hash & 0xffff).toString(16).toUpperCase().padStart(4, '0')}`;
	const lines = [label, caption.toUpperCase(), code];
	const longest = Math.max(...lines.map((l) => l.length), 1);
	const scale = Math.max(
		1,
		Math.floor(Math.min((width * 0.9) / (longest * 6), height / (lines.length * 9 * 2)))
	);
	const white = [255, 255, 255] as const;
	const top = Math.floor((height - lines.length * 9 * scale) / 2);
	lines.forEach((line, i) => {
		const s = i === 0 ? scale : Math.max(1, Math.floor(scale * 0.6));
		const x = Math.floor((width - line.length * 6 * s) / 2);
		drawText(raw, width, height, line, x, top + i * 9 * scale, s, white);
	});
	return pngFile(width, height, await deflateAsync(raw, { level: 1 }));
}
