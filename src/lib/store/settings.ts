import { getDb, STORES } from './db';

/** Read one saved setting; `restore` turns whatever is stored into the current shape. */
export async function readSetting<T>(key: string, restore: (raw: unknown) => T): Promise<T> {
	const db = await getDb();
	const record = await db.get(STORES.settings, key);
	return restore(record?.value);
}

/** Save one setting. */
export async function writeSetting(key: string, value: unknown): Promise<void> {
	const db = await getDb();
	await db.put(STORES.settings, { key, value });
}
