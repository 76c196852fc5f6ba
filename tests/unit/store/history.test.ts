import { openDB } from 'idb';
import { firstBeatId } from '$lib/domain/beats';
import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, type HistoryStep } from '$lib/domain/history';
import { createProject } from '$lib/domain/project';
import { putAsset } from '$lib/store/assets';
import { MIGRATIONS, openMaestroDb, STORES, useDb } from '$lib/store/db';
import { readHistory, recordHistoryStep, redoHistory, undoHistory } from '$lib/store/history';
import { restoreHistory } from '$lib/store/history-restore';
import { addProject, getProject, purgeProject, updateProject } from '$lib/store/projects';
import { addShot, deleteShot, listShots, updateShot } from '$lib/store/shots';
import { addTake, chooseTake, listTakes } from '$lib/store/takes';
import { ensureStyles } from '$lib/store/styles';
import { freshDb } from '../helpers';

beforeEach(freshDb);

let counter = 0;
function step(fields: Omit<HistoryStep, 'id' | 'time'>): HistoryStep {
	return { id: `step-${counter++}`, time: Date.now(), ...fields };
}

async function board(...titles: string[]) {
	const project = createProject('idea', 'Board');
	await addProject(project);
	const shots = [];
	for (const title of titles) shots.push(await addShot(project.id, { title }));
	return { project, shots };
}

describe('recordHistoryStep and readHistory', () => {
	it('keep a storyboard’s steps across a reopening of the database', async () => {
		const { project, shots } = await board('One');
		const edit = step({
			label: 'edit the title of shot 1',
			before: { shots: { [shots[0]!.id]: { title: 'One' } } },
			after: { shots: { [shots[0]!.id]: { title: 'Uno' } } }
		});
		await recordHistoryStep(project.id, edit);
		expect(await readHistory(project.id)).toEqual({ undo: [edit], redo: [] });
		expect(await readHistory('another')).toEqual({ undo: [], redo: [] });
	});

	it('keeps the newest 100 steps in the store', async () => {
		const { project, shots } = await board('One');
		for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
			await recordHistoryStep(
				project.id,
				step({
					label: `edit ${i}`,
					before: { shots: { [shots[0]!.id]: { title: `t${i}` } } },
					after: { shots: { [shots[0]!.id]: { title: `t${i + 1}` } } }
				})
			);
		}
		const history = await readHistory(project.id);
		expect(history.undo).toHaveLength(HISTORY_LIMIT);
		expect(history.undo[0]!.label).toBe('edit 5');
	});
});

