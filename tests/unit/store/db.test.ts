import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openMaestroDb, STORES } from '$lib/store/db';

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
				MIGRATIONS[0]!(db as never, tx as never);
			}
		});
		expect([...again.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
		expect(await again.get('projects', 'kept')).toEqual({ id: 'kept', title: 'Kept' });
		expect([...again.transaction('projects').store.indexNames]).toEqual(['by-updated']);
		again.close();
	});
});
