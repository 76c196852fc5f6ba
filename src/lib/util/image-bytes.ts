/** The image type a file's first bytes say it is, whatever its name or MIME type claims. */
export function sniffImageType(
	bytes: Uint8Array
): 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | undefined {
	const at = (i: number) => bytes[i] ?? -1;
	if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
	if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
	if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return 'image/gif';
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return undefined;
}

/** The bytes and declared type of a `data:` URL; undefined when it is not one. */
export function dataUrlBytes(url: string): { bytes: Uint8Array; type: string } | undefined {
	const match = /^data:([^;,]*)(;base64)?,/i.exec(url);
	if (!match) return undefined;
	const payload = url.slice(match[0].length);
	if (!match[2]) {
		const bytes = new TextEncoder().encode(decodeURIComponent(payload));
		return { bytes, type: match[1] || 'text/plain' };
	}
	const binary = atob(payload.replace(/\s+/g, ''));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return { bytes, type: match[1] || 'application/octet-stream' };
}

/** Width and height from a PNG, JPEG, GIF or WebP header, without decoding the picture. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const type = sniffImageType(bytes);
	try {
		if (type === 'image/png') return { width: view.getUint32(16), height: view.getUint32(20) };
		if (type === 'image/gif') {
			return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
		}
		if (type === 'image/webp') return webpDimensions(bytes, view);
		if (type === 'image/jpeg') return jpegDimensions(bytes, view);
	} catch {
		return undefined;
	}
	return undefined;
}

function webpDimensions(bytes: Uint8Array, view: DataView) {
	const chunk = String.fromCharCode(...bytes.subarray(12, 16));
	if (chunk === 'VP8 ') {
		return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		const bits = view.getUint32(21, true);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
		const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
		return { width, height };
	}
	return undefined;
}

function jpegDimensions(bytes: Uint8Array, view: DataView) {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1]!;
		const length = view.getUint16(offset + 2);
		// Start-of-frame markers (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}
