import { beatNumber } from '$lib/domain/beats';
import { sortShots } from '$lib/domain/shot';
import type { Asset, CastMember, ProjectGraph, Shot, Style, Take } from '$lib/domain/types';
import { CAST_FOLDER, styleFolders, shotFolder, takeFileName, type TakeFileKind } from './naming';

/** A storyboard as the exports read it: shots in order, styles in column order, the cast in its order, lookups. */
export interface Storyboard {
	graph: ProjectGraph;
	shots: Shot[];
	styles: Style[];
	cast: CastMember[];
	assets: Map<string, Asset>;
	folders: Map<string, string>;
}

/** Put a loaded project graph in the order exports need. */
export function storyboardOf(graph: ProjectGraph): Storyboard {
	const styles = [...graph.styles].sort((a, b) => a.order - b.order);
	return {
		graph,
		shots: sortShots(graph.shots),
		styles,
		cast: [...graph.cast].sort((a, b) => a.order - b.order),
		assets: new Map(graph.assets.map((asset) => [asset.id, asset])),
		// A style called "Cast" must not share the cast's folder.
		folders: styleFolders(styles, graph.cast.length > 0 ? [CAST_FOLDER] : [])
	};
}

/** The style an export uses: the one asked for when it exists, else the first. */
export function pickStyle(board: Storyboard, styleId: string | undefined): Style | undefined {
	return board.styles.find((style) => style.id === styleId) ?? board.styles[0];
}

/** The takes of one beat in one style, oldest first. */
export function takesOf(board: Storyboard, beatId: string, styleId: string): Take[] {
	return board.graph.takes
		.filter((take) => take.beatId === beatId && take.styleId === styleId)
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** The chosen take of a beat in a style, of one kind. */
export function chosenTake(
	board: Storyboard,
	beatId: string,
	styleId: string,
	kind: Take['kind']
): Take | undefined {
	return takesOf(board, beatId, styleId).find((take) => take.chosen && take.kind === kind);
}

/** One file an export writes for a take. */
export interface TakeFile {
	path: string;
	asset: Asset;
	take: Take;
	kind: TakeFileKind;
}

/**
 * Files of a shot's takes in a style, under `<style>/Shot_NN/`, beat by beat (`Beat_2.1.png`,
 * `Beat_2.2.png`…): each beat's chosen image take, or with `allTakes` every take (images and
 * video clips), plus upscaled versions with `upscaled`.
 */
export function takeFiles(
	board: Storyboard,
	shotIndex: number,
	style: Style,
	options: { allTakes: boolean; upscaled: boolean }
): TakeFile[] {
	const shot = board.shots[shotIndex]!;
	const base = `${board.folders.get(style.id)}/${shotFolder(shotIndex + 1, board.shots.length)}`;
	const files: TakeFile[] = [];
	const used = new Set<string>();
	shot.beats.forEach((beat, beatIndex) => {
		const number = beatNumber(shotIndex + 1, beatIndex);
		takesOf(board, beat.id, style.id).forEach((take, index) => {
			if (!options.allTakes && !(take.chosen && take.kind === 'image')) return;
			const add = (assetId: string | undefined, kind: TakeFileKind) => {
				const asset = assetId ? board.assets.get(assetId) : undefined;
				if (!asset) return;
				let name = takeFileName(number, take, index + 1, kind, asset.mime);
				// Two chosen takes (an image and a video) may share a stem; keep both.
				for (let n = 2; used.has(name); n++) name = name.replace(/(\.\w+)$/, ` ${n}$1`);
				used.add(name);
				files.push({ path: `${base}/${name}`, asset, take, kind });
			};
			add(take.imageAssetId, 'image');
			if (options.upscaled) add(take.upscaledAssetId, 'upscaled');
			if (take.kind === 'video' && options.allTakes) add(take.videoAssetId, 'video');
		});
	});
	return files;
}

/** For the shot list: each beat's chosen image path in the ZIP, for one style, by beat id. */
export function chosenImagePaths(board: Storyboard, style: Style | undefined): Map<string, string> {
	const paths = new Map<string, string>();
	if (!style) return paths;
	board.shots.forEach((_, index) => {
		for (const file of takeFiles(board, index, style, { allTakes: false, upscaled: false }))
			paths.set(file.take.beatId, file.path);
	});
	return paths;
}
