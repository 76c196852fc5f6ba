import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_PAUSE_MS } from '$lib/domain/history';
import { createProject } from '$lib/domain/project';
import { ProjectState } from '$lib/state/project.svelte';
import { StyleBoard } from '$lib/state/styles.svelte';
import { putAsset } from '$lib/store/assets';
import { readHistory } from '$lib/store/history';
import { addProject } from '$lib/store/projects';
import { addShot, listShots } from '$lib/store/shots';
import { addTake, listTakes } from '$lib/store/takes';
import { freshDb } from '../helpers';

beforeEach(() => {
	freshDb();
	// Only the clock: fake-indexeddb needs real timers.
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

async function open(...titles: string[]) {
	const project = createProject('idea', 'Board');
	await addProject(project);
	for (const title of titles) await addShot(project.id, { title });
	const board = new ProjectState(project.id);
	await board.load();
	return board;
}

const titles = async (board: ProjectState) => (await listShots(board.id)).map((shot) => shot.title);

/** Type `text` into a shot's description one key at a time, `gapMs` apart. */
async function type(board: ProjectState, shotId: string, text: string, gapMs: number) {
	const start = board.shots.find((shot) => shot.id === shotId)!.description;
	for (let i = 1; i <= text.length; i++) {
		vi.advanceTimersByTime(gapMs);
		board.edit(shotId, 'description', start + text.slice(0, i), { debounce: true });
		// A pause longer than the write delay writes what was typed so far.
		if (gapMs > 400) await board.flush();
	}
	await board.flush();
}

describe('ProjectState field edits', () => {
	it('make keystrokes in one field, with short pauses, one step', async () => {
		const board = await open('One');
		const id = board.shots[0]!.id;
		await type(board, id, 'Dusk', 300);
		await type(board, id, ' at the pier', 600);
		expect(board.undoLabel).toBe('edit the description of shot 1');
		expect((await readHistory(board.id)).undo).toHaveLength(1);
		await board.undo();
		expect(board.shots[0]!.description).toBe('');
		expect(board.redoLabel).toBe('edit the description of shot 1');
		await board.redo();
		expect(board.shots[0]!.description).toBe('Dusk at the pier');
	});

	it('make typing after a longer pause a step of its own', async () => {
		const board = await open('One');
		const id = board.shots[0]!.id;
		await type(board, id, 'Dusk', 100);
		vi.advanceTimersByTime(TYPING_PAUSE_MS + 1);
		await type(board, id, '!', 100);
		expect((await readHistory(board.id)).undo).toHaveLength(2);
		await board.undo();
		expect(board.shots[0]!.description).toBe('Dusk');
	});
});

describe('ProjectState dialogue edits', () => {
	it('save a line as it is typed, and undo it as one step', async () => {
		const board = await open('One');
		const id = board.shots[0]!.id;
		board.edit(id, 'dialogue', [{ speaker: '', line: '' }], { label: 'add a line to shot 1' });
		await board.flush();
		for (const line of ['W', 'We', 'We go']) {
			vi.advanceTimersByTime(200);
			board.edit(id, 'dialogue', [{ speaker: 'Ana', line }], { debounce: true });
		}
		await board.flush();
		expect((await listShots(board.id))[0]!.dialogue).toEqual([{ speaker: 'Ana', line: 'We go' }]);
		expect(board.undoLabel).toBe('edit the dialogue of shot 1');
		await board.undo();
		expect((await listShots(board.id))[0]!.dialogue).toEqual([{ speaker: '', line: '' }]);
		expect(board.undoLabel).toBe('add a line to shot 1');
		await board.undo();
		expect(board.shots[0]!.dialogue).toEqual([]);
		await board.redo();
		await board.redo();
		expect(board.shots[0]!.dialogue).toEqual([{ speaker: 'Ana', line: 'We go' }]);
	});
});

describe('ProjectState undo and redo', () => {
	it('put the old shots back exactly after a replace, as one step', async () => {
		const board = await open('Old one', 'Old two');
		const before = await listShots(board.id);
		const { stepId } = await board.changeShots(
			({ removed }) => `replace ${removed} shots`,
			async () => {
				await board.appendShot({ title: 'New one' });
				await board.appendShot({ title: 'New two' });
				await board.removeShots(before.map((shot) => shot.id));
			}
		);
		expect(stepId).toBeDefined();
		expect(board.undoLabel).toBe('replace 2 shots');
		await board.undoStep(stepId);
		const after = await listShots(board.id);
		expect(after.map(({ revision: _r, ...shot }) => shot)).toEqual(
			before.map(({ revision: _r, ...shot }) => shot)
		);
		expect(board.shots.map((shot) => shot.title)).toEqual(['Old one', 'Old two']);
		await board.redo();
		expect(await titles(board)).toEqual(['New one', 'New two']);
	});

	it('undo delete and reorder, and a new edit clears redo', async () => {
		const board = await open('A', 'B', 'C');
		await board.move(0, 2);
		expect(await titles(board)).toEqual(['B', 'C', 'A']);
		await board.removeShot(board.shots[0]!.id);
		expect(board.undoLabel).toBe('delete shot 1');
		await board.undo();
		expect(await titles(board)).toEqual(['B', 'C', 'A']);
		await board.undo();
		expect(await titles(board)).toEqual(['A', 'B', 'C']);
		expect(board.redoLabel).toBe('move shot 1 to 3');
		await board.addShot();
		expect(board.redoLabel).toBeUndefined();
		expect(board.undoLabel).toBe('add shot 4');
	});

	it('keeps every take when a shot or a take choice is undone', async () => {
		const board = await open('One');
		const styles = new StyleBoard(board.id, board);
		await styles.load();
		const shot = board.shots[0]!;
		const take = async () => {
			const asset = await putAsset(board.id, new Blob([new Uint8Array([7])]));
			return addTake({
				projectId: board.id,
				shotId: shot.id,
				beatId: shot.beats[0]!.id,
				styleId: styles.styles[0]!.id,
				imageAssetId: asset.id,
				model: 'm',
				prompt: 'p',
				costUsd: 0.05
			});
		};
		const first = await take();
		const second = await take();
		await styles.refresh();
		await styles.choose(second.id, 'choose take 2 of shot 1');
		expect(board.undoLabel).toBe('choose take 2 of shot 1');
		await board.undo();
		await styles.refresh();
		expect(styles.chosenOf(shot.beats[0]!.id, styles.styles[0]!.id)?.id).toBe(first.id);
		await board.removeShot(shot.id);
		await board.undo();
		await board.redo();
		expect(await titles(board)).toEqual([]);
		// The shot is gone for now, but every paid take is still kept for it.
		expect((await listTakes(board.id)).map((t) => t.id).sort()).toEqual(
			[first.id, second.id].sort()
		);
		await board.undo();
		expect(await titles(board)).toEqual(['One']);
	});

	it('survive a reload of the storyboard', async () => {
		const board = await open('Keep', 'Oops');
		await board.removeShot(board.shots[1]!.id);
		const reopened = new ProjectState(board.id);
		await reopened.load();
		expect(reopened.undoLabel).toBe('delete shot 2');
		await reopened.undo();
		expect(reopened.shots.map((shot) => shot.title)).toEqual(['Keep', 'Oops']);
	});
});
