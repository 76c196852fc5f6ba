import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type Take } from '$lib/domain/types';
import { announceChange } from './changes';
import type { IDBPObjectStore } from 'idb';
import { newAsset, type AssetSize } from './assets';
import { getDb, STORES, type MaestroDb } from './db';
import { restoreAll, restoreTake } from './restore';

/** What a caller supplies for a new take; id, time and the chosen flag are set here. */
export interface NewTake {
	projectId: string;
	shotId: string;
	beatId: string;
	styleId: string;
	kind?: Take['kind'];
	imageAssetId: string;
	videoAssetId?: string;
	local?: boolean;
	jobItemKey?: string;
	model: string;
	prompt: string;
	costUsd: number;
}

function announce(projectId: string) {
	announceChange({ scope: 'project', projectId });
	announceChange({ scope: 'library' });
}

/** Every take of a storyboard, oldest first. */
export async function listTakes(projectId: string): Promise<Take[]> {
	const db = await getDb();
	return restoreAll(
		await db.getAllFromIndex(STORES.takes, 'by-project', projectId),
		restoreTake
	).sort((a, b) => a.createdAt - b.createdAt);
}

/** A take by id. */
export async function getTake(id: string): Promise<Take | undefined> {
	const db = await getDb();
	return restoreTake(await db.get(STORES.takes, id)) ?? undefined;
}

/** Takes compete for "chosen" within one beat, style and kind. */
const sameSlot = (a: Take, b: Pick<Take, 'shotId' | 'beatId' | 'styleId' | 'kind'>) =>
	a.shotId === b.shotId && a.beatId === b.beatId && a.styleId === b.styleId && a.kind === b.kind;

/**
 * Save a new take. The first take of a beat and style (per kind) is chosen at once, so a
 * storyboard shows a picture for every rendered beat without a click.
 */
export async function addTake(fields: NewTake): Promise<Take> {
	const db = await getDb();
	const tx = db.transaction([STORES.takes, STORES.assets], 'readwrite');
	const take = await putTake(tx.objectStore(STORES.takes), fields);
	await tx.done;
	announce(take.projectId);
	return take;
}

/** Save a rendered image and its take in one transaction: both exist, or neither. */
export async function addImageTake(
	fields: Omit<NewTake, 'imageAssetId'>,
	image: Blob,
	size: AssetSize = {}
): Promise<Take> {
	const db = await getDb();
	const tx = db.transaction([STORES.takes, STORES.assets], 'readwrite');
	const asset = newAsset(fields.projectId, image, size);
	await tx.objectStore(STORES.assets).add(asset);
	const take = await putTake(tx.objectStore(STORES.takes), { ...fields, imageAssetId: asset.id });
	await tx.done;
	announce(take.projectId);
	return take;
}

/** Save an animated clip and its take (kind video, the still it started from) in one transaction. */
export async function addVideoTake(
	fields: Omit<NewTake, 'videoAssetId' | 'kind'>,
	clip: Blob
): Promise<Take> {
	const db = await getDb();
	const tx = db.transaction([STORES.takes, STORES.assets], 'readwrite');
	const asset = newAsset(fields.projectId, clip);
	await tx.objectStore(STORES.assets).add(asset);
	const take = await putTake(tx.objectStore(STORES.takes), {
		...fields,
		kind: 'video',
		videoAssetId: asset.id
	});
	await tx.done;
	announce(take.projectId);
	return take;
}

type TakeStore = IDBPObjectStore<MaestroDb, ('takes' | 'assets')[], 'takes', 'readwrite'>;

async function putTake(store: TakeStore, fields: NewTake): Promise<Take> {
	const kind = fields.kind ?? 'image';
	const siblings = restoreAll(await store.index('by-shot').getAll(fields.shotId), restoreTake);
	const take: Take = {
		...fields,
		id: newId(),
		kind,
		// Later than every sibling, even within one millisecond, so takes list in the order made.
		createdAt: Math.max(Date.now(), ...siblings.map((other) => other.createdAt + 1)),
		chosen: !siblings.some((other) => other.chosen && sameSlot(other, { ...fields, kind })),
		schemaVersion: SCHEMA_VERSION
	};
	await store.add(take);
	return take;
}

