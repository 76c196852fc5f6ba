import { expect, type Page } from '@playwright/test';
import { storedRecords } from './stored';

/**
 * Create a storyboard through the "New storyboard" dialog and wait for its workspace. It opens
 * on the board; most specs drive the list's detailed forms, so the helper switches to "List"
 * (remembered for that storyboard) unless asked to stay on the board.
 */
export async function createStoryboard(
	page: Page,
	title: string,
	kind: 'video' | 'idea' = 'idea',
	premise = '',
	view: 'board' | 'list' = 'list'
) {
	await page.goto('/');
	await page.getByRole('button', { name: 'New storyboard' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'New storyboard' });
	await dialog.getByRole('radio', { name: kind === 'video' ? /A video/ : /An idea/ }).check();
	await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
	if (premise) await dialog.getByRole('textbox', { name: 'Premise' }).fill(premise);
	await dialog.getByRole('button', { name: 'Create storyboard' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);
	await expect(page.getByLabel('Storyboard title')).toHaveValue(title);
	await showShotsAs(page, view);
}

/** Switch the workspace to the board of frames or the list of forms, and wait for it. */
export async function showShotsAs(page: Page, view: 'board' | 'list') {
	const button = page
		.getByRole('group', { name: 'Show shots as' })
		.getByRole('button', { name: view === 'board' ? 'Board' : 'List', exact: true });
	await button.click();
	await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/** Add a shot and fill its title and description. */
export async function addShot(page: Page, title: string, description = '') {
	const before = await page.getByRole('article', { name: /^Shot \d+$/ }).count();
	await page.getByRole('button', { name: '+ Add shot' }).click();
	const shot = page.getByRole('article', { name: `Shot ${before + 1}` });
	await shot.getByLabel('Title').fill(title);
	if (description) await shot.getByLabel('Description').fill(description);
	return shot;
}

/** Wait until every edit is written to IndexedDB. */
export async function expectSaved(page: Page) {
	await expect(page.getByText('All changes saved')).toBeVisible();
}

/** The shot titles in storyboard order, as the page shows them. */
export async function shotTitles(page: Page): Promise<string[]> {
	return page
		.getByRole('article', { name: /^Shot \d+$/ })
		.getByLabel('Title')
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

/** Drag shot `from` by its handle onto shot `to` (1-based), moving the mouse like a person. */
export async function dragShot(page: Page, from: number, to: number) {
	const handle = page.getByRole('button', { name: new RegExp(`Reorder shot ${from}\\b`) });
	const target = page.getByRole('article', { name: `Shot ${to}` });
	const start = (await handle.boundingBox())!;
	await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
	await page.mouse.down();
	await page.mouse.move(start.x + 20, start.y - 10, { steps: 4 });
	const end = (await target.boundingBox())!;
	await page.mouse.move(end.x + end.width / 2, end.y + end.height / 3, { steps: 8 });
	await page.mouse.up();
}

/** Visit once, let the service worker install, and reload so it controls the page. */
export async function installServiceWorker(page: Page, url = '/') {
	await page.goto(url);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
}

/** MIME types of the assets saved in this browser (IndexedDB), to see whether a clip is kept. */
export async function savedAssetTypes(page: Page): Promise<string[]> {
	return (await storedRecords<{ mime: string }>(page, 'assets')).map((asset) => asset.mime);
}
