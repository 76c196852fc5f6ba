import { list } from 'tar';

/**
 * Read a .tgz as a stream and keep only the regular files whose paths are wanted, so a 200 MB
 * package never sits in memory whole. `tar` (the package npm itself uses) handles ustar
 * prefixes and PAX/GNU long names.
 */
export async function extractFromTgz(
	file: string,
	wanted: (path: string) => boolean
): Promise<Map<string, Buffer>> {
	const found = new Map<string, Buffer>();
	await list({
		file,
		onReadEntry(entry) {
			if ((entry.type !== 'File' && entry.type !== 'OldFile') || !wanted(entry.path)) {
				entry.resume();
				return;
			}
			const chunks: Buffer[] = [];
			entry.on('data', (chunk: Buffer) => chunks.push(chunk));
			entry.on('end', () => found.set(entry.path, Buffer.concat(chunks)));
		}
	});
	return found;
}
