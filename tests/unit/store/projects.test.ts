import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { SCHEMA_VERSION } from '$lib/domain/types';
import { getDb, STORES } from '$lib/store/db';
import {
	addProject,
	duplicateProject,
	getProject,
	listProjectSummaries,
	loadProjectGraph,
	moveToBin,
	purgeBin,
	purgeProject,
	restoreFromBin,
	updateProject
} from '$lib/store/projects';
import { addShot, listShots } from '$lib/store/shots';
import { freshDb } from '../helpers';

beforeEach(freshDb);

async function putAsset(id: string, projectId: string, bytes: number[]) {
	const db = await getDb();
	await db.put(STORES.assets, {
		id,
		projectId,
		blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
		mime: 'image/jpeg',
		schemaVersion: SCHEMA_VERSION
	});
}

describe('listProjectSummaries', () => {
	it('lists storyboards newest edit first with their shot counts', async () => {
		const older = createProject('idea', 'Older', undefined, 1000);
		const newer = createProject('video', 'Newer', undefined, 2000);
		await addProject(older);
		await addProject(newer);
		await addShot(older.id, { title: 'a' });
		const summaries = await listProjectSummaries();
		// Adding a shot touches the older project, so it is now the newest edit.
		expect(summaries.map((s) => s.project.title)).toEqual(['Older', 'Newer']);
		expect(summaries.map((s) => s.shotCount)).toEqual([1, 0]);
	});

	it('uses the first shot with a picture as the thumbnail', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await addShot(project.id, { title: 'no picture' });
		await putAsset('frame-1', project.id, [1, 2, 3]);
		await addShot(project.id, { title: 'keyframe', keyframeAssetId: 'frame-1' });
		const [summary] = await listProjectSummaries();
		expect(summary?.thumbnail?.size).toBe(3);
	});

	it('leaves out storyboards in the bin', async () => {
		const project = createProject('idea', 'Binned');
		await addProject(project);
		await moveToBin(project.id);
		expect(await listProjectSummaries()).toEqual([]);
		expect(await getProject(project.id)).toBeUndefined();
	});
});

describe('updateProject', () => {
	it('cleans the title and raises the revision', async () => {
		const project = createProject('idea', 'First');
		await addProject(project);
		const saved = await updateProject(project.id, { title: '  Night   market \n chase ' });
		expect(saved?.title).toBe('Night market chase');
		expect(saved?.revision).toBe(1);
		expect((await getProject(project.id))?.title).toBe('Night market chase');
	});

	it('returns undefined for a project that does not exist', async () => {
		expect(await updateProject('nope', { title: 'x' })).toBeUndefined();
	});
});

describe('restoreFromBin', () => {
	it('brings a binned storyboard back with its shots', async () => {
		const project = createProject('idea', 'Keep me');
		await addProject(project);
		await addShot(project.id, { title: 'one' });
		await moveToBin(project.id);
		await restoreFromBin(project.id);
		expect((await getProject(project.id))?.deletedAt).toBeUndefined();
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['one']);
	});
});

describe('purgeProject', () => {
	it('deletes the project and everything that belongs to it, and nothing else', async () => {
		const doomed = createProject('idea', 'Doomed');
		const kept = createProject('idea', 'Kept');
		await addProject(doomed);
		await addProject(kept);
		await addShot(doomed.id);
		await addShot(kept.id);
		await putAsset('a1', doomed.id, [1]);
		await putAsset('a2', kept.id, [2]);
		await purgeProject(doomed.id);
		const db = await getDb();
		expect(await db.count(STORES.projects)).toBe(1);
		expect((await db.getAll(STORES.shots)).map((s) => s.projectId)).toEqual([kept.id]);
		expect((await db.getAll(STORES.assets)).map((a) => a.id)).toEqual(['a2']);
	});
});

describe('purgeBin', () => {
	it('purges only what has been in the bin longer than the grace period', async () => {
		const old = createProject('idea', 'Old');
		const recent = createProject('idea', 'Recent');
		await addProject({ ...old, deletedAt: 1000 });
		await addProject({ ...recent, deletedAt: 9000 });
		expect(await purgeBin(5000, 10_000)).toBe(1);
		const db = await getDb();
		expect((await db.getAll(STORES.projects)).map((p) => p.title)).toEqual(['Recent']);
	});
});

describe('duplicateProject', () => {
	it('copies shots and assets under new ids with the references remapped', async () => {
		const project = createProject('video', 'Original');
		await addProject(project);
		await putAsset('frame', project.id, [9, 9]);
		await addShot(project.id, { title: 'first', keyframeAssetId: 'frame' });
		await addShot(project.id, { title: 'second' });
		const copy = await duplicateProject(project.id);
		expect(copy?.title).toBe('Copy of Original');
		expect(copy?.id).not.toBe(project.id);
		const graph = await loadProjectGraph(copy!.id);
		expect(graph?.shots.map((s) => s.title).sort()).toEqual(['first', 'second']);
		const keyframe = graph?.shots.find((s) => s.title === 'first')?.keyframeAssetId;
		expect(keyframe).toBeDefined();
		expect(keyframe).not.toBe('frame');
		expect(graph?.assets.map((a) => a.id)).toEqual([keyframe]);
		expect(await graph?.assets[0]?.blob.arrayBuffer()).toEqual(new Uint8Array([9, 9]).buffer);
		// The original is untouched.
		expect((await listShots(project.id)).length).toBe(2);
	});
});

describe('duplicateProject with a video record', () => {
	it('remaps the asset ids of sampled frames and detected shots', async () => {
		const project = createProject('video', 'Clip');
		await addProject({
			...project,
			videoIntake: {
				frames: [{ assetId: 'f1', timeS: 1, role: 'context' }],
				shots: [{ startS: 0, endS: 2, keyframeS: 1, keyframeAssetId: 'f1' }]
			}
		});
		await putAsset('f1', project.id, [5]);
		const copy = await duplicateProject(project.id);
		const graph = (await loadProjectGraph(copy!.id))!;
		const intake = graph.project.videoIntake as {
			frames: { assetId: string }[];
			shots: { keyframeAssetId: string }[];
		};
		expect(intake.frames[0]!.assetId).toBe(graph.assets[0]!.id);
		expect(intake.shots[0]!.keyframeAssetId).toBe(graph.assets[0]!.id);
		expect(graph.assets[0]!.id).not.toBe('f1');
	});
});
