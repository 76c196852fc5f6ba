import type { Locator, Page } from '@playwright/test';
import { storedRecords } from './stored';

/** A shot's beat rows in its editor ("Beat 2.1", "Beat 2.2"…), in order. */
export function beatRows(shot: Locator): Locator {
	return shot.getByRole('listitem', { name: /^Beat \d+\.\d+$/ });
}

/** Each beat's number and action as the editor shows them, in order ("2.1 The door opens"). */
export function beatActions(shot: Locator): Promise<string[]> {
	return beatRows(shot).evaluateAll((rows) =>
		rows.map(
			(row) =>
				`${row.querySelector('.number')?.textContent} ${(row.querySelector('textarea') as HTMLTextAreaElement).value}`
		)
	);
}

/** The ids of a shot's beats, in order, read from the editor. */
export function beatIds(shot: Locator): Promise<string[]> {
	return beatRows(shot).evaluateAll((rows) =>
		rows.map((row) => (row as HTMLElement).dataset.beatId!)
	);
}

/**
 * A chosen take in the storyboard's first style for each of the given beats, written straight
 * into IndexedDB: a plain picture of its own colour (hue 0, 120, 240, …). Reload to see them.
 */
export async function seedChosenTakes(
	page: Page,
	projectId: string,
	shotId: string,
	beats: readonly string[]
) {
	const [style] = await storedRecords<{ id: string }>(page, 'styles', { projectId });
	// No named functions inside: tsx would wrap them in a helper the page does not have.
	await page.evaluate(
		async ({ projectId, shotId, beats, styleId }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const canvas = new OffscreenCanvas(160, 90);
			const context = canvas.getContext('2d')!;
			const pictures: Blob[] = [];
			for (let i = 0; i < beats.length; i++) {
				context.fillStyle = `hsl(${i * 120} 70% 45%)`;
				context.fillRect(0, 0, 160, 90);
				pictures.push(await canvas.convertToBlob({ type: 'image/png' }));
			}
			const tx = db.transaction(['takes', 'assets'], 'readwrite');
			beats.forEach((beatId, i) => {
				const assetId = crypto.randomUUID();
				tx.objectStore('assets').put({
					id: assetId,
					projectId,
					blob: pictures[i],
					mime: 'image/png',
					width: 160,
					height: 90,
					schemaVersion: 1
				});
				tx.objectStore('takes').put({
					id: crypto.randomUUID(),
					projectId,
					shotId,
					beatId,
					styleId,
					kind: 'image',
					imageAssetId: assetId,
					model: 'seed/image',
					prompt: `Beat ${i + 1}`,
					costUsd: 0,
					createdAt: Date.now() + i,
					chosen: true,
					schemaVersion: 1
				});
			});
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			});
			db.close();
		},
		{ projectId, shotId, beats, styleId: style!.id }
	);
}

/** The colour at the middle of an image element, as "r,g,b". */
export function middleColour(image: Locator): Promise<string> {
	return image.evaluate((element) => {
		const img = element as HTMLImageElement;
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0);
		const [r, g, b] = context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
		return `${r},${g},${b}`;
	});
}
