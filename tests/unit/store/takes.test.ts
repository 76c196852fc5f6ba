import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstBeatId } from '$lib/domain/beats';
import { createProject } from '$lib/domain/project';
import { putAsset, getAsset } from '$lib/store/assets';
import { addProject } from '$lib/store/projects';
import { addShot } from '$lib/store/shots';
import { addStyle, deleteStyle, ensureStyles, listStyles, updateStyle } from '$lib/store/styles';
import {
	addTake,
	chooseTake,
	chosenTakes,
	deleteTake,
	putBackTake,
	listTakes,
	setUpscaled
} from '$lib/store/takes';
import { freshDb } from '../helpers';

beforeEach(freshDb);
afterEach(() => vi.restoreAllMocks());

async function board() {
	const project = createProject('idea', 'Board');
	await addProject(project);
	const shot = await addShot(project.id, { title: 'one' });
	const [style] = await ensureStyles(project.id);
	return { project, shot, style: style! };
}

async function newTake(projectId: string, shotId: string, styleId: string) {
	const asset = await putAsset(
		projectId,
		new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })
	);
	return addTake({
		projectId,
		shotId,
		beatId: firstBeatId(shotId),
		styleId,
		imageAssetId: asset.id,
		model: 'm',
		prompt: 'p',
		costUsd: 0.01
	});
}

describe('styles', () => {
	it('makes one default style, adds and edits columns in order', async () => {
		const { project } = await board();
		expect((await ensureStyles(project.id)).map((s) => s.name)).toEqual(['Style 1']);
		const second = await addStyle(project.id, { name: 'Clean line' });
		await updateStyle(second.id, { promptWords: 'clean line', keyPool: 'team-b' });
		const styles = await listStyles(project.id);
		expect(styles.map((s) => [s.name, s.order])).toEqual([
			['Style 1', 0],
			['Clean line', 1]
		]);
		expect(styles[1]!.keyPool).toBe('team-b');
		await updateStyle(second.id, { keyPool: undefined });
		expect((await listStyles(project.id))[1]!.keyPool).toBeUndefined();
		await deleteStyle(second.id);
		expect(await listStyles(project.id)).toHaveLength(1);
	});
});

describe('takes', () => {
	it('chooses the first take of a shot and style, keeps later ones unchosen', async () => {
		const { project, shot, style } = await board();
		const first = await newTake(project.id, shot.id, style.id);
		const second = await newTake(project.id, shot.id, style.id);
		expect(first.chosen).toBe(true);
		expect(second.chosen).toBe(false);
		expect(first.kind).toBe('image');

		await chooseTake(second.id);
		const takes = await listTakes(project.id);
		expect(takes.map((t) => t.chosen)).toEqual([false, true]);
		expect(chosenTakes(takes, style.id).get(firstBeatId(shot.id))?.id).toBe(second.id);
	});

	it('lists takes in the order they were made, even within one millisecond', async () => {
		const { project, shot, style } = await board();
		vi.spyOn(Date, 'now').mockReturnValue(1_000);
		const made = [];
		for (let i = 0; i < 5; i++) made.push((await newTake(project.id, shot.id, style.id)).id);
		expect((await listTakes(project.id)).map((t) => t.id)).toEqual(made);
	});

	it('each style has its own chosen take', async () => {
		const { project, shot, style } = await board();
		const other = await addStyle(project.id);
		await newTake(project.id, shot.id, style.id);
		const inOther = await newTake(project.id, shot.id, other.id);
		expect(inOther.chosen).toBe(true);
	});

	it('deleting the chosen take hands the choice to the newest other take and removes its files', async () => {
		const { project, shot, style } = await board();
		const first = await newTake(project.id, shot.id, style.id);
		const second = await newTake(project.id, shot.id, style.id);
		const upscaled = await putAsset(project.id, new Blob(['x'], { type: 'image/png' }));
		await setUpscaled(first.id, upscaled.id);
		await deleteTake(first.id);
		const takes = await listTakes(project.id);
		expect(takes.map((t) => [t.id, t.chosen])).toEqual([[second.id, true]]);
		expect(await getAsset(first.imageAssetId)).toBeUndefined();
		expect(await getAsset(upscaled.id)).toBeUndefined();
	});

	it('a deleted take is put back exactly, its files and the choice included', async () => {
		const { project, shot, style } = await board();
		const first = await newTake(project.id, shot.id, style.id);
		const second = await newTake(project.id, shot.id, style.id);
		await chooseTake(first.id);
		const upscaled = await putAsset(project.id, new Blob(['x'], { type: 'image/png' }));
		await setUpscaled(first.id, upscaled.id);
		const before = await listTakes(project.id);
		const deleted = await deleteTake(first.id);
		expect(deleted).toBeDefined();
		await putBackTake(deleted!);
		expect(await listTakes(project.id)).toEqual(before);
		expect(await getAsset(first.imageAssetId)).toBeDefined();
		expect((await getAsset(upscaled.id))?.id).toBe(upscaled.id);
		expect(before.find((t) => t.id === second.id)?.chosen).toBe(false);
	});
});
