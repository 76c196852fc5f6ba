import type { ZipPassThrough } from 'fflate';

/** Stream a Blob into a zip entry chunk by chunk, ending the entry with the last chunk. */
export async function pushBlob(entry: ZipPassThrough, blob: Blob): Promise<void> {
	const reader = blob.stream().getReader();
	let previous: Uint8Array | undefined;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (previous) entry.push(previous);
		previous = value;
	}
	entry.push(previous ?? new Uint8Array(0), true);
}
