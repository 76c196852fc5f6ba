import { cleanTitle, copyTitle, thumbnailAssetId } from '$lib/domain/project';
import { sortShots } from '$lib/domain/shot';
import type { Project, ProjectGraph, ProjectSummary } from '$lib/domain/types';
import { announceChange } from './changes';
import type { IDBPTransaction } from 'idb';
import { getDb, STORES, type MaestroDb } from './db';
import { cloneGraph } from './graph';
import {
	restoreAll,
	restoreAsset,
	restoreJob,
	restoreLog,
	restoreProject,
	restoreShot,
	restoreCastMember,
	restoreStyle,
	restoreTake,
	type Warn
} from './restore';

const PROJECT_STORES = [
	STORES.projects,
	STORES.shots,
	STORES.styles,
	STORES.takes,
	STORES.assets,
	STORES.jobs,
	STORES.logs,
	STORES.history,
	STORES.cast
] as const;

/** Every storyboard not in the bin, newest edit first, with shot counts and thumbnails. */
export async function listProjectSummaries(): Promise<ProjectSummary[]> {
	const db = await getDb();
	const tx = db.transaction([STORES.projects, STORES.shots, STORES.takes, STORES.assets]);
	const projects = restoreAll(
		await tx.objectStore(STORES.projects).getAll(),
		restoreProject
	).filter((p) => p.deletedAt === undefined);
	const summaries: ProjectSummary[] = [];
	for (const project of projects) {
		const shots = sortShots(
			restoreAll(
				await tx.objectStore(STORES.shots).index('by-project').getAll(project.id),
				restoreShot
			)
		);
		const takes = restoreAll(
			await tx.objectStore(STORES.takes).index('by-project').getAll(project.id),
			restoreTake
		);
		const thumbnailId = thumbnailAssetId(project, shots, takes);
		const asset = thumbnailId
			? restoreAsset(await tx.objectStore(STORES.assets).get(thumbnailId))
			: null;
		summaries.push({ project, shotCount: shots.length, thumbnail: asset?.blob });
	}
	await tx.done;
	return summaries.sort((a, b) => b.project.updatedAt - a.project.updatedAt);
}

/** One project, or undefined when there is none with that id (or it is in the bin). */
export async function getProject(id: string): Promise<Project | undefined> {
	const db = await getDb();
	const project = restoreProject(await db.get(STORES.projects, id));
	return project && project.deletedAt === undefined ? project : undefined;
}

/** Save a new project. */
export async function addProject(project: Project): Promise<void> {
	const db = await getDb();
	await db.add(STORES.projects, project);
	announceChange({ scope: 'library' });
}

export type ProjectPatch = Partial<
	Pick<
		Project,
		'title' | 'context' | 'shotCount' | 'aspectRatio' | 'deletedAt' | 'spendingCapUsd' | 'shotView'
	>
>;

/**
 * Change a project through `change`, read and written in one transaction so edits made
 * elsewhere in between are not lost; raises the revision and edit time. Returns the saved record.
 */
export async function patchProject(
	id: string,
	change: (project: Project) => Project
): Promise<Project | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.projects, 'readwrite');
	const current = restoreProject(await tx.store.get(id));
	if (!current) {
		await tx.done;
		return undefined;
	}
	const next: Project = {
		...change(current),
		updatedAt: Date.now(),
		revision: current.revision + 1
	};
	await tx.store.put(next);
	await tx.done;
	announceChange({ scope: 'project', projectId: id });
	announceChange({ scope: 'library' });
	return next;
}

/** Change fields of a project; returns the saved record. */
export function updateProject(id: string, patch: ProjectPatch): Promise<Project | undefined> {
	return patchProject(id, (current) => {
		const next: Project = { ...current, ...patch };
		if (patch.title !== undefined) next.title = cleanTitle(patch.title);
		if ('deletedAt' in patch && patch.deletedAt === undefined) delete next.deletedAt;
		if ('spendingCapUsd' in patch && patch.spendingCapUsd === undefined) delete next.spendingCapUsd;
		return next;
	});
}

/** Add what an AI call cost to the project's running total. */
export function addProjectCost(id: string, usd: number): Promise<Project | undefined> {
	if (!(usd > 0)) return getProject(id);
	return patchProject(id, (current) => ({ ...current, costUsd: current.costUsd + usd }));
}

/** Put a project in the bin; `restoreFromBin` undoes it, `purgeProject` makes it final. */
export function moveToBin(id: string): Promise<Project | undefined> {
	return updateProject(id, { deletedAt: Date.now() });
}

/** Take a project back out of the bin. */
export function restoreFromBin(id: string): Promise<Project | undefined> {
	return updateProject(id, { deletedAt: undefined });
}

