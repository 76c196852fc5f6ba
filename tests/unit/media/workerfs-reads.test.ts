import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	collectReadsSooner,
	lastYoungAllocationLength,
	type WorkerFs
} from '../../../src/workers/shared/workerfs-reads';

/** A file whose slices know their bytes, and a worker's FileReaderSync that reads them. */
function fileOf(bytes: Uint8Array): Blob {
	const blob = new Blob([bytes as BlobPart]);
	Object.defineProperties(blob, {
		slice: { value: (start: number, end: number) => fileOf(bytes.subarray(start, end)) },
		bytes: { value: bytes }
	});
	return blob;
}

function installFileReaderSync() {
	vi.stubGlobal(
		'FileReaderSync',
		class {
			readAsArrayBuffer(blob: Blob): ArrayBuffer {
				return new Uint8Array((blob as Blob & { bytes: Uint8Array }).bytes).buffer;
			}
		}
	);
}

function workerFs(): WorkerFs {
	return {
		stream_ops: {
			read: () => {
				throw new Error('the original read should be replaced');
			}
		}
	};
}

afterEach(() => vi.unstubAllGlobals());

describe('collectReadsSooner', () => {
	it('copies a range into the core memory byte for byte and allocates as much on the heap', () => {
		installFileReaderSync();
		const fs = workerFs();
		collectReadsSooner(fs);
		const size = 200_000;
		const file = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);
		const stream = { node: { size, contents: fileOf(file) } };
		const memory = new Int8Array(size + 16);

		expect(fs.stream_ops.read(stream, memory, 16, size - 10, 10)).toBe(size - 10);
		expect(Buffer.from(memory.buffer, 16, size - 10).equals(file.subarray(10))).toBe(true);
		expect(memory[15]).toBe(0);
		expect(lastYoungAllocationLength()).toBe((size - 10) >> 3);
	});

	it('reads what is left at the end of the file, and nothing past it', () => {
		installFileReaderSync();
		const fs = workerFs();
		collectReadsSooner(fs);
		const file = Uint8Array.from({ length: 100 }, (_, i) => 255 - i);
		const stream = { node: { size: 100, contents: fileOf(file) } };
		const memory = new Int8Array(10);
		expect(fs.stream_ops.read(stream, memory, 0, 10, 95)).toBe(5);
		expect([...new Uint8Array(memory.buffer, 0, 5)]).toEqual([160, 159, 158, 157, 156]);
		expect(fs.stream_ops.read(stream, memory, 0, 10, 100)).toBe(0);
		expect(fs.stream_ops.read(stream, memory, 0, 10, 150)).toBe(0);
	});

	it('replaces the read once, however often it is asked', () => {
		installFileReaderSync();
		const fs = workerFs();
		collectReadsSooner(fs);
		const first = fs.stream_ops.read;
		collectReadsSooner(fs);
		expect(fs.stream_ops.read).toBe(first);
	});
});
