import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { assertSignal } from '$lib/util/abort';
import { pushBlob } from '$lib/util/zip-entry';
import { shotListCsv } from './csv';
import type { ZipOptions } from './meta';
import type { SaveTarget } from './save-target';
import {
	chosenImagePaths,
	pickStyle,
	takeFiles,
	type Storyboard,
	type TakeFile
} from './storyboard';

/** Progress as numbers: files written of files to write. */
export type ZipProgress = (done: number, total: number) => void;

/** Every file the ZIP holds besides shots.csv and project.json, in order. */
export function zipEntries(board: Storyboard, options: ZipOptions): TakeFile[] {
	const styles = options.styleId
		? board.styles.filter((style) => style.id === options.styleId)
		: board.styles;
	return styles.flatMap((style) =>
		board.shots.flatMap((_, index) => takeFiles(board, index, style, options))
	);
}

/** The storyboard's text as project.json: project, shots, styles and takes (no files, no logs). */
export function projectJson(board: Storyboard, exportedAt: Date): string {
	const { project, takes } = board.graph;
	return JSON.stringify(
		{
			type: 'maestro-storyboard',
			version: 1,
			exportedAt: exportedAt.toISOString(),
			project,
			shots: board.shots,
			styles: board.styles,
			takes
		},
		null,
		1
	);
}

/**
 * Write the images ZIP into `target` as it is made: `<style>/Shot_NN/…` image files stored
 * (they are already compressed) and streamed from their Blobs, then shots.csv and project.json.
 * Nothing but the current chunk is held, when the target streams to disk.
 */
export async function writeImagesZip(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: ZipOptions,
	target: SaveTarget,
	onProgress?: ZipProgress
): Promise<number> {
	const entries = zipEntries(board, options);
	let failure: Error | null = null;
	const zip = new Zip((error, chunk) => {
		if (error) failure = error;
		else target.write(chunk);
	});
	const total = entries.length + 2;
	onProgress?.(0, total);
	for (const [index, entry] of entries.entries()) {
		assertSignal(signal);
		const file = new ZipPassThrough(entry.path);
		file.mtime = zipTime(entry.take.createdAt);
		zip.add(file);
		await pushBlob(file, entry.asset.blob);
		if (failure) throw failure;
		await target.flush();
		onProgress?.(index + 1, total);
	}
	const csvStyle = pickStyle(board, options.styleId);
	addText(
		zip,
		'shots.csv',
		shotListCsv(board.shots, chosenImagePaths(board, csvStyle), board.graph.project.source)
	);
	addText(zip, 'project.json', projectJson(board, new Date()));
	zip.end();
	if (failure) throw failure;
	await target.flush();
	onProgress?.(total, total);
	return entries.length;
}

/** A time a zip entry can carry (zip dates run 1980–2099); now for anything outside. */
export function zipTime(ms: number): Date {
	const date = new Date(ms);
	const year = date.getFullYear();
	return Number.isFinite(ms) && year >= 1981 && year <= 2098 ? date : new Date();
}

function addText(zip: Zip, name: string, text: string): void {
	const file = new ZipDeflate(name, { level: 6 });
	zip.add(file);
	file.push(strToU8(text), true);
}
