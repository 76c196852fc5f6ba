import { downloadBlob } from '$lib/util/blob';

/** Where an export's bytes go as they are made: a file the person picked, or a download. */
export interface SaveTarget {
	/** Whether bytes go straight to disk (File System Access) rather than into a Blob. */
	readonly streaming: boolean;
	/** Queue bytes; they are written in order. */
	write(chunk: Uint8Array | Blob | string): void;
	/** Wait until everything queued so far is written (backpressure for big exports). */
	flush(): Promise<void>;
	/** Finish the file (and start the download, without File System Access). */
	close(): Promise<void>;
	/** Give up: nothing is saved (a half-written picked file is discarded). */
	abort(): Promise<void>;
	/** Bytes queued so far: the file's size once closed. */
	readonly size: number;
	/** The file's name: the one the person picked, or the download's. */
	readonly fileName: string;
}

/** The size in bytes of what a target is given. */
function sizeOf(chunk: Uint8Array | Blob | string): number {
	if (typeof chunk === 'string') return new TextEncoder().encode(chunk).byteLength;
	return chunk instanceof Blob ? chunk.size : chunk.byteLength;
}

interface FilePickerWindow {
	showSaveFilePicker?: (options: {
		suggestedName: string;
		types?: { description: string; accept: Record<string, string[]> }[];
	}) => Promise<{ name?: string; createWritable(): Promise<WritableFileStream> }>;
}

interface WritableFileStream {
	write(data: BufferSource | Blob | string): Promise<void>;
	close(): Promise<void>;
	abort(): Promise<void>;
}

/** Whether this browser can write exports straight into a file the person picks. */
export function canPickSaveFile(): boolean {
	return typeof (globalThis as FilePickerWindow).showSaveFilePicker === 'function';
}

/**
 * Open where an export goes. Call it first in a click handler (the file picker needs the
 * click). With File System Access the person picks the file and bytes stream into it;
 * otherwise they are kept as Blob parts and offered as a normal download on `close`.
 * Rejects with an AbortError when the person closes the picker.
 */
export async function openSaveTarget(fileName: string, mime: string): Promise<SaveTarget> {
	const picker = (globalThis as FilePickerWindow).showSaveFilePicker;
	if (picker) {
		const extension = fileName.match(/\.[a-z0-9]+$/i)?.[0] ?? '';
		const handle = await picker({
			suggestedName: fileName,
			...(extension ? { types: [{ description: fileName, accept: { [mime]: [extension] } }] } : {})
		});
		return streamingTarget(await handle.createWritable(), handle.name || fileName);
	}
	return downloadTarget(fileName, mime);
}

function streamingTarget(stream: WritableFileStream, fileName: string): SaveTarget {
	let chain: Promise<void> = Promise.resolve();
	let size = 0;
	return {
		streaming: true,
		fileName,
		write(chunk) {
			size += sizeOf(chunk);
			const data = chunk instanceof Uint8Array ? (chunk.slice() as BufferSource) : chunk;
			chain = chain.then(() => stream.write(data));
		},
		get size() {
			return size;
		},
		flush: () => chain,
		async close() {
			await chain;
			await stream.close();
		},
		async abort() {
			await chain.catch(() => {});
			await stream.abort().catch(() => {});
		}
	};
}

/** Bytes kept as Blob parts, offered as a download (`<a download>`) when closed. */
export function downloadTarget(
	fileName: string,
	mime: string,
	offer: (blob: Blob, name: string) => void = downloadBlob
): SaveTarget {
	let parts: BlobPart[] = [];
	let size = 0;
	return {
		streaming: false,
		fileName,
		write(chunk) {
			size += sizeOf(chunk);
			parts.push(chunk as BlobPart);
		},
		get size() {
			return size;
		},
		flush: () => Promise.resolve(),
		async close() {
			const blob = new Blob(parts, { type: mime });
			parts = [];
			offer(blob, fileName);
		},
		async abort() {
			parts = [];
		}
	};
}

/** Save one finished Blob or text through a target: written, then closed; aborted on failure. */
export async function saveWhole(
	target: SaveTarget,
	data: Blob | Uint8Array | string
): Promise<void> {
	try {
		target.write(data);
		await target.close();
	} catch (error) {
		await target.abort();
		throw error;
	}
}
