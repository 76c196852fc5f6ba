import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
	const text = header.toString('utf8', start, start + length);
	const nul = text.indexOf('\0');
	return nul === -1 ? text : text.slice(0, nul);
}

/**
 * Stream a .tgz and keep only the regular files whose paths are wanted, so a 200 MB
 * package never sits in memory. Handles ustar prefixes and PAX/GNU long names.
 */
export async function extractFromTgz(
	file: string,
	wanted: (path: string) => boolean
): Promise<Map<string, Buffer>> {
	const found = new Map<string, Buffer>();
	let pending: Buffer = Buffer.alloc(0);
	let entry: { path: string; size: number; type: string; chunks: Buffer[] | null } | null = null;
	let remaining = 0;
	let skipPadding = 0;
	let longName: string | null = null;
	let entrySize = 0;

	const onData = (chunk: Buffer) => {
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		for (;;) {
			if (entry) {
				const take = Math.min(remaining, pending.length);
				if (take > 0 && entry.chunks) entry.chunks.push(Buffer.from(pending.subarray(0, take)));
				pending = pending.subarray(take);
				remaining -= take;
				if (remaining > 0) return;
				finish(entry);
				entry = null;
				skipPadding = (BLOCK - (entrySize % BLOCK)) % BLOCK;
			}
			if (skipPadding > 0) {
				const skip = Math.min(skipPadding, pending.length);
				pending = pending.subarray(skip);
				skipPadding -= skip;
				if (skipPadding > 0) return;
			}
			if (pending.length < BLOCK) return;
			const header = pending.subarray(0, BLOCK);
			pending = pending.subarray(BLOCK);
			if (header.every((b) => b === 0)) continue;
			const name = field(header, 0, 100);
			const prefix = field(header, 345, 155);
			const size = parseInt(field(header, 124, 12).trim() || '0', 8);
			const type = String.fromCharCode(header[156] || 48);
			const path = longName ?? (prefix ? `${prefix}/${name}` : name);
			if (type !== 'x' && type !== 'L') longName = null;
			const keep =
				type === 'x' || type === 'L' || ((type === '0' || type === '\0') && wanted(path));
			entry = { path, size, type, chunks: keep ? [] : null };
			entrySize = size;
			remaining = size;
		}
	};

	const finish = (done: { path: string; type: string; chunks: Buffer[] | null }) => {
		if (!done.chunks) return;
		const body = Buffer.concat(done.chunks);
		if (done.type === 'L') longName = field(body, 0, body.length);
		else if (done.type === 'x') {
			const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
			if (match?.[1]) longName = match[1];
		} else found.set(done.path, body);
	};

	await new Promise<void>((resolve, reject) => {
		const gunzip = createGunzip();
		createReadStream(file).on('error', reject).pipe(gunzip);
		gunzip.on('data', onData).on('error', reject).on('end', resolve);
	});
	return found;
}
