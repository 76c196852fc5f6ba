import {
	afterRedo,
	afterUndo,
	mergeSnapshots,
	recordStep,
	type History,
	type HistoryStep
} from '$lib/domain/history';
import { SCHEMA_VERSION } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { restoreHistory } from './history-restore';
import { applySnapshot, SNAPSHOT_STORES } from './snapshot';

/** A storyboard's undo history as saved (empty when there is none). */
export async function readHistory(projectId: string): Promise<History> {
	const db = await getDb();
	return restoreHistory(await db.get(STORES.history, projectId), projectId);
}

/** Add a step to a storyboard's history (merging typing, clearing redo) and save it. */
export async function recordHistoryStep(projectId: string, step: HistoryStep): Promise<History> {
	const db = await getDb();
	const tx = db.transaction(STORES.history, 'readwrite');
	const history = recordStep(restoreHistory(await tx.store.get(projectId), projectId), step);
	await tx.store.put({ projectId, ...history, schemaVersion: SCHEMA_VERSION });
	await tx.done;
	announceChange({ scope: 'project', projectId });
	return history;
}

/** What an undo or redo did. */
export interface HistoryMove {
	history: History;
	/** The step undone or redone; none when there was nothing (or not the step asked for). */
	step?: HistoryStep;
	/** Fields left as they were because they changed after the step. */
	skipped: number;
}

/**
 * Undo the newest step (only if it is `stepId`, when given): its records are set back and the
 * history saved, in one transaction, so the storyboard and its history never disagree.
 */
export function undoHistory(projectId: string, stepId?: string): Promise<HistoryMove> {
	return move(projectId, 'undo', stepId);
}

/** Do the newest undone step again. */
export function redoHistory(projectId: string): Promise<HistoryMove> {
	return move(projectId, 'redo');
}

async function move(
	projectId: string,
	direction: 'undo' | 'redo',
	stepId?: string
): Promise<HistoryMove> {
	const db = await getDb();
	const tx = db.transaction([...SNAPSHOT_STORES], 'readwrite');
	const history = restoreHistory(await tx.objectStore(STORES.history).get(projectId), projectId);
	const step = history[direction].at(-1);
	if (!step || (stepId !== undefined && step.id !== stepId)) {
		await tx.done;
		return { history, skipped: 0 };
	}
	const [target, from] =
		direction === 'undo' ? [step.before, step.after] : [step.after, step.before];
	const applied = await applySnapshot(tx, projectId, target, from);
	// Records the move deleted are kept whole on the other side, to come back exactly as they were.
	const moved: HistoryStep =
		direction === 'undo'
			? { ...step, after: mergeSnapshots(step.after, applied.captured) }
			: { ...step, before: mergeSnapshots(step.before, applied.captured) };
	const next = direction === 'undo' ? afterUndo(history, moved) : afterRedo(history, moved);
	await tx.objectStore(STORES.history).put({ projectId, ...next, schemaVersion: SCHEMA_VERSION });
	await tx.done;
	announceChange({ scope: 'project', projectId });
	announceChange({ scope: 'library' });
	return { history: next, step: moved, skipped: applied.skipped };
}
