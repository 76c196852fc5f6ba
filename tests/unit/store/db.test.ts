import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import {
	DatabaseOutdatedError,
	DB_NAME,
	DB_VERSION,
	getDb,
	MIGRATIONS,
	onDatabaseOutdated,
	openMaestroDb,
	openSharedDb,
	STORES,
	useDb
} from '$lib/store/db';

let counter = 0;
const name = () => `migrations-${counter++}`;

describe('openMaestroDb', () => {
	it('creates every store and index of the current version', async () => {
		const db = await openMaestroDb(name());
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
		const tx = db.transaction([STORES.takes, STORES.shots]);
		expect([...tx.objectStore(STORES.takes).indexNames].sort()).toEqual(['by-project', 'by-shot']);
		expect([...tx.objectStore(STORES.shots).indexNames]).toEqual(['by-project']);
		db.close();
	});

	it('upgrades a database where an earlier upgrade stopped half way', async () => {
		const dbName = name();
		// An interrupted first run: one store exists, without its index.
		const partial = await openDB(dbName, 1, {
			upgrade(db) {
				db.createObjectStore('projects', { keyPath: 'id' }).put({ id: 'kept', title: 'Kept' });
			}
		});
		partial.close();
		// Run every step again on top, as a second tab or a retried upgrade would.
		const again = await openDB(dbName, 2, {
			upgrade(db, _old, _new, tx) {
				for (const migrate of MIGRATIONS) migrate(db as never, tx as never);
			}
		});
		expect([...again.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
		expect(await again.get('projects', 'kept')).toEqual({ id: 'kept', title: 'Kept' });
		expect([...again.transaction('projects').store.indexNames]).toEqual(['by-updated']);
		again.close();
	});
});

describe('the beats upgrade (version 3)', () => {
	const oldShot = { id: 's1', projectId: 'p', order: 0, title: 'Door', schemaVersion: 1 };
	const oldTake = {
		id: 't1',
		projectId: 'p',
		shotId: 's1',
		styleId: 'st',
		imageAssetId: 'a1',
		chosen: true,
		schemaVersion: 1
	};

	async function versionTwo(dbName: string) {
		const db = await openDB(dbName, 2, {
			upgrade(db, oldVersion, _new, tx) {
				for (let v = oldVersion; v < 2; v++) MIGRATIONS[v]!(db as never, tx as never);
			}
		});
		await db.put(STORES.shots, oldShot);
		await db.put(STORES.takes, oldTake);
		// A record no restore can read stays for the reads to report.
		await db.put(STORES.takes, { id: 'junk' });
		db.close();
	}

	it('gives every stored shot one beat and points its takes at it', async () => {
		const dbName = name();
		await versionTwo(dbName);
		const db = await openMaestroDb(dbName);
		const shot = await db.get(STORES.shots, 's1');
		const take = await db.get(STORES.takes, 't1');
		expect(shot?.beats).toEqual([{ id: 's1#1', action: '', camera: '' }]);
		expect(take?.beatId).toBe('s1#1');
		expect(await db.get(STORES.takes, 'junk')).toEqual({ id: 'junk' });
		db.close();
	});

	it('leaves the records the same when it runs twice', async () => {
		const dbName = name();
		await versionTwo(dbName);
		const once = await openMaestroDb(dbName);
		const shot = await once.get(STORES.shots, 's1');
		const take = await once.get(STORES.takes, 't1');
		once.close();
		const twice = await openDB(dbName, DB_VERSION + 1, {
			upgrade(db, _old, _new, tx) {
				MIGRATIONS[2]!(db as never, tx as never);
			}
		});
		expect(await twice.get(STORES.shots, 's1')).toEqual(shot);
		expect(await twice.get(STORES.takes, 't1')).toEqual(take);
		twice.close();
	});
});

describe('openSharedDb', () => {
	it('gives up its connection to a newer version in another tab and says to reload', async () => {
		const dbName = name();
		let told = 0;
		onDatabaseOutdated(() => told++);
		const db = await openSharedDb(dbName);
		expect(await getDb()).toBe(db);
		// Another tab with a newer version of the app upgrades the database.
		const newer = await openDB(dbName, DB_VERSION + 1);
		expect(newer.version).toBe(DB_VERSION + 1);
		expect(told).toBe(1);
		await expect(getDb()).rejects.toBeInstanceOf(DatabaseOutdatedError);
		await expect(getDb()).rejects.toThrow('Reload this tab');
		newer.close();
		useDb(undefined);
	});

	it('opens a new connection when the browser closed the old one', async () => {
		const dbName = name();
		const first = await openSharedDb(dbName);
		// The browser closing a connection by itself (storage cleared, disk error).
		// (fake-indexeddb types its argument as the IDBDatabase class, not an instance.)
		forceCloseDatabase(unwrap(first) as never);
		const second = await getDb();
		expect(second).not.toBe(first);
		expect(second.name).toBe(DB_NAME);
		second.close();
		useDb(undefined);
	});
});