type ProjectTx = IDBPTransaction<MaestroDb, typeof PROJECT_STORES, 'readwrite'>;

/** Delete a project's record and every record that belongs to it, inside `tx`. */
async function deleteProjectRecords(tx: ProjectTx, id: string): Promise<void> {
	await tx.objectStore(STORES.projects).delete(id);
	for (const name of PROJECT_STORES) {
		if (name === STORES.projects) continue;
		const index = tx.objectStore(name).index('by-project');
		for (const key of await index.getAllKeys(id)) await tx.objectStore(name).delete(key as never);
	}
}

/** Delete a project and everything that belongs to it, in one transaction. */
export async function purgeProject(id: string): Promise<void> {
	const db = await getDb();
	const tx = db.transaction([...PROJECT_STORES], 'readwrite');
	await deleteProjectRecords(tx, id);
	await tx.done;
	announceChange({ scope: 'library' });
}

/** Purge a project only if it is still in the bin (another tab may have restored it). */
export async function purgeIfBinned(id: string): Promise<void> {
	const db = await getDb();
	const project = restoreProject(await db.get(STORES.projects, id));
	if (project?.deletedAt !== undefined) await purgeProject(id);
}

/** Purge projects that have sat in the bin longer than `graceMs`. */
export async function purgeBin(graceMs: number, now = Date.now()): Promise<number> {
	const db = await getDb();
	const stale = restoreAll(await db.getAll(STORES.projects), restoreProject).filter(
		(p) => p.deletedAt !== undefined && now - p.deletedAt >= graceMs
	);
	for (const project of stale) await purgeProject(project.id);
	return stale.length;
}

/** Everything that belongs to a project, restored; undefined when there is no such project. */
export async function loadProjectGraph(
	id: string,
	warn: Warn = () => {}
): Promise<ProjectGraph | undefined> {
	const db = await getDb();
	const tx = db.transaction([...PROJECT_STORES]);
	const project = restoreProject(await tx.objectStore(STORES.projects).get(id), warn);
	if (!project) return undefined;
	const byProject = (name: Exclude<(typeof PROJECT_STORES)[number], 'projects'>) =>
		tx.objectStore(name).index('by-project').getAll(id) as Promise<unknown[]>;
	const graph: ProjectGraph = {
		project,
		shots: restoreAll(await byProject(STORES.shots), restoreShot, warn),
		styles: restoreAll(await byProject(STORES.styles), restoreStyle, warn),
		cast: restoreAll(await byProject(STORES.cast), restoreCastMember, warn),
		takes: restoreAll(await byProject(STORES.takes), restoreTake, warn),
		jobs: restoreAll(await byProject(STORES.jobs), restoreJob, warn),
		logs: restoreAll(await byProject(STORES.logs), (raw) => restoreLog(raw), warn),
		assets: restoreAll(await byProject(STORES.assets), restoreAsset, warn)
	};
	await tx.done;
	return graph;
}

/** Write a whole project graph in one transaction: all of it is saved, or none. */
export async function saveProjectGraph(graph: ProjectGraph): Promise<void> {
	const db = await getDb();
	const tx = db.transaction([...PROJECT_STORES], 'readwrite');
	try {
		// Whatever was stored under this project's id is replaced as a whole.
		await deleteProjectRecords(tx, graph.project.id);
		await tx.objectStore(STORES.projects).put(graph.project);
		for (const shot of graph.shots) await tx.objectStore(STORES.shots).put(shot);
		for (const style of graph.styles) await tx.objectStore(STORES.styles).put(style);
		for (const member of graph.cast) await tx.objectStore(STORES.cast).put(member);
		for (const take of graph.takes) await tx.objectStore(STORES.takes).put(take);
		for (const job of graph.jobs) await tx.objectStore(STORES.jobs).put(job);
		for (const log of graph.logs) {
			const { id: _ignored, ...entry } = log;
			await tx.objectStore(STORES.logs).add(entry as typeof log);
		}
		for (const asset of graph.assets) await tx.objectStore(STORES.assets).put(asset);
		await tx.done;
	} catch (error) {
		// A record the store cannot copy throws before its request exists, and a transaction
		// whose requests all succeeded would commit what came before it: all or nothing.
		try {
			tx.abort();
		} catch {
			// Already finished or aborted.
		}
		await tx.done.catch(() => {});
		throw error;
	}
	announceChange({ scope: 'library' });
}

/** A full copy of a project under new ids, titled "Copy of …"; returns the new project. */
export async function duplicateProject(id: string): Promise<Project | undefined> {
	const graph = await loadProjectGraph(id);
	if (!graph) return undefined;
	const copy = cloneGraph(graph);
	copy.project.title = copyTitle(graph.project.title);
	await saveProjectGraph(copy);
	return copy.project;
}
