import type { z } from 'zod';
import {
	VideoIntakeSchema,
	type SavedCutShotSchema,
	type SavedFrameSchema
} from '$lib/domain/records';
import type { Asset, Project, VideoProbe } from '$lib/domain/types';
import { deleteAssets, newAsset, type AssetSize } from './assets';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { patchProject } from './projects';
import { restoreProject } from './restore';
import { listShots } from './shots';

/** A sampled frame saved as an asset, with where it sits in the clip. */
export type SavedFrame = z.output<typeof SavedFrameSchema>;
/** A detected shot of the clip whose keyframe is saved as an asset. */
export type SavedCutShot = z.output<typeof SavedCutShotSchema>;
/** What the local video pass found, kept on the project. */
export type VideoIntakeRecord = z.output<typeof VideoIntakeSchema>;

/** The video intake record of a project, tolerant of missing or malformed data. */
export function videoIntakeOf(project: { videoIntake?: unknown } | undefined): VideoIntakeRecord {
	const read = VideoIntakeSchema.safeParse(project?.videoIntake);
	return read.success ? read.data : { frames: [] };
}

/**
 * Make `videoAssetId` the project's clip with its probe facts; earlier frames and cuts are
 * cleared. Without an asset (a clip too large for the browser's storage) only the facts are kept.
 * What belonged to the clip it replaces is deleted once nothing points at it: the old clip, its
 * frames, and keyframes no shot uses (shots made from its cuts keep theirs).
 */
export async function setVideoSource(
	projectId: string,
	videoAssetId: string | undefined,
	probe: VideoProbe
): Promise<Project | undefined> {
	let previous: Project | undefined;
	const saved = await patchProject(projectId, (project) => {
		previous = project;
		const source = { ...project.source, kind: 'video' as const, probe };
		if (videoAssetId) source.videoAssetId = videoAssetId;
		else delete source.videoAssetId;
		const videoIntake: VideoIntakeRecord = videoAssetId
			? { frames: [] }
			: { frames: [], clipNotStored: true };
		return { ...project, source, videoIntake };
	});
	if (previous) {
		const kept = new Set((await listShots(projectId)).map((shot) => shot.keyframeAssetId));
		kept.add(videoAssetId);
		await deleteAssets(clipAssets(previous).filter((id) => !kept.has(id)));
	}
	return saved;
}

/** Every asset a project's clip brought: the clip, its sampled frames and its cut keyframes. */
function clipAssets(project: Project): string[] {
	const intake = videoIntakeOf(project);
	return [
		...(project.source.videoAssetId ? [project.source.videoAssetId] : []),
		...intake.frames.map((frame) => frame.assetId),
		...(intake.shots ?? []).map((shot) => shot.keyframeAssetId)
	];
}

/**
 * Save a sampled frame's picture and add it to the project's frames in one transaction: one
 * write per frame, whatever the number of frames before it. Resolves with the saved project and
 * asset (undefined when the project is gone: nothing is written then).
 */
export async function saveSampledFrame(
	projectId: string,
	blob: Blob,
	frame: Omit<SavedFrame, 'assetId'> & AssetSize
): Promise<{ project: Project; asset: Asset } | undefined> {
	const db = await getDb();
	const tx = db.transaction([STORES.projects, STORES.assets], 'readwrite');
	const current = restoreProject(await tx.objectStore(STORES.projects).get(projectId));
	if (!current) {
		await tx.done;
		return undefined;
	}
	const asset = newAsset(projectId, blob, frame);
	const intake = videoIntakeOf(current);
	const saved: SavedFrame = { assetId: asset.id, timeS: frame.timeS, role: frame.role };
	const project: Project = {
		...current,
		videoIntake: { ...intake, frames: [...intake.frames, saved] },
		updatedAt: Date.now(),
		revision: current.revision + 1
	};
	const writes: Promise<unknown>[] = [];
	try {
		writes.push(tx.objectStore(STORES.assets).put(asset));
		writes.push(tx.objectStore(STORES.projects).put(project));
	} catch (error) {
		// A put that throws at once (rather than failing the transaction) must not leave the
		// other one to commit on its own.
		tx.abort();
		await Promise.allSettled([...writes, tx.done]);
		throw error;
	}
	await Promise.all([...writes, tx.done]);
	announceChange({ scope: 'project', projectId });
	announceChange({ scope: 'library' });
	return { project, asset };
}

/** Keep the detected cuts and shots (with saved keyframes) on the project. */
export function setDetectedCuts(
	projectId: string,
	cutsS: number[],
	shots: SavedCutShot[]
): Promise<Project | undefined> {
	return patchProject(projectId, (project) => ({
		...project,
		videoIntake: { ...videoIntakeOf(project), cutsS, shots }
	}));
}

/**
 * Delete the project's clip to save space, keeping its facts, frames and cuts; the project
 * stops pointing at the clip before the clip is deleted, so it never names a missing asset.
 */
export async function removeVideoSource(projectId: string): Promise<Project | undefined> {
	let clipId: string | undefined;
	const saved = await patchProject(projectId, (project) => {
		clipId = project.source.videoAssetId;
		const source = { ...project.source };
		delete source.videoAssetId;
		return {
			...project,
			source,
			videoIntake: { ...videoIntakeOf(project), clipRemovedAt: Date.now() }
		};
	});
	if (clipId) await deleteAssets([clipId]);
	return saved;
}
