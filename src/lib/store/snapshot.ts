import type { IDBPTransaction } from 'idb';
import type { Fields, Snapshot } from '$lib/domain/history';
import { sameValue } from '$lib/domain/same-value';
import { STORES, type MaestroDb } from './db';
import {
	restoreCastMember,
	restoreProject,
	restoreShot,
	restoreStyle,
	restoreTake
} from './restore';

/** The stores a snapshot touches (and the history record written with it). */
export const SNAPSHOT_STORES = [
	STORES.shots,
	STORES.styles,
	STORES.cast,
	STORES.takes,
	STORES.projects,
	STORES.history
] as const;

type SnapshotTx = IDBPTransaction<MaestroDb, (typeof SNAPSHOT_STORES)[number][], 'readwrite'>;

/** What putting a snapshot back did. */
export interface AppliedSnapshot {
	/** Whole records it deleted, so doing the step again puts them back as they were. */
	captured: Snapshot;
	/** Fields left alone because they changed since the step (another tab, a later write). */
	skipped: number;
	/** Whether anything was written. */
	changed: boolean;
}

/**
 * Make a storyboard's records look as `target` says, inside `tx`. `from` is the other side of
 * the step: a field is set back only while it still holds `from`'s value, so an undo never
 * overwrites what changed since. Takes are never deleted or added, only chosen.
 */
export async function applySnapshot(
	tx: SnapshotTx,
	projectId: string,
	target: Snapshot,
	from: Snapshot
): Promise<AppliedSnapshot> {
	const result: AppliedSnapshot = { captured: {}, skipped: 0, changed: false };
	const shots = tx.objectStore(STORES.shots);
	for (const [id, fields] of Object.entries(target.shots ?? {})) {
		const current = restoreShot(await shots.get(id));
		if (current && current.projectId !== projectId) continue;
		if (fields === null) {
			if (!current) continue;
			await shots.delete(id);
			(result.captured.shots ??= {})[id] = current;
			result.changed = true;
		} else if (from.shots?.[id] === null) {
			const whole = restoreShot({ ...fields, id, projectId });
			if (!whole) continue;
			whole.revision = Math.max(whole.revision, current?.revision ?? 0) + 1;
			await shots.put(whole);
			result.changed = true;
		} else if (current) {
			const next = setBack(current, fields, from.shots?.[id] ?? {}, result);
			if (next) await shots.put({ ...next, revision: current.revision + 1 });
		} else result.skipped += Object.keys(fields).length;
	}

	await applyWholeOrFields(tx, STORES.styles, restoreStyle, projectId, target, from, result);
	await applyWholeOrFields(tx, STORES.cast, restoreCastMember, projectId, target, from, result);

	await chooseTakes(tx, projectId, target.takes ?? {}, result);

	// The project's revision and edit time rise with any change, as with every other write.
	if (result.changed || target.project) {
		const projects = tx.objectStore(STORES.projects);
		const current = restoreProject(await projects.get(projectId));
		if (current) {
			const next = target.project
				? setBack(current, target.project, from.project ?? {}, result)
				: undefined;
			if (result.changed)
				await projects.put({
					...(next ?? current),
					updatedAt: Date.now(),
					revision: current.revision + 1
				});
		}
	}
	return result;
}

/**
 * Put back the records of one kind that carry no revision (styles, cast members): a record
 * against null is added or deleted whole, otherwise its fields are set back.
 */
async function applyWholeOrFields<K extends 'styles' | 'cast'>(
	tx: SnapshotTx,
	kind: K,
	restore: (raw: unknown) => MaestroDb[K]['value'] | null,
	projectId: string,
	target: Snapshot,
	from: Snapshot,
	result: AppliedSnapshot
): Promise<void> {
	const store = tx.objectStore(kind);
	type Side = Record<string, Fields | null>;
	const targets: Side = target[kind] ?? {};
	const others: Side = from[kind] ?? {};
	for (const [id, fields] of Object.entries(targets)) {
		const current = restore(await store.get(id));
		if (current && current.projectId !== projectId) continue;
		if (fields === null) {
			if (!current) continue;
			await store.delete(id);
			const captured: Side = (result.captured[kind] ??= {});
			captured[id] = current;
			result.changed = true;
		} else if (others[id] === null) {
			const whole = restore({ ...fields, id, projectId });
			if (!whole) continue;
			await store.put(whole);
			result.changed = true;
		} else if (current) {
			const next = setBack(current, fields, others[id] ?? {}, result);
			if (next) await store.put(next);
		} else result.skipped += Object.keys(fields).length;
	}
}

/** `current` with each field of `fields` set where it still holds `expected`'s value; undefined when none was. */
function setBack<T extends object>(
	current: T,
	fields: Fields,
	expected: Fields,
	result: AppliedSnapshot
): T | undefined {
	const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
	let changed = false;
	for (const [field, value] of Object.entries(fields)) {
		const now = next[field] ?? null;
		if (sameValue(now, value ?? null)) continue;
		if (field in expected && !sameValue(now, expected[field] ?? null)) {
			result.skipped++;
			continue;
		}
		if (value === null || value === undefined) delete next[field];
		else next[field] = value;
		changed = true;
	}
	if (changed) result.changed = true;
	return changed ? (next as T) : undefined;
}

/** Set which takes are chosen; a take made chosen takes the choice from its siblings. */
async function chooseTakes(
	tx: SnapshotTx,
	projectId: string,
	flags: Record<string, { chosen: boolean }>,
	result: AppliedSnapshot
): Promise<void> {
	const takes = tx.objectStore(STORES.takes);
	for (const [id, { chosen }] of Object.entries(flags)) {
		const take = restoreTake(await takes.get(id));
		if (!take || take.projectId !== projectId || take.chosen === chosen) continue;
		await takes.put({ ...take, chosen });
		result.changed = true;
		if (!chosen) continue;
		for (const raw of await takes.index('by-shot').getAll(take.shotId)) {
			const other = restoreTake(raw);
			if (
				other &&
				other.id !== id &&
				other.chosen &&
				other.beatId === take.beatId &&
				other.styleId === take.styleId &&
				other.kind === take.kind
			)
				await takes.put({ ...other, chosen: false });
		}
	}
}
