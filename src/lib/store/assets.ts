import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type Asset } from '$lib/domain/types';
import { getDb, STORES } from './db';
import { restoreAsset } from './restore';

/** Size facts worth keeping with an image or video asset. */
export interface AssetSize {
	width?: number;
	height?: number;
}

/** An asset record for a Blob, not yet saved. */
export function newAsset(projectId: string, blob: Blob, size: AssetSize = {}): Asset {
	return {
		id: newId(),
		projectId,
		blob,
		mime: blob.type || 'application/octet-stream',
		...(size.width ? { width: size.width } : {}),
		...(size.height ? { height: size.height } : {}),
		schemaVersion: SCHEMA_VERSION
	};
}

/** Save a Blob (a sampled frame, a clip) as an asset of the project the moment it exists. */
export async function putAsset(
	projectId: string,
	blob: Blob,
	size: AssetSize = {}
): Promise<Asset> {
	const asset = newAsset(projectId, blob, size);
	const db = await getDb();
	await db.put(STORES.assets, asset);
	return asset;
}

/** An asset by id, or undefined when it is gone or unreadable. */
export async function getAsset(id: string): Promise<Asset | undefined> {
	const db = await getDb();
	return restoreAsset(await db.get(STORES.assets, id)) ?? undefined;
}

/** Delete assets by id (e.g. the source clip after sampling, when the setting says so). */
export async function deleteAssets(ids: readonly string[]): Promise<void> {
	const db = await getDb();
	const tx = db.transaction(STORES.assets, 'readwrite');
	await Promise.all(ids.map((id) => tx.store.delete(id)));
	await tx.done;
}
