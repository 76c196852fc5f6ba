import type { Page } from '@playwright/test';
import { openProjectId, storedRecords } from './stored';

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
		/** Who of the cast is in the beat (member ids), when it differs from the shot. */
		cast?: string[];
	}[];
}

/**
 * The open storyboard's shots as saved in this browser, in order: what a reload would show
 * (read from IndexedDB until the board shows beats of its own).
 */
export async function savedShots(page: Page): Promise<SavedShot[]> {
	const shots = await storedRecords<SavedShot>(page, 'shots', { projectId: openProjectId(page) });
	return shots.sort((a, b) => a.order - b.order);
}

/** The ids of every asset saved in this browser. */
export async function savedAssetIds(page: Page): Promise<string[]> {
	return (await storedRecords<{ id: string }>(page, 'assets')).map((asset) => asset.id);
}
