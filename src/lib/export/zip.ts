import { assertSignal } from '$lib/util/abort';
import { ZipWriter } from '$lib/util/zip-writer';
import type { Asset } from '$lib/domain/types';
import { castCsv, castFiles, pictureType } from './cast';
import { storyboardShotList } from './csv';
import type { ZipOptions } from './meta';
import { CAST_FOLDER } from './naming';
import type { SaveTarget } from './save-target';
import { takeFiles, type Storyboard, type TakeFile } from './storyboard';

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

/** The storyboard's text as project.json: project, shots, styles, cast and takes (no files, no logs). */
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
			cast: board.cast,
			takes
		},
		null,
		1
	);
}

/** The real type of each cast picture, by asset id, read from its bytes. */
async function castPictureTypes(board: Storyboard): Promise<Map<string, string>> {
	const ids = new Set(board.cast.flatMap((member) => member.referenceAssetIds));
	const assets = [...ids].map((id) => board.assets.get(id)).filter((a) => a !== undefined);
	return new Map(
		await Promise.all(assets.map(async (asset) => [asset.id, await pictureType(asset)] as const))
	);
}

/**
 * Write the images ZIP into `target` as it is made: `<style>/Shot_NN/…` image files stored
 * (they are already compressed) and streamed from their Blobs, then the cast's pictures and
 * `Cast/cast.csv` when the storyboard has a cast, then shots.csv and project.json. Nothing but
 * the current chunk is held, when the target streams to disk. Returns how many pictures went in.
 */
export async function writeImagesZip(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: ZipOptions,
	target: SaveTarget,
	onProgress?: ZipProgress
): Promise<number> {
	const types = await castPictureTypes(board);
	const cast = castFiles(board, (asset: Asset) => types.get(asset.id) ?? asset.mime);
	const entries: { path: string; asset: Asset; time: number }[] = [
		...zipEntries(board, options).map((e) => ({ ...e, time: e.take.createdAt })),
		...cast.map((file) => ({ ...file, time: board.graph.project.updatedAt }))
	];
	const zip = new ZipWriter((chunk) => target.write(chunk));
	const total = entries.length + (board.cast.length > 0 ? 3 : 2);
	onProgress?.(0, total);
	for (const [index, entry] of entries.entries()) {
		assertSignal(signal);
		await zip.addBlob(entry.path, entry.asset.blob, entry.time);
		await target.flush();
		onProgress?.(index + 1, total);
	}
	if (board.cast.length > 0) zip.addText(`${CAST_FOLDER}/cast.csv`, castCsv(board.cast, cast));
	zip.addText('shots.csv', storyboardShotList(board, options.styleId));
	zip.addText('project.json', projectJson(board, new Date()));
	zip.end();
	await target.flush();
	onProgress?.(total, total);
	return entries.length;
}
