import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';

/** A time a zip entry can carry (zip dates run 1980–2099); now for anything outside. */
export function zipTime(ms: number): Date {
	const date = new Date(ms);
	const year = date.getFullYear();
	return Number.isFinite(ms) && year >= 1981 && year <= 2098 ? date : new Date();
}

/**
 * A zip written as it is made: each chunk goes to `write` the moment it exists, so a big
 * archive never sits in memory when the sink streams to disk. Media is stored (it is already
 * compressed) and streamed from its Blob; text is deflated. Used by the `.maestro` bundle and the
 * images ZIP.
 */
export class ZipWriter {
	#zip: Zip;
	#failure: Error | null = null;

	constructor(write: (chunk: Uint8Array) => void) {
		this.#zip = new Zip((error, chunk) => {
			if (error) this.#failure = error;
			else write(chunk);
		});
	}

	/** Add a text file, deflated. */
	addText(path: string, text: string, modified?: number): void {
		const file = new ZipDeflate(path, { level: 6 });
		if (modified !== undefined) file.mtime = zipTime(modified);
		this.#zip.add(file);
		file.push(strToU8(text), true);
		this.#check();
	}

	/** Add a Blob as it is (stored), read chunk by chunk. */
	async addBlob(path: string, blob: Blob, modified?: number): Promise<void> {
		const file = new ZipPassThrough(path);
		if (modified !== undefined) file.mtime = zipTime(modified);
		this.#zip.add(file);
		const reader = blob.stream().getReader();
		let previous: Uint8Array | undefined;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (previous) file.push(previous);
			previous = value;
		}
		file.push(previous ?? new Uint8Array(0), true);
		this.#check();
	}

	/** Write the central directory: the archive is complete. */
	end(): void {
		this.#zip.end();
		this.#check();
	}

	#check(): void {
		if (this.#failure) throw this.#failure;
	}
}
