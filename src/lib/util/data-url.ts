/** A Blob as a `data:` URL, for the one place an API needs one (image parts of a request). */
export async function blobToDataUrl(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	const step = 0x8000;
	for (let i = 0; i < bytes.length; i += step) {
		binary += String.fromCharCode(...bytes.subarray(i, i + step));
	}
	return `data:${blob.type || 'application/octet-stream'};base64,${btoa(binary)}`;
}
