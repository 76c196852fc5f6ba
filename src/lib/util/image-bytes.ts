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

/** Decode a base64 `data:` URL into a Blob; undefined when it is not one. */
export function dataUrlToBlob(url: string): Blob | undefined {
	const match = /^data:([^;,]*)(;base64)?,/i.exec(url);
	if (!match) return undefined;
	const payload = url.slice(match[0].length);
	if (!match[2]) return new Blob([decodeURIComponent(payload)], { type: match[1] || 'text/plain' });
	const binary = atob(payload.replace(/\s+/g, ''));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return new Blob([bytes], { type: match[1] || 'application/octet-stream' });
}
