import type { Page } from '@playwright/test';

/** A Blob field of a stored record, as the test sees it: its type, size and short SHA-256 when asked. */
export interface StoredBlob {
	type: string;
	size: number;
	/** The first 16 hex digits of its SHA-256, as the fake logs pictures (with `blobs: 'hash'`). */
	sha256?: string;
	/** Its bytes (with `blobs: 'bytes'`). */
	bytes?: number[];
}

export interface StoredOptions {
	/** Only the records of this storyboard (the store's `by-project` index). */
	projectId?: string;
	/** Only the records with these keys. */
	keys?: readonly string[];
	/** What a Blob field becomes: its type and size (default), plus its hash, or its bytes. */
	blobs?: 'describe' | 'hash' | 'bytes';
}

/**
 * The records of one IndexedDB store of the app, as saved in this browser (what a reload
 * would read), with Blob fields turned into something a test can compare.
 */
export function storedRecords<T = Record<string, unknown>>(
	page: Page,
	store: string,
	options: StoredOptions = {}
): Promise<T[]> {
	// No named functions inside: tsx would wrap them in a helper the page does not have.
	return page.evaluate(
		async ({ store, projectId, keys, blobs }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const objects = db.transaction(store).objectStore(store);
			const requests = keys
				? keys.map((key) => objects.get(key))
				: [projectId ? objects.index('by-project').getAll(projectId) : objects.getAll()];
			const results = await Promise.all(
				requests.map(
					(request) =>
						new Promise<unknown>((resolve, reject) => {
							request.onsuccess = () => resolve(request.result);
							request.onerror = () => reject(request.error);
						})
				)
			);
			db.close();
			const rows = (keys ? results : (results[0] as unknown[])).filter(
				(row): row is Record<string, unknown> => row !== undefined
			);
			return Promise.all(
				rows.map(async (row) => {
					const out: Record<string, unknown> = {};
					for (const [field, value] of Object.entries(row)) {
						if (!(value instanceof Blob)) {
							out[field] = value;
							continue;
						}
						const shown: Record<string, unknown> = { type: value.type, size: value.size };
						if (blobs === 'hash' || blobs === 'bytes') {
							const bytes = new Uint8Array(await value.arrayBuffer());
							if (blobs === 'bytes') shown.bytes = [...bytes];
							const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
							shown.sha256 = [...digest]
								.map((byte) => byte.toString(16).padStart(2, '0'))
								.join('')
								.slice(0, 16);
						}
						out[field] = shown;
					}
					return out;
				})
			);
		},
		{ store, projectId: options.projectId, keys: options.keys, blobs: options.blobs ?? 'describe' }
	) as Promise<T[]>;
}

/** The id of the storyboard open in the page. */
export function openProjectId(page: Page): string {
	const id = /\/p\/([^/?#]+)/.exec(page.url())?.[1];
	if (!id) throw new Error(`No storyboard is open at ${page.url()}`);
	return id;
}

/** Put plain records (no Blobs) into one IndexedDB store of the app, as if the app had saved them. */
export function putRecords(
	page: Page,
	store: string,
	records: readonly Record<string, unknown>[]
): Promise<void> {
	return page.evaluate(
		async ({ store, records }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction(store, 'readwrite');
			for (const record of records) tx.objectStore(store).put(record);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			});
			db.close();
		},
		{ store, records }
	);
}
