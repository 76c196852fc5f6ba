/** 8-bit pixels, interleaved, `channels` per pixel (3 = RGB, 4 = RGBA). */
export interface RgbImage {
	width: number;
	height: number;
	channels: 3 | 4;
	data: Uint8Array;
}

/** Encode 8-bit RGB or RGBA pixels as a PNG (Paeth filter on every row). */
export function encodePng(image: RgbImage): Uint8Array;

/** Decode an 8-bit, non-interlaced RGB, RGBA, grey or grey+alpha PNG to RGB or RGBA. */
export function decodePng(bytes: Uint8Array): RgbImage;

/** A PNG file around already compressed rows: 8-bit RGB (`colorType` 2) or RGBA (6). */
export function pngFile(width: number, height: number, idat: Uint8Array, colorType?: 2 | 6): Buffer;

/** A PNG from rows that already start with their filter byte. */
export function pngFromScanlines(
	width: number,
	height: number,
	scanlines: Uint8Array,
	options?: { colorType?: 2 | 6; level?: number }
): Buffer;
