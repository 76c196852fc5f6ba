import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { SCHEMA_VERSION } from '$lib/domain/types';
import { readBundle, writeBundle } from '$lib/store/bundle';
import {
	addCastMember,
	copyCastMembers,
	deleteCastMember,
	listOtherCasts,
	listCast,
	putBackCastMember,
	updateCastMember
} from '$lib/store/cast';
import { getDb, STORES } from '$lib/store/db';
import { cloneGraph } from '$lib/store/graph';
import { addProject, loadProjectGraph } from '$lib/store/projects';
import { addShot } from '$lib/store/shots';
import { freshDb } from '../helpers';

beforeEach(freshDb);

async function storyboardWithCast() {
	const project = createProject('idea', 'Cast');
	await addProject(project);
	const db = await getDb();
	await db.put(STORES.assets, {
		id: 'mara-face',
		projectId: project.id,
		blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
		mime: 'image/jpeg',
		schemaVersion: SCHEMA_VERSION
	});
	const mara = await addCastMember(project.id, {
		name: 'Mara',
		description: 'Thirties, red raincoat',
		referenceAssetIds: ['mara-face']
	});
	const harbour = await addCastMember(project.id, { name: 'Harbour', kind: 'location' });
	const shot = await addShot(project.id, { title: 'Pier', cast: [mara.id, harbour.id] });
	return { project, mara, harbour, shot };
}

describe('the cast store', () => {
	it('adds members in order, edits, removes and puts one back as they were', async () => {
		const { project, mara, harbour } = await storyboardWithCast();
		expect((await listCast(project.id)).map((m) => [m.name, m.kind, m.order])).toEqual([
			['Mara', 'character', 0],
			['Harbour', 'location', 1]
		]);
		await updateCastMember(mara.id, { description: 'Forties now', kind: 'prop' });
		const removed = await deleteCastMember(harbour.id);
		expect((await listCast(project.id)).map((m) => [m.description, m.kind])).toEqual([
			['Forties now', 'prop']
		]);
		await putBackCastMember(removed!);
		expect((await listCast(project.id)).map((m) => m.name)).toEqual(['Mara', 'Harbour']);
		expect(await updateCastMember('gone', { name: 'x' })).toBeUndefined();
	});

	it('round-trips the cast and the shots’ cast through a bundle, and a copy remaps every id', async () => {
		const { project, mara, shot } = await storyboardWithCast();
		const graph = (await loadProjectGraph(project.id))!;
		const byOrder = <T extends { order: number }>(list: T[]) =>
			[...list].sort((a, b) => a.order - b.order);
		expect(byOrder(graph.cast).map((m) => m.name)).toEqual(['Mara', 'Harbour']);
		const read = await readBundle(await writeBundle(graph, 'test'), 'test.maestro');
		expect(byOrder(read.cast).map((m) => [m.name, m.referenceAssetIds])).toEqual([
			['Mara', ['mara-face']],
			['Harbour', []]
		]);
		expect(read.shots.find((s) => s.id === shot.id)?.cast).toEqual(shot.cast);

		const copy = cloneGraph(graph);
		const copied = copy.cast.find((m) => m.name === 'Mara')!;
		expect(copied.id).not.toBe(mara.id);
		expect(copy.shots[0]!.cast[0]).toBe(copied.id);
		expect(copy.assets.map((a) => a.id)).toContain(copied.referenceAssetIds[0]);
	});

	it('drops from shots the members a file does not hold, and reads a file made before the cast', async () => {
		const { project, shot } = await storyboardWithCast();
		const graph = (await loadProjectGraph(project.id))!;
		const withoutCast = await readBundle(
			await writeBundle({ ...graph, cast: [] }, 'test'),
			'old.maestro'
		);
		expect(withoutCast.cast).toEqual([]);
		expect(withoutCast.shots.find((s) => s.id === shot.id)?.cast).toEqual([]);
	});

	it('copies members into another storyboard with their own copies of the pictures', async () => {
		const { project, mara } = await storyboardWithCast();
		const sequel = createProject('idea', 'Sequel');
		await addProject(sequel);
		expect((await listOtherCasts(sequel.id)).map((other) => other.title)).toEqual(['Cast']);
		const [copy] = await copyCastMembers([mara.id], sequel.id);
		expect(copy).toMatchObject({ name: 'Mara', projectId: sequel.id, order: 0 });
		expect(copy!.id).not.toBe(mara.id);
		expect(copy!.referenceAssetIds).toHaveLength(1);
		expect(copy!.referenceAssetIds[0]).not.toBe('mara-face');
		const db = await getDb();
		const picture = await db.get(STORES.assets, copy!.referenceAssetIds[0]!);
		expect(picture?.projectId).toBe(sequel.id);
		expect(new Uint8Array(await picture!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
		await updateCastMember(copy!.id, { description: 'Older' });
		expect((await listCast(project.id)).find((m) => m.id === mara.id)?.description).toBe(
			'Thirties, red raincoat'
		);
	});
});
