const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'video/x-matroska': 'mkv',
	'audio/mpeg': 'mp3',
	'application/pdf': 'pdf',
	'application/json': 'json'
};

/** A file extension for a MIME type ("bin" when unknown). */
export function extensionFor(mime: string): string {
	return EXTENSIONS[mime.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
}

/** The MIME type for a file extension, the inverse of `extensionFor`. */
export function mimeForExtension(extension: string): string | undefined {
	const wanted = extension.toLowerCase();
	return Object.entries(EXTENSIONS).find(([, ext]) => ext === wanted)?.[0];
}

/** A name safe to use as a file name on every desktop OS. */
export function safeFileName(name: string, fallback = 'storyboard'): string {
	const cleaned = name
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[. ]+$/, '')
		.slice(0, 120);
	return cleaned || fallback;
}

/** Offer a Blob to the person as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Human-readable size: "1.4 MB". */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '—';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
