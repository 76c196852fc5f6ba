import type { Project, Shot } from '$lib/domain/types';
import { loadProjectGraph } from '$lib/store/projects';
import { videoIntakeOf } from '$lib/store/video-source';
import { isAbortError } from '$lib/util/abort';
import { formatBytes, safeFileName } from '$lib/util/blob';
import { formatDuration } from '$lib/util/time';
import { mediaErrorMessage } from '$lib/media/client';
import { MediaError } from '../../workers/shared/media-error';
import { makeAnimaticVideo, type AnimaticResult, type AnimaticStage } from './animatic';
import { storyboardShotList } from './csv';
import type { AnimaticOptions, PdfOptions, ZipOptions } from './meta';
import { makeStoryboardPdf } from './pdf';
import { openSaveTarget, saveWhole, type SaveTarget } from './save-target';
import { storyboardOf, type Storyboard } from './storyboard';
import { timeShotsToCuts, type ShotTiming } from './timing';
import { writeImagesZip } from './zip';

export { canPickSaveFile } from './save-target';

/** The kinds of export the Export menu offers. */
export type ExportKind = 'zip' | 'pdf' | 'csv' | 'animatic';

const SUFFIX: Record<ExportKind, { name: string; mime: string }> = {
	zip: { name: 'images.zip', mime: 'application/zip' },
	pdf: { name: 'storyboard.pdf', mime: 'application/pdf' },
	csv: { name: 'shot list.csv', mime: 'text/csv' },
	animatic: { name: 'animatic.mp4', mime: 'video/mp4' }
};

/** What each export is called in the activity log. */
const LOG_NAMES: Record<ExportKind, string> = {
	zip: 'images ZIP',
	pdf: 'PDF storyboard sheet',
	csv: 'shot list CSV',
	animatic: 'animatic MP4'
};

/** The activity log's line for a finished export: what, the file's name, its size and how long it took. */
export function exportLogLine(
	kind: ExportKind,
	fileName: string,
	bytes: number,
	seconds: number
): string {
	const took = seconds < 0.1 ? 'under 0.1 s' : formatDuration(seconds);
	return `Exported the ${LOG_NAMES[kind]} “${fileName}” (${formatBytes(bytes)}, ${took}).`;
}

/** The activity log's line for an export that failed, with the reason shown to the person. */
export function exportFailedLogLine(kind: ExportKind, message: string): string {
	return `The ${LOG_NAMES[kind]} export failed: ${message}`;
}

/** The file name an export is offered under: "<title> - storyboard.pdf". */
export function exportFileName(title: string, kind: ExportKind): string {
	return `${safeFileName(title)} - ${SUFFIX[kind].name}`;
}

/** Open where an export goes (call first in the click handler: the file picker needs it). */
export function openExportTarget(title: string, kind: ExportKind): Promise<SaveTarget> {
	return openSaveTarget(exportFileName(title, kind), SUFFIX[kind].mime);
}

/** The saved storyboard as exports read it (what is in the store, not unsaved typing). */
export async function loadStoryboard(projectId: string): Promise<Storyboard> {
	const graph = await loadProjectGraph(projectId);
	if (!graph) throw new Error('This storyboard no longer exists.');
	return storyboardOf(graph);
}

/** Progress of an export as numbers, with what it is doing. */
export type ExportProgress = (done: number, total: number, stage?: AnimaticStage) => void;

/** Run an export into `target`; the target is closed on success and aborted on failure. */
async function into<T>(target: SaveTarget, work: () => Promise<T>): Promise<T> {
	try {
		const result = await work();
		await target.close();
		return result;
	} catch (error) {
		await target.abort();
		throw error;
	}
}

/** Shot list CSV of the saved storyboard, with image names for `styleId` (or the first style). */
export async function exportShotList(target: SaveTarget, projectId: string, styleId?: string) {
	const board = await loadStoryboard(projectId).catch(async (error) => {
		await target.abort();
		throw error;
	});
	await saveWhole(target, storyboardShotList(board, styleId));
	return board.shots.length;
}

/** Images ZIP; returns how many image files went in. */
export function exportImagesZip(
	signal: AbortSignal,
	target: SaveTarget,
	projectId: string,
	options: ZipOptions,
	onProgress?: ExportProgress
): Promise<number> {
	return into(target, async () =>
		writeImagesZip(signal, await loadStoryboard(projectId), options, target, onProgress)
	);
}

/** PDF storyboard sheet; says which characters no font had, if any. */
export function exportPdf(
	signal: AbortSignal,
	target: SaveTarget,
	projectId: string,
	options: PdfOptions,
	onProgress?: ExportProgress
): Promise<{ note?: string }> {
	return into(target, async () => {
		const { bytes, note } = await makeStoryboardPdf(
			signal,
			await loadStoryboard(projectId),
			options,
			onProgress
		);
		target.write(bytes);
		return note ? { note } : {};
	});
}

/** Animatic MP4; says which shots had a stand-in. */
export function exportAnimatic(
	signal: AbortSignal,
	target: SaveTarget,
	projectId: string,
	options: AnimaticOptions,
	onProgress?: ExportProgress
): Promise<AnimaticResult> {
	return into(target, async () => {
		const result = await makeAnimaticVideo(
			signal,
			await loadStoryboard(projectId),
			options,
			onProgress
		);
		target.write(result.blob);
		return result;
	});
}

/** The sentence to show for a failed export, or undefined when it was cancelled (silent). */
export function exportErrorMessage(error: unknown): string | undefined {
	if (isAbortError(error)) return undefined;
	if (error instanceof MediaError) return mediaErrorMessage(error);
	if (error instanceof DOMException && error.name === 'QuotaExceededError') {
		return 'There is not enough disk space to save this export.';
	}
	const detail = error instanceof Error ? error.message : String(error);
	return `The export failed: ${detail} Your storyboard is unchanged.`;
}

/** What the export dialogs offer for a storyboard: its styles, its cast, and whether it has a clip. */
export interface ExportChoices {
	styles: { id: string; name: string }[];
	/** How many cast members it has (the PDF's "Cast page" is offered when any). */
	castCount: number;
	/** The storyboard has a source clip with sound to put under the animatic. */
	hasSourceAudio: boolean;
}

/** The choices for the export dialogs, read from the saved storyboard. */
export async function exportChoices(projectId: string): Promise<ExportChoices> {
	return choicesOf(await loadStoryboard(projectId));
}

/** The styles a storyboard offers by their export names, its cast's size, and whether its clip has sound. */
export function choicesOf(board: Storyboard): ExportChoices {
	const { source } = board.graph.project;
	return {
		castCount: board.cast.length,
		styles: board.styles.map((style, index) => ({
			id: style.id,
			name: board.folders.get(style.id) ?? `Style ${index + 1}`
		})),
		hasSourceAudio:
			source.videoAssetId !== undefined &&
			board.assets.has(source.videoAssetId) &&
			source.probe?.hasAudio !== false
	};
}

/**
 * New durations for the shots from the source clip's detected cuts (see `timeShotsToCuts`),
 * only those that change; empty when the storyboard has no clip with cuts found.
 */
export function timingsFromClip(
	project: Project | undefined,
	shots: readonly Shot[]
): ShotTiming[] {
	const durationS = project?.source.probe?.durationS;
	const intake = videoIntakeOf(project);
	if (!durationS || !intake.cutsS) return [];
	return timeShotsToCuts(shots, intake.cutsS, durationS).filter(
		(timing) => shots.find((shot) => shot.id === timing.shotId)?.durationS !== timing.durationS
	);
}
