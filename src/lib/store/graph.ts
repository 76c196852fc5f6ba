import { newId } from '$lib/domain/ids';
import type { Project, ProjectGraph } from '$lib/domain/types';

/**
 * A copy of a project graph under fresh ids, every reference remapped, so it can sit beside
 * the original (duplicate) or beside an earlier import of the same bundle. Jobs are left
 * behind: a copy starts with no work in progress.
 */
export function cloneGraph(graph: ProjectGraph, now = Date.now()): ProjectGraph {
	const ids = new Map<string, string>();
	const remap = (oldId: string) => {
		let fresh = ids.get(oldId);
		if (!fresh) {
			fresh = newId();
			ids.set(oldId, fresh);
		}
		return fresh;
	};
	const remapOptional = (oldId: string | undefined) => (oldId ? remap(oldId) : undefined);
	const projectId = remap(graph.project.id);
	const source = { ...graph.project.source };
	if (source.videoAssetId) source.videoAssetId = remap(source.videoAssetId);

	const project: Project = {
		...graph.project,
		id: projectId,
		source,
		createdAt: now,
		updatedAt: now,
		revision: 0
	};
	// The video panel's record (sampled frames, detected shots) points at assets too.
	const intake = graph.project.videoIntake;
	if (intake) {
		project.videoIntake = {
			...intake,
			frames: intake.frames.map((frame) => ({ ...frame, assetId: remap(frame.assetId) })),
			...(intake.shots
				? {
						shots: intake.shots.map((shot) => ({
							...shot,
							keyframeAssetId: remap(shot.keyframeAssetId)
						}))
					}
				: {})
		};
	}

	return {
		project,
		shots: graph.shots.map((shot) =>
			withOptional(
				{
					...shot,
					id: remap(shot.id),
					projectId,
					revision: 0,
					cast: shot.cast.map(remap),
					beats: shot.beats.map((beat) =>
						withOptional(
							{
								...beat,
								id: remap(beat.id),
								...(beat.cast ? { cast: beat.cast.map(remap) } : {})
							},
							'keyframeAssetId',
							remapOptional(beat.keyframeAssetId)
						)
					)
				},
				'keyframeAssetId',
				remapOptional(shot.keyframeAssetId)
			)
		),
		cast: graph.cast.map((member) => ({
			...member,
			id: remap(member.id),
			projectId,
			referenceAssetIds: member.referenceAssetIds.map(remap)
		})),
		styles: graph.styles.map((style) =>
			withOptional(
				{ ...style, id: remap(style.id), projectId },
				'referenceAssetId',
				remapOptional(style.referenceAssetId)
			)
		),
		takes: graph.takes.map((take) =>
			withOptional(
				withOptional(
					{
						...take,
						id: remap(take.id),
						projectId,
						shotId: remap(take.shotId),
						beatId: remap(take.beatId),
						styleId: take.styleId ? remap(take.styleId) : '',
						imageAssetId: remap(take.imageAssetId)
					},
					'upscaledAssetId',
					remapOptional(take.upscaledAssetId)
				),
				'videoAssetId',
				remapOptional(take.videoAssetId)
			)
		),
		jobs: [],
		logs: graph.logs.map(({ id: _dropped, ...log }) => ({ ...log, projectId })),
		assets: graph.assets.map((asset) => ({ ...asset, id: remap(asset.id), projectId }))
	};
}

function withOptional<T extends object, K extends string>(
	record: T,
	key: K,
	value: string | undefined
): T {
	const copy = { ...record } as Record<string, unknown>;
	if (value === undefined) delete copy[key];
	else copy[key] = value;
	return copy as T;
}

/** The same graph under another project id (every record's `projectId` follows). */
export function withProjectId(graph: ProjectGraph, projectId: string): ProjectGraph {
	const own = <T extends { projectId: string }>(records: T[]) =>
		records.map((record) => ({ ...record, projectId }));
	return {
		project: { ...graph.project, id: projectId },
		shots: own(graph.shots),
		styles: own(graph.styles),
		cast: own(graph.cast),
		takes: own(graph.takes),
		jobs: own(graph.jobs),
		logs: own(graph.logs),
		assets: own(graph.assets)
	};
}
