import {
	clampDuration,
	createShot,
	sortShots,
	type ShotPatch,
	type ShotFields
} from '$lib/domain/shot';
import { sameValue } from '$lib/domain/same-value';
import type { Shot } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES, type Db } from './db';
import { restoreAll, restoreProject, restoreShot } from './restore';

/** The shots of a project, in storyboard order. */
export async function listShots(projectId: string): Promise<Shot[]> {
	const db = await getDb();
	return sortShots(
		restoreAll(await db.getAllFromIndex(STORES.shots, 'by-project', projectId), restoreShot)
	);
}

/** Raise the project's revision and edit time inside a shot write. */
async function touchProject(tx: ReturnType<typeof shotTx>, projectId: string) {
	const project = restoreProject(await tx.objectStore(STORES.projects).get(projectId));
	if (project) {
		await tx
			.objectStore(STORES.projects)
			.put({ ...project, updatedAt: Date.now(), revision: project.revision + 1 });
	}
}

function shotTx(db: Db) {
	return db.transaction([STORES.shots, STORES.projects], 'readwrite');
}

function announce(projectId: string) {
	announceChange({ scope: 'project', projectId });
	announceChange({ scope: 'library' });
}

/** Add a new shot at the end of the storyboard and return it. */
export async function addShot(projectId: string, fields: Partial<Shot> = {}): Promise<Shot> {
	const db = await getDb();
	const tx = shotTx(db);
	const existing = restoreAll(
		await tx.objectStore(STORES.shots).index('by-project').getAll(projectId),
		restoreShot
	);
	const order = existing.reduce((max, shot) => Math.max(max, shot.order + 1), 0);
	const shot = createShot(projectId, order, fields);
	await tx.objectStore(STORES.shots).add(shot);
	await touchProject(tx, projectId);
	await tx.done;
	announce(projectId);
	return shot;
}

/** A field the other tab changed while this one was editing it. */
export interface ShotConflict {
	field: keyof ShotPatch;
	theirs: unknown;
	mine: unknown;
}

export type ShotUpdate =
	| { status: 'saved'; shot: Shot }
	| { status: 'conflict'; shot: Shot; conflicts: ShotConflict[] }
	| { status: 'missing' };

/**
 * Apply a patch to the stored shot in one read-write transaction, so edits to other fields
 * made elsewhere survive. When `base` (the values this tab last saw) is given and the stored
 * value of a patched field has moved on to something else, nothing is written and the
 * conflict is returned, so one tab never silently overwrites another.
 */
export async function updateShot(
	id: string,
	patch: ShotFields,
	base?: ShotPatch
): Promise<ShotUpdate> {
	const db = await getDb();
	const tx = shotTx(db);
	const current = restoreShot(await tx.objectStore(STORES.shots).get(id));
	if (!current) {
		await tx.done;
		return { status: 'missing' };
	}
	const conflicts: ShotConflict[] = [];
	if (base) {
		const edited = Object.keys(patch).filter((field): field is keyof ShotPatch => field in base);
		for (const field of edited) {
			const stored = current[field];
			if (!sameValue(stored, base[field]) && !sameValue(stored, patch[field])) {
				conflicts.push({ field, theirs: stored, mine: patch[field] });
			}
		}
	}
	if (conflicts.length > 0) {
		await tx.done;
		return { status: 'conflict', shot: current, conflicts };
	}
	const next: Shot = { ...current, ...patch, revision: current.revision + 1 };
	if (patch.durationS !== undefined) next.durationS = clampDuration(patch.durationS);
	await tx.objectStore(STORES.shots).put(next);
	await touchProject(tx, current.projectId);
	await tx.done;
	announce(current.projectId);
	return { status: 'saved', shot: next };
}

/** Save the storyboard order given as a list of shot ids; shots not listed keep their place after. */
export async function reorderShots(
	projectId: string,
	orderedIds: readonly string[]
): Promise<Shot[]> {
	const db = await getDb();
	const tx = shotTx(db);
	const store = tx.objectStore(STORES.shots);
	const shots = sortShots(
		restoreAll(await store.index('by-project').getAll(projectId), restoreShot)
	);
	const position = new Map(orderedIds.map((id, index) => [id, index]));
	const ordered = [...shots].sort(
		(a, b) =>
			(position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.order - b.order
	);
	const saved: Shot[] = [];
	for (const [index, shot] of ordered.entries()) {
		if (shot.order !== index) {
			const next = { ...shot, order: index, revision: shot.revision + 1 };
			await store.put(next);
			saved.push(next);
		} else saved.push(shot);
	}
	await touchProject(tx, projectId);
	await tx.done;
	announce(projectId);
	return saved;
}

/** Delete a shot; returns it so the caller can offer undo through `putShot`. */
export async function deleteShot(id: string): Promise<Shot | undefined> {
	const db = await getDb();
	const tx = shotTx(db);
	const shot = restoreShot(await tx.objectStore(STORES.shots).get(id));
	if (!shot) {
		await tx.done;
		return undefined;
	}
	await tx.objectStore(STORES.shots).delete(id);
	await touchProject(tx, shot.projectId);
	await tx.done;
	announce(shot.projectId);
	return shot;
}

/** Write a shot back as it was (undo of a delete). */
export async function putShot(shot: Shot): Promise<void> {
	const db = await getDb();
	const tx = shotTx(db);
	await tx.objectStore(STORES.shots).put(shot);
	await touchProject(tx, shot.projectId);
	await tx.done;
	announce(shot.projectId);
}
