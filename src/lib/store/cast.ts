import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type CastMember } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { restoreAll, restoreCastMember } from './restore';

/** What a person sets on a cast member. */
export type CastPatch = Partial<
	Pick<CastMember, 'name' | 'kind' | 'description' | 'referenceAssetIds'>
>;

function announce(projectId: string) {
	announceChange({ scope: 'project', projectId });
}

/** A storyboard's cast, in the order the panel lists it. */
export async function listCast(projectId: string): Promise<CastMember[]> {
	const db = await getDb();
	return restoreAll(
		await db.getAllFromIndex(STORES.cast, 'by-project', projectId),
		restoreCastMember
	).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Add a member after the others. */
export async function addCastMember(
	projectId: string,
	fields: CastPatch = {}
): Promise<CastMember> {
	const db = await getDb();
	const tx = db.transaction(STORES.cast, 'readwrite');
	const existing = restoreAll(
		await tx.store.index('by-project').getAll(projectId),
		restoreCastMember
	);
	const member = restoreCastMember({
		id: newId(),
		projectId,
		name: fields.name ?? '',
		kind: fields.kind ?? 'character',
		description: fields.description ?? '',
		referenceAssetIds: fields.referenceAssetIds ?? [],
		order: existing.reduce((max, other) => Math.max(max, other.order + 1), 0),
		schemaVersion: SCHEMA_VERSION
	})!;
	await tx.store.add(member);
	await tx.done;
	announce(projectId);
	return member;
}

/** Change a member; undefined when they are gone. */
export async function updateCastMember(
	id: string,
	patch: CastPatch
): Promise<CastMember | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.cast, 'readwrite');
	const member = restoreCastMember(await tx.store.get(id));
	if (!member) return undefined;
	const next = restoreCastMember({ ...member, ...patch })!;
	await tx.store.put(next);
	await tx.done;
	announce(member.projectId);
	return next;
}

/**
 * Remove a member; returns the record so an undo can put it back. Their pictures stay (a
 * bundle or an undo may still need them) until the storyboard is deleted.
 */
export async function deleteCastMember(id: string): Promise<CastMember | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.cast, 'readwrite');
	const member = restoreCastMember(await tx.store.get(id));
	await tx.store.delete(id);
	await tx.done;
	if (member) announce(member.projectId);
	return member ?? undefined;
}

/** Put a removed member back as they were. */
export async function putBackCastMember(member: CastMember): Promise<void> {
	const db = await getDb();
	await db.put(STORES.cast, member);
	announce(member.projectId);
}
