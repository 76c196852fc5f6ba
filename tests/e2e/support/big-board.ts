import { expect, type Page } from '@playwright/test';
import { createStoryboard } from './app';

/** What `seedBigBoard` made: the storyboard's id and address. */
export interface BigBoard {
	id: string;
	url: string;
}

/**
 * A storyboard of `shots` shots, written straight into IndexedDB (making 2,000 by hand or
 * through an import would time the import, not the opening). Every third shot has a rendered
 * picture (a small JPEG) chosen in the default style, every fifth a long description and a
 * note, so cards differ in height as they do on a real board. Shot n is titled "Shot title n".
 * Leaves the page on the library.
 */
export async function seedBigBoard(
	page: Page,
	shots: number,
	title = 'Big board',
	view: 'board' | 'list' = 'list'
): Promise<BigBoard> {
	await createStoryboard(page, title, 'idea', '', view);
	const url = new URL(page.url()).pathname;
	const id = url.split('/').pop()!;
	// The workspace made the default style; wait until it is on screen (saved).
	await expect(page.getByRole('group', { name: 'Style 1', exact: true })).toBeVisible();
	await page.goto('/');
	// No named functions inside: tsx would wrap them in a helper the page does not have.
	await page.evaluate(
		async ({ projectId, count }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const styles = await new Promise<{ id: string }[]>((resolve, reject) => {
				const request = db
					.transaction('styles')
					.objectStore('styles')
					.index('by-project')
					.getAll(projectId);
				request.onsuccess = () => resolve(request.result as { id: string }[]);
				request.onerror = () => reject(request.error);
			});
			const styleId = styles[0]!.id;
			const canvas = new OffscreenCanvas(160, 90);
			const context = canvas.getContext('2d')!;
			const pictures: Blob[] = [];
			for (let i = 0; i < 6; i++) {
				context.fillStyle = `hsl(${i * 60} 60% 40%)`;
				context.fillRect(0, 0, 160, 90);
				context.fillStyle = '#fff';
				context.fillRect(20 + i * 15, 30, 40, 30);
				pictures.push(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 }));
			}
			const now = Date.now();
			const tx = db.transaction(['shots', 'takes', 'assets'], 'readwrite');
			for (let index = 0; index < count; index++) {
				const n = index + 1;
				const shotId = crypto.randomUUID();
				const long = n % 5 === 0;
				tx.objectStore('shots').put({
					id: shotId,
					projectId,
					order: index,
					title: `Shot title ${n}`,
					description: long
						? `The courier vaults the fish stall in shot ${n}; lanterns swing overhead, steam from the noodle carts blurs the crowd, a dog barks. `.repeat(
								6
							)
						: `Wide view of the night market, shot ${n}.`,
					shotSize: ['Wide', 'Medium', 'Close-up'][n % 3],
					angle: 'Eye level',
					movement: n % 2 ? 'Static' : 'Pan',
					durationS: 2 + (n % 4),
					transition: n % 7 === 0 ? 'dissolve' : 'cut',
					notes: long ? 'Sound: market hubbub, a gong far off.' : '',
					revision: 0,
					schemaVersion: 1
				});
				if (n % 3 === 0) {
					const assetId = crypto.randomUUID();
					tx.objectStore('assets').put({
						id: assetId,
						projectId,
						blob: pictures[n % pictures.length],
						mime: 'image/jpeg',
						width: 160,
						height: 90,
						schemaVersion: 1
					});
					tx.objectStore('takes').put({
						id: crypto.randomUUID(),
						projectId,
						shotId,
						styleId,
						kind: 'image',
						imageAssetId: assetId,
						model: 'bench/image',
						prompt: `Shot ${n}`,
						costUsd: 0.01,
						createdAt: now + n,
						chosen: true,
						schemaVersion: 1
					});
				}
			}
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			});
			db.close();
		},
		{ projectId: id, count: shots }
	);
	return { id, url };
}
