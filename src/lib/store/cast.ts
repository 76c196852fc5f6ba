import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type CastMember } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { newAsset } from './assets';
import { restoreAll, restoreAsset, restoreCastMember, restoreProject } from './restore';

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

/** Another storyboard's cast, offered to copy: its title and members. */
export interface OtherCast {
	projectId: string;
	title: string;
	members: CastMember[];
}

/** Every other storyboard (not in the bin) that has a cast, newest edit first. */
export async function listOtherCasts(projectId: string): Promise<OtherCast[]> {
	const db = await getDb();
	const tx = db.transaction([STORES.projects, STORES.cast]);
	const projects = restoreAll(await tx.objectStore(STORES.projects).getAll(), restoreProject)
		.filter((project) => project.id !== projectId && project.deletedAt === undefined)
		.sort((a, b) => b.updatedAt - a.updatedAt);
	const casts: OtherCast[] = [];
	for (const project of projects) {
		const members = restoreAll(
			await tx.objectStore(STORES.cast).index('by-project').getAll(project.id),
			restoreCastMember
		).sort((a, b) => a.order - b.order);
		if (members.length > 0) casts.push({ projectId: project.id, title: project.title, members });
	}
	await tx.done;
	return casts;
}

/**
 * Copy members of another storyboard into this one, with copies of their pictures, in one
 * transaction: the copies are this storyboard's own (editing or deleting one changes nothing
 * there). Pictures that cannot be read are left out.
 */
export async function copyCastMembers(
	memberIds: readonly string[],
	projectId: string
): Promise<CastMember[]> {
	const db = await getDb();
	const tx = db.transaction([STORES.cast, STORES.assets], 'readwrite');
	const cast = tx.objectStore(STORES.cast);
	const assets = tx.objectStore(STORES.assets);
	const existing = restoreAll(await cast.index('by-project').getAll(projectId), restoreCastMember);
	let order = existing.reduce((max, other) => Math.max(max, other.order + 1), 0);
	const copies: CastMember[] = [];
	for (const id of memberIds) {
		const member = restoreCastMember(await cast.get(id));
		if (!member) continue;
		const pictures: string[] = [];
		for (const assetId of member.referenceAssetIds) {
			const asset = restoreAsset(await assets.get(assetId));
			if (!asset) continue;
			const copy = newAsset(projectId, asset.blob, {
				...(asset.width ? { width: asset.width } : {}),
				...(asset.height ? { height: asset.height } : {})
			});
			await assets.add(copy);
			pictures.push(copy.id);
		}
		const copy: CastMember = {
			...member,
			id: newId(),
			projectId,
			referenceAssetIds: pictures,
			order: order++
		};
		await cast.add(copy);
		copies.push(copy);
	}
	await tx.done;
	announce(projectId);
	return copies;
}
