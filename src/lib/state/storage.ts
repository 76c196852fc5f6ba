// What the browser says about this origin's storage, and the request to keep it (not IndexedDB
// itself: navigator.storage).

export interface StorageFigures {
	usedBytes: number | null;
	quotaBytes: number | null;
	persisted: boolean | null;
}

/** What the browser says about this origin's storage; nulls where it will not say. */
export async function storageFigures(): Promise<StorageFigures> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	const estimate = await storage?.estimate?.().catch(() => undefined);
	const persisted = await storage?.persisted?.().catch(() => null);
	return {
		usedBytes: estimate?.usage ?? null,
		quotaBytes: estimate?.quota ?? null,
		persisted: persisted ?? null
	};
}

/** Ask the browser not to evict our data; true when it agreed (or already had). */
export async function requestPersistentStorage(): Promise<boolean> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage?.persist) return false;
	if (await storage.persisted?.().catch(() => false)) return true;
	return storage.persist().catch(() => false);
}
