import { Inflate } from 'fflate';

/** One file listed in a zip's central directory. */
export interface ZipEntryInfo {
	name: string;
	/** 0 stored, 8 deflated. */
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	/** Where the entry's local header starts. */
	headerOffset: number;
}

/** A zip that cannot be read as one, with the reason in plain words. */
export class ZipReadError extends Error {
	override name = 'ZipReadError';
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end record (22 bytes) plus the longest comment a zip may carry. */
const TAIL_BYTES = 22 + 0xffff;

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (as zip uses it) of `bytes`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
	let c = ~crc >>> 0;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return ~c >>> 0;
}

async function bytesOf(file: Blob, start: number, end: number): Promise<DataView> {
	return new DataView(await file.slice(start, end).arrayBuffer());
}

/**
 * The files a zip lists in its central directory, read from the end of `file` without reading
 * the rest. Throws ZipReadError for a file that is not a whole zip, or one in ZIP64 form.
 */
export async function listZip(file: Blob): Promise<ZipEntryInfo[]> {
	const tailStart = Math.max(0, file.size - TAIL_BYTES);
	const tail = await bytesOf(file, tailStart, file.size);
	let end = -1;
	for (let i = tail.byteLength - 22; i >= 0; i--) {
		if (tail.getUint32(i, true) === EOCD_SIGNATURE) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new ZipReadError('the end of the file is missing');
	const count = tail.getUint16(end + 10, true);
	const directorySize = tail.getUint32(end + 12, true);
	const directoryOffset = tail.getUint32(end + 16, true);
	if (count === 0xffff || directoryOffset === 0xffffffff) {
		throw new ZipReadError('it is a ZIP64 archive, which Maestro does not read');
	}
	if (directoryOffset + directorySize > tailStart + end) {
		throw new ZipReadError('its list of files points past its end');
	}
	const directory = await bytesOf(file, directoryOffset, directoryOffset + directorySize);
	const decoder = new TextDecoder();
	const entries: ZipEntryInfo[] = [];
	let at = 0;
	for (let n = 0; n < count; n++) {
		if (at + 46 > directory.byteLength || directory.getUint32(at, true) !== CENTRAL_SIGNATURE) {
			throw new ZipReadError('its list of files is damaged');
		}
		const nameLength = directory.getUint16(at + 28, true);
		const extraLength = directory.getUint16(at + 30, true);
		const commentLength = directory.getUint16(at + 32, true);
		const nameBytes = new Uint8Array(
			directory.buffer,
			directory.byteOffset + at + 46,
			Math.min(nameLength, directory.byteLength - at - 46)
		);
		entries.push({
			name: decoder.decode(nameBytes),
			method: directory.getUint16(at + 10, true),
			crc: directory.getUint32(at + 16, true),
			compressedSize: directory.getUint32(at + 20, true),
			size: directory.getUint32(at + 24, true),
			headerOffset: directory.getUint32(at + 42, true)
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/**
 * One entry's contents, inflated as they stream from `file` and checked against the sizes and
 * CRC the directory declares; only this entry is read. Throws ZipReadError when they differ.
 */
export async function readZipEntry(file: Blob, entry: ZipEntryInfo, type = ''): Promise<Blob> {
	const header = await bytesOf(file, entry.headerOffset, entry.headerOffset + 30);
	if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_SIGNATURE) {
		throw new ZipReadError(`${entry.name} cannot be found in the file`);
	}
	const dataStart =
		entry.headerOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
	const dataEnd = dataStart + entry.compressedSize;
	if (dataEnd > file.size) throw new ZipReadError(`${entry.name} is cut short`);
	if (entry.method !== 0 && entry.method !== 8) {
		throw new ZipReadError(`${entry.name} is packed in a way Maestro does not read`);
	}
	// A stored entry is handed out as a slice of the file (never copied into memory: it may be
	// a clip of gigabytes) once its bytes check out; a deflated one is kept as it inflates.
	const stored = entry.method === 0;
	const parts: Uint8Array[] = [];
	let size = 0;
	let crc = 0;
	const take = (chunk: Uint8Array) => {
		size += chunk.length;
		if (size > entry.size) throw new ZipReadError(`${entry.name} is larger than it says`);
		crc = crc32(chunk, crc);
		if (!stored) parts.push(chunk);
	};
	const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : undefined;
	const reader = file.slice(dataStart, dataEnd).stream().getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (inflate) inflate.push(value);
			else take(value);
		}
		inflate?.push(new Uint8Array(0), true);
	} catch (error) {
		if (error instanceof ZipReadError) throw error;
		throw new ZipReadError(`${entry.name} is damaged`);
	}
	if (size !== entry.size) throw new ZipReadError(`${entry.name} is cut short`);
	if (crc !== entry.crc) throw new ZipReadError(`${entry.name} is damaged (its checksum is wrong)`);
	return stored ? file.slice(dataStart, dataEnd, type) : new Blob(parts as BlobPart[], { type });
}
