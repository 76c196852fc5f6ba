import { sniffImageType } from '$lib/util/image-bytes';

/** Image types a style reference may be. */
export const REFERENCE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** A picture Maestro could not use, with the reason in plain words. */
export class ImageInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImageInputError';
	}
}

export interface ShrunkImage {
	blob: Blob;
	width: number;
	height: number;
}

/**
 * Decode a PNG, JPEG or WebP file and re-encode it as a JPEG whose longest side is at most
 * `maxSide` (never enlarged). The file's bytes decide its type, not its name.
 */
export async function shrinkToJpeg(
	file: Blob,
	maxSide = 1024,
	quality = 0.85
): Promise<ShrunkImage> {
	const type = sniffImageType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
	if (!type || !(REFERENCE_TYPES as readonly string[]).includes(type)) {
		throw new ImageInputError('This file is not a PNG, JPEG or WebP image.');
	}
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		throw new ImageInputError('This image could not be read (it may be damaged or cut short).');
	}
	try {
		const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
		const width = Math.max(1, Math.round(bitmap.width * scale));
		const height = Math.max(1, Math.round(bitmap.height * scale));
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d');
		if (!context) throw new ImageInputError('This browser cannot resize images.');
		// JPEG has no transparency: put transparent parts on white rather than black.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.imageSmoothingQuality = 'high';
		context.drawImage(bitmap, 0, 0, width, height);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
		return { blob, width, height };
	} finally {
		bitmap.close();
	}
}
