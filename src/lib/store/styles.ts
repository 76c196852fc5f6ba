import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type Style } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { restoreAll, restoreStyle } from './restore';

export type StylePatch = Partial<
	Pick<Style, 'name' | 'promptWords' | 'referenceAssetId'> & { keyPool: string }
>;

function announce(projectId: string) {
	announceChange({ scope: 'project', projectId });
}

/** The styles of a storyboard, in column order. */
export async function listStyles(projectId: string): Promise<Style[]> {
	const db = await getDb();
	return restoreAll(
		await db.getAllFromIndex(STORES.styles, 'by-project', projectId),
		restoreStyle
	).sort((a, b) => a.order - b.order);
}

/** Add a style as the last column. */
export async function addStyle(projectId: string, fields: StylePatch = {}): Promise<Style> {
	const db = await getDb();
	const tx = db.transaction(STORES.styles, 'readwrite');
	const existing = restoreAll(await tx.store.index('by-project').getAll(projectId), restoreStyle);
	const style: Style = {
		id: newId(),
		projectId,
		name: fields.name?.trim() || `Style ${existing.length + 1}`,
		promptWords: fields.promptWords ?? '',
		order: existing.reduce((max, s) => Math.max(max, s.order + 1), 0),
		schemaVersion: SCHEMA_VERSION,
		...(fields.referenceAssetId ? { referenceAssetId: fields.referenceAssetId } : {})
	};
	await tx.store.add(style);
	await tx.done;
	announce(projectId);
	return style;
}

/** The storyboard's styles, creating the default one when it has none. */
export async function ensureStyles(projectId: string): Promise<Style[]> {
	const styles = await listStyles(projectId);
	if (styles.length > 0) return styles;
	return [await addStyle(projectId, { name: 'Style 1' })];
}

/** Change a style's name, words or reference image; undefined when it is gone. */
export async function updateStyle(id: string, patch: StylePatch): Promise<Style | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.styles, 'readwrite');
	const style = restoreStyle(await tx.store.get(id));
	if (!style) return undefined;
	const next: Style = { ...style, ...patch };
	if (!next.referenceAssetId) delete next.referenceAssetId;
	if (!next.keyPool) delete next.keyPool;
	await tx.store.put(next);
	await tx.done;
	announce(style.projectId);
	return next;
}

/** Delete a style; its takes stay in the store until the storyboard is deleted. */
export async function deleteStyle(id: string): Promise<void> {
	const db = await getDb();
	const style = restoreStyle(await db.get(STORES.styles, id));
	await db.delete(STORES.styles, id);
	if (style) announce(style.projectId);
}
