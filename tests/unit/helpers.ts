import 'fake-indexeddb/auto';
import { openMaestroDb, useDb } from '$lib/store/db';

let counter = 0;

/** Point the store at a brand-new database for one test. */
export function freshDb(): void {
	useDb(openMaestroDb(`maestro-test-${Date.now()}-${counter++}`));
}
