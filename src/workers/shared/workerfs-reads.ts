/** The part of Emscripten's WORKERFS that reading a mounted Blob goes through. */
export interface WorkerFs {
	stream_ops: {
		read(
			stream: { node: { size: number; contents: Blob } },
			buffer: Int8Array,
			offset: number,
			length: number,
			position: number
		): number;
	};
}

/** Workers' FileReaderSync (named here so the file also type-checks without the worker types). */
interface SyncReader {
	readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

const patched = new WeakSet<object>();
/** The last read's young-generation allocation (see `collectReadsSooner`); kept so it is made. */
let youngAllocation: unknown[] = [];

/**
 * WORKERFS reads each range of a mounted Blob into a new ArrayBuffer whose bytes live outside
 * the JavaScript heap. A finished read is freed by the next young-generation collection, but
 * reads put almost nothing in the young generation, so those collections came rarely: over a
 * 1 GB clip about 90 MB of finished reads waited in the worker (bench:media, tab +236 MB).
 * This read is WORKERFS's own plus a heap allocation the size of what was read, which makes the
 * young collector run after every few MB read and free the buffers with it (tab +146 MB). The
 * allocation is a memset; reading as strings instead was as lean but 35% slower.
 * V8 counts ArrayBuffer bytes as external memory, which feeds its full-collection heuristic but
 * not the young one: https://github.com/nodejs/node/issues/1671
 */
export function collectReadsSooner(workerfs: WorkerFs): void {
	const ops = workerfs.stream_ops;
	if (patched.has(ops)) return;
	patched.add(ops);
	let reader: SyncReader | undefined;
	ops.read = (stream, buffer, offset, length, position) => {
		const { size, contents } = stream.node;
		if (position >= size) return 0;
		const range = contents.slice(position, position + length);
		reader ??= new (
			globalThis as unknown as { FileReaderSync: new () => SyncReader }
		).FileReaderSync();
		const bytes = reader.readAsArrayBuffer(range);
		buffer.set(new Uint8Array(bytes), offset);
		youngAllocation = new Array(bytes.byteLength >> 3);
		return range.size;
	};
}

/** How many slots the last read's young-generation allocation had (for tests). */
export function lastYoungAllocationLength(): number {
	return youngAllocation.length;
}