describe('undoHistory and redoHistory', () => {
	it('put a deleted shot back exactly and delete it again', async () => {
		const { project, shots } = await board('Keep', 'Oops');
		const oops = shots[1]!;
		const removed = (await deleteShot(oops.id))!;
		await recordHistoryStep(
			project.id,
			step({
				label: 'delete shot 2',
				before: { shots: { [oops.id]: removed } },
				after: { shots: { [oops.id]: null } }
			})
		);
		const undone = await undoHistory(project.id);
		expect(undone.step?.label).toBe('delete shot 2');
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['Keep', 'Oops']);
		expect(undone.history.redo.map((s) => s.label)).toEqual(['delete shot 2']);

		await redoHistory(project.id);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['Keep']);
		expect((await readHistory(project.id)).undo.map((s) => s.label)).toEqual(['delete shot 2']);
	});

	it('undo only the step asked for, while it is the newest', async () => {
		const { project, shots } = await board('One');
		const id = shots[0]!.id;
		const first = step({
			label: 'a',
			before: { shots: { [id]: { title: 'One' } } },
			after: { shots: { [id]: { title: 'Two' } } }
		});
		await updateShot(id, { title: 'Two' });
		await recordHistoryStep(project.id, first);
		await updateShot(id, { title: 'Three' });
		await recordHistoryStep(
			project.id,
			step({
				label: 'b',
				before: { shots: { [id]: { title: 'Two' } } },
				after: { shots: { [id]: { title: 'Three' } } }
			})
		);
		expect((await undoHistory(project.id, first.id)).step).toBeUndefined();
		expect((await listShots(project.id))[0]!.title).toBe('Three');
	});

	it('leave a field alone that changed after the step, and say so', async () => {
		const { project, shots } = await board('One');
		const id = shots[0]!.id;
		await updateShot(id, { title: 'Two', notes: 'n' });
		await recordHistoryStep(
			project.id,
			step({
				label: 'edit',
				before: { shots: { [id]: { title: 'One', notes: '' } } },
				after: { shots: { [id]: { title: 'Two', notes: 'n' } } }
			})
		);
		// Another tab changed the title since.
		await updateShot(id, { title: 'Theirs' });
		const undone = await undoHistory(project.id);
		expect(undone.skipped).toBe(1);
		const [shot] = await listShots(project.id);
		expect(shot).toMatchObject({ title: 'Theirs', notes: '' });
	});

	it('keep every take (paid renders) when an undo removes their shot or their choice', async () => {
		const { project, shots } = await board('One');
		const [style] = await ensureStyles(project.id);
		const added = await addShot(project.id, { title: 'Generated' });
		await recordHistoryStep(
			project.id,
			step({
				label: 'add 1 shot',
				before: { shots: { [added.id]: null } },
				after: { shots: { [added.id]: added } }
			})
		);
		const image = async () =>
			(await putAsset(project.id, new Blob([new Uint8Array([1])], { type: 'image/png' }))).id;
		const take = (shotId: string) =>
			image().then((imageAssetId) =>
				addTake({
					projectId: project.id,
					shotId,
					beatId: firstBeatId(shotId),
					styleId: style!.id,
					imageAssetId,
					model: 'm',
					prompt: 'p',
					costUsd: 0.04
				})
			);
		const first = await take(shots[0]!.id);
		const second = await take(shots[0]!.id);
		const rendered = await take(added.id);
		// Choosing take 2 is a step of its own.
		await chooseTake(second.id);
		await recordHistoryStep(
			project.id,
			step({
				label: 'choose take 2 of shot 1',
				before: { takes: { [first.id]: { chosen: true }, [second.id]: { chosen: false } } },
				after: { takes: { [first.id]: { chosen: false }, [second.id]: { chosen: true } } }
			})
		);
		await redoFree(project.id);

		await undoHistory(project.id);
		const chosen = async () =>
			Object.fromEntries((await listTakes(project.id)).map((t) => [t.id, t.chosen]));
		expect(await chosen()).toEqual({ [first.id]: true, [second.id]: false, [rendered.id]: true });
		await undoHistory(project.id);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['One']);
		expect(Object.keys(await chosen()).sort()).toEqual([first.id, second.id, rendered.id].sort());
		// Redo brings the shot back with its render.
		await redoHistory(project.id);
		expect((await listShots(project.id)).map((s) => s.title)).toEqual(['One', 'Generated']);
		expect((await listTakes(project.id)).find((t) => t.shotId === added.id)?.chosen).toBe(true);
	});

	it('never write into another storyboard', async () => {
		const { project } = await board('Mine');
		const other = await board('Theirs');
		const theirs = other.shots[0]!;
		await recordHistoryStep(
			project.id,
			step({
				label: 'edit',
				before: { shots: { [theirs.id]: { title: 'Hacked' } } },
				after: { shots: { [theirs.id]: { title: 'Theirs' } } }
			})
		);
		await undoHistory(project.id);
		expect((await listShots(other.project.id))[0]!.title).toBe('Theirs');
	});

	it('set the storyboard’s title and context back', async () => {
		const { project } = await board();
		await recordHistoryStep(
			project.id,
			step({
				label: 'rename the storyboard',
				before: { project: { title: 'Board' } },
				after: { project: { title: 'Renamed' } }
			})
		);
		await updateProject(project.id, { title: 'Renamed' });
		await undoHistory(project.id);
		expect((await getProject(project.id))?.title).toBe('Board');
	});
});

describe('purgeProject', () => {
	it('removes the storyboard’s history with it', async () => {
		const { project, shots } = await board('One');
		await recordHistoryStep(
			project.id,
			step({
				label: 'edit',
				before: { shots: { [shots[0]!.id]: { title: 'One' } } },
				after: { shots: { [shots[0]!.id]: { title: 'Two' } } }
			})
		);
		await purgeProject(project.id);
		expect(await readHistory(project.id)).toEqual({ undo: [], redo: [] });
		expect(await listShots(project.id)).toEqual([]);
	});
});

describe('the version 2 migration', () => {
	it('adds the history store and keeps every record of a version 1 database', async () => {
		const name = `history-migration-${counter++}`;
		const old = await openDB(name, 1, {
			upgrade(db, _old, _new, tx) {
				MIGRATIONS[0]!(db as never, tx as never);
			}
		});
		await old.put(STORES.projects, { id: 'kept', title: 'Kept' });
		await old.put(STORES.shots, { id: 's', projectId: 'kept', title: 'Shot' });
		old.close();
		const db = await openMaestroDb(name);
		expect(db.objectStoreNames.contains(STORES.history)).toBe(true);
		expect(await db.get(STORES.projects, 'kept')).toEqual({ id: 'kept', title: 'Kept' });
		expect(await db.get(STORES.shots, 's')).toMatchObject({ title: 'Shot' });
		db.close();
		useDb(undefined);
	});
});

