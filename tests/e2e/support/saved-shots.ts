import type { Page } from '@playwright/test';

/** A shot as IndexedDB holds it, with the fields the director writes. */
export interface SavedShot {
	id: string;
	order: number;
	title: string;
	sourceTimeS?: number;
	beats: {
		id: string;
		action: string;
		camera: string;
		share?: number;
		sourceTimeS?: number;
		keyframeAssetId?: string;
	}[];
}

/**
 * The open storyboard's shots as saved in this browser, in order: what a reload would show
 * (read from IndexedDB until the board shows beats of its own).
 */
export function savedShots(page: Page): Promise<SavedShot[]> {
	const projectId = /\/p\/([^/?#]+)/.exec(page.url())?.[1];
	return page.evaluate(
		(projectId) =>
			new Promise<SavedShot[]>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('shots').objectStore('shots').getAll();
					request.onsuccess = () => {
						const shots = (request.result as (SavedShot & { projectId: string })[]).filter(
							(shot) => shot.projectId === projectId
						);
						open.result.close();
						resolve(shots.sort((a, b) => a.order - b.order));
					};
					request.onerror = () => reject(request.error);
				};
			}),
		projectId
	);
}

/** The ids of every asset saved in this browser. */
export function savedAssetIds(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('maestro');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('assets').objectStore('assets').getAllKeys();
					request.onsuccess = () => {
						open.result.close();
						resolve(request.result.map(String));
					};
					request.onerror = () => reject(request.error);
				};
			})
	);
}
