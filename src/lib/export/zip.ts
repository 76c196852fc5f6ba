import { assertSignal } from '$lib/util/abort';
import { ZipWriter } from '$lib/util/zip-writer';
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
	const zip = new ZipWriter((chunk) => target.write(chunk));
	const total = entries.length + 2;
	onProgress?.(0, total);
	for (const [index, entry] of entries.entries()) {
		assertSignal(signal);
		await zip.addBlob(entry.path, entry.asset.blob, entry.take.createdAt);
		await target.flush();
		onProgress?.(index + 1, total);
	}
	const csvStyle = pickStyle(board, options.styleId);
	zip.addText(
		'shots.csv',
		shotListCsv(board.shots, chosenImagePaths(board, csvStyle), board.graph.project.source)
	);
	zip.addText('project.json', projectJson(board, new Date()));
	zip.end();
	await target.flush();
	onProgress?.(total, total);
	return entries.length;
}