describe('restoreHistory', () => {
	const projectId = 'p';
	const good = {
		id: 'good',
		label: 'delete shot 1',
		time: 1,
		before: { shots: { s: { id: 's', projectId, title: 'One', order: 0 } } },
		after: { shots: { s: null } }
	};

	it('reads back a saved history unchanged', () => {
		const history = restoreHistory({ undo: [good], redo: [] }, projectId);
		expect(history.undo).toHaveLength(1);
		expect(history.undo[0]!.before.shots?.s).toMatchObject({ id: 's', title: 'One' });
		expect(history.undo[0]!.after.shots).toEqual({ s: null });
	});

	it('drops damaged steps and keeps the good ones', () => {
		const warnings: string[] = [];
		const history = restoreHistory(
			{
				undo: [
					null,
					42,
					{ ...good, id: '' },
					{ ...good, label: 7 },
					{ ...good, time: 'soon' },
					{ ...good, before: 'x' },
					// A whole record that belongs to another storyboard.
					{ ...good, before: { shots: { s: { id: 's', projectId: 'other', title: 'x' } } } },
					// A whole record without an id.
					{ ...good, before: { shots: { s: { title: 'x' } } } },
					// Fields of the wrong type.
					{
						...good,
						before: { shots: { s: { durationS: 'long' } } },
						after: { shots: { s: { durationS: 3 } } }
					},
					{ ...good, before: { takes: { t: { chosen: 'yes' } } }, after: { takes: {} } },
					// Nothing in it.
					{ ...good, before: {}, after: {} },
					good
				],
				redo: 'nope'
			},
			projectId,
			(message) => warnings.push(message)
		);
		expect(history.undo.map((s) => s.id)).toEqual(['good']);
		expect(history.redo).toEqual([]);
		expect(warnings).toEqual([
			'10 undo steps that could not be read were dropped.',
			'1 undo step that would change another storyboard was dropped.'
		]);
	});

	it('reads a history record as the store saved it, with its project id and version', () => {
		const saved = {
			projectId,
			undo: [good],
			redo: [{ ...good, id: 'redo' }],
			schemaVersion: 1,
			someFutureField: { kept: false }
		};
		const history = restoreHistory(saved, projectId);
		expect(Object.keys(history)).toEqual(['undo', 'redo']);
		expect(history.undo.map((s) => s.id)).toEqual(['good']);
		expect(history.redo.map((s) => s.id)).toEqual(['redo']);
	});

	it('reads a record missing a list, or with a list that is not one, as empty there', () => {
		expect(restoreHistory({ projectId, undo: [good] }, projectId).redo).toEqual([]);
		expect(restoreHistory({ undo: 'x', redo: { 0: good } }, projectId)).toEqual({
			undo: [],
			redo: []
		});
	});

	it('keeps the newest steps of a list longer than the limit, in order', () => {
		const steps = Array.from({ length: HISTORY_LIMIT + 20 }, (_, i) => ({ ...good, id: `s${i}` }));
		const history = restoreHistory({ undo: steps, redo: [] }, projectId);
		expect(history.undo).toHaveLength(HISTORY_LIMIT);
		expect(history.undo[0]!.id).toBe('s20');
		expect(history.undo.at(-1)!.id).toBe(`s${HISTORY_LIMIT + 19}`);
	});

	it('keeps only the fields a step may set, cut to their limits', () => {
		const history = restoreHistory(
			{
				undo: [
					{
						id: 'x',
						label: 'edit',
						time: 5,
						before: { shots: { s: { title: 'a', revision: 9, evil: {} } } },
						after: { shots: { s: { title: 'b'.repeat(200_000), revision: 10 } } }
					}
				]
			},
			projectId
		);
		expect(history.undo[0]!.before.shots).toEqual({ s: { title: 'a' } });
		expect((history.undo[0]!.after.shots!.s!.title as string).length).toBe(100_000);
	});

	it('never throws, whatever it is given', () => {
		const inputs: unknown[] = [
			undefined,
			null,
			'history',
			[],
			{ undo: {} },
			{ undo: [{ ...good, before: { shots: [] } }] },
			{ undo: [{ ...good, before: { shots: { s: null } }, after: { shots: { s: null } } }] },
			{ undo: new Array(500).fill(good), redo: new Array(500).fill(good) },
			{ undo: [{ ...good, before: { project: { title: 5 } }, after: { project: {} } }] }
		];
		for (const raw of inputs) {
			const history = restoreHistory(raw, projectId);
			expect(history.undo.length).toBeLessThanOrEqual(HISTORY_LIMIT);
			expect(history.redo.length).toBeLessThanOrEqual(HISTORY_LIMIT);
		}
	});
});

/** Nothing to redo after a recorded step (a new step clears it). */
async function redoFree(projectId: string) {
	expect((await readHistory(projectId)).redo).toEqual([]);
}