/** Make a take the chosen one of its beat and style. */
export async function chooseTake(id: string): Promise<void> {
	const db = await getDb();
	const tx = db.transaction(STORES.takes, 'readwrite');
	const take = restoreTake(await tx.store.get(id));
	if (!take) return;
	const siblings = restoreAll(await tx.store.index('by-shot').getAll(take.shotId), restoreTake);
	for (const other of siblings) {
		if (!sameSlot(other, take)) continue;
		const chosen = other.id === id;
		if (other.chosen !== chosen) await tx.store.put({ ...other, chosen });
	}
	await tx.done;
	announce(take.projectId);
}

/** Record the upscaled image of a take (replacing an earlier one). */
export async function setUpscaled(id: string, assetId: string): Promise<Take | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.takes, 'readwrite');
	const take = restoreTake(await tx.store.get(id));
	if (!take) return undefined;
	const next = { ...take, upscaledAssetId: assetId };
	await tx.store.put(next);
	await tx.done;
	announce(take.projectId);
	return next;
}

/** What deleting a take removed, enough to put it back exactly (see `putBackTake`). */
export interface DeletedTake {
	take: Take;
	/** The asset records (with their blobs) only this take used. */
	assets: unknown[];
	/** The sibling that was handed the choice, if the take was chosen. */
	newlyChosenId?: string;
}

/**
 * Delete a take and the files only it uses; a chosen take hands the choice to the newest
 * sibling. Returns what was removed, so an "Undo" can put it back.
 */
export async function deleteTake(id: string): Promise<DeletedTake | undefined> {
	const db = await getDb();
	const tx = db.transaction([STORES.takes, STORES.assets], 'readwrite');
	const takes = tx.objectStore(STORES.takes);
	const take = restoreTake(await takes.get(id));
	if (!take) return undefined;
	await takes.delete(id);
	const siblings = restoreAll(await takes.index('by-shot').getAll(take.shotId), restoreTake);
	// A clip's still is its image take's picture: it goes only with the last take that uses it.
	const stillInUse = siblings.some((other) => other.imageAssetId === take.imageAssetId);
	const files = [
		take.upscaledAssetId,
		take.videoAssetId,
		stillInUse ? undefined : take.imageAssetId
	];
	const assets: unknown[] = [];
	for (const assetId of files) {
		if (!assetId) continue;
		const asset: unknown = await tx.objectStore(STORES.assets).get(assetId);
		if (asset) assets.push(asset);
		await tx.objectStore(STORES.assets).delete(assetId);
	}
	let newlyChosenId: string | undefined;
	if (take.chosen) {
		const next = siblings
			.filter((other) => sameSlot(other, take))
			.sort((a, b) => b.createdAt - a.createdAt)[0];
		if (next) {
			await takes.put({ ...next, chosen: true });
			newlyChosenId = next.id;
		}
	}
	await tx.done;
	announce(take.projectId);
	return { take, assets, ...(newlyChosenId ? { newlyChosenId } : {}) };
}

/** Put a deleted take and its files back as they were, the choice included. */
export async function putBackTake(deleted: DeletedTake): Promise<void> {
	const db = await getDb();
	const tx = db.transaction([STORES.takes, STORES.assets], 'readwrite');
	for (const asset of deleted.assets) await tx.objectStore(STORES.assets).put(asset as never);
	const takes = tx.objectStore(STORES.takes);
	if (deleted.newlyChosenId) {
		const sibling = restoreTake(await takes.get(deleted.newlyChosenId));
		if (sibling) await takes.put({ ...sibling, chosen: false });
	}
	await takes.put(deleted.take);
	await tx.done;
	announce(deleted.take.projectId);
}

/** The chosen take of each beat for one style (image takes), keyed by beat id. */
export function chosenTakes(takes: readonly Take[], styleId: string): Map<string, Take> {
	const chosen = new Map<string, Take>();
	for (const take of takes) {
		if (take.kind === 'image' && take.styleId === styleId && take.chosen) {
			chosen.set(take.beatId, take);
		}
	}
	return chosen;
}
