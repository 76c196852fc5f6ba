import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { addProject, getProject } from '$lib/store/projects';
import {
	addShot,
	deleteShot,
	listShots,
	putShot,
	reorderShots,
	updateShot
} from '$lib/store/shots';
import { freshDb } from '../helpers';

beforeEach(freshDb);

async function projectWithShots(...titles: string[]) {
	const project = createProject('idea', 'Board');
	await addProject(project);
	const shots = [];
	for (const title of titles) shots.push(await addShot(project.id, { title }));
	return { project, shots };
}

describe('addShot', () => {
	it('appends shots in order and raises the project revision', async () => {
		const { project } = await projectWithShots('one', 'two', 'three');
		const shots = await listShots(project.id);
		expect(shots.map((s) => [s.title, s.order])).toEqual([
			['one', 0],
			['two', 1],
			['three', 2]
		]);
		expect((await getProject(project.id))?.revision).toBe(3);
	});
});

describe('updateShot', () => {
	it('saves the patched fields and keeps the others', async () => {
		const { project, shots } = await projectWithShots('one');
		const result = await updateShot(shots[0]!.id, { description: 'A lantern sways.' });
		expect(result.status).toBe('saved');
		const [saved] = await listShots(project.id);
		expect(saved?.description).toBe('A lantern sways.');
		expect(saved?.title).toBe('one');
	});

	it('keeps an edit to another field made elsewhere in between', async () => {
		const { project, shots } = await projectWithShots('one');
		const id = shots[0]!.id;
		await updateShot(id, { title: 'from tab B' }, { title: 'one' });
		await updateShot(id, { notes: 'from tab A' }, { notes: '' });
		const [saved] = await listShots(project.id);
		expect(saved?.title).toBe('from tab B');
		expect(saved?.notes).toBe('from tab A');
	});

	it('refuses to overwrite a field that changed since this tab saw it', async () => {
		const { project, shots } = await projectWithShots('one');
		const id = shots[0]!.id;
		await updateShot(id, { description: 'theirs' }, { description: '' });
		const result = await updateShot(id, { description: 'mine' }, { description: '' });
		expect(result.status).toBe('conflict');
		if (result.status === 'conflict') {
			expect(result.conflicts).toEqual([{ field: 'description', theirs: 'theirs', mine: 'mine' }]);
		}
		expect((await listShots(project.id))[0]?.description).toBe('theirs');
	});

	it('clamps durations a person could not mean', async () => {
		const { project, shots } = await projectWithShots('one');
		await updateShot(shots[0]!.id, { durationS: -4 });
		expect((await listShots(project.id))[0]?.durationS).toBe(0.1);
	});

	it('reports a shot that no longer exists', async () => {
		expect((await updateShot('gone', { title: 'x' })).status).toBe('missing');
	});
});

describe('reorderShots', () => {
	it('saves the new order', async () => {
		const { project, shots } = await projectWithShots('a', 'b', 'c');
		const [a, b, c] = shots.map((s) => s.id);
		await reorderShots(project.id, [c!, a!, b!]);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['c', 'a', 'b']);
	});

	it('keeps shots the caller did not know about, after the others', async () => {
		const { project, shots } = await projectWithShots('a', 'b');
		await addShot(project.id, { title: 'added elsewhere' });
		await reorderShots(project.id, [shots[1]!.id, shots[0]!.id]);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual([
			'b',
			'a',
			'added elsewhere'
		]);
	});
});

describe('deleteShot', () => {
	it('deletes a shot and putShot brings it back where it was', async () => {
		const { project, shots } = await projectWithShots('a', 'b', 'c');
		const removed = await deleteShot(shots[1]!.id);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['a', 'c']);
		await putShot(removed!);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['a', 'b', 'c']);
	});
});
