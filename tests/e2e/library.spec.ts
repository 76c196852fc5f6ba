import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addShot, createStoryboard, dragShot, expectSaved, shotTitles } from './support/app';

test('an empty library tells a newcomer what to do first', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'No storyboards yet' })).toBeVisible();
	await expect(page.getByText(/drop in a short clip, or type an idea/)).toBeVisible();
});

test('create a storyboard, add and edit shots, reorder, reload and find everything', async ({
	page
}) => {
	await createStoryboard(
		page,
		'Night market',
		'idea',
		'A courier races a lantern through a market.'
	);
	await expect(
		page.getByText('Premise: A courier races a lantern through a market.')
	).toBeVisible();

	const first = await addShot(page, 'Establishing', 'Wide view of the market at dusk.');
	await first.getByLabel('Shot size').fill('Extreme wide');
	await first.getByLabel('Camera angle').fill('High angle');
	await first.getByLabel('Movement').fill('Crane');
	await first.getByLabel('Duration (s)').fill('4.5');
	await first.getByLabel('Transition').selectOption('dissolve');
	await first.getByLabel('Notes').fill('Crowd murmur, distant drums.');
	await addShot(page, 'Courier', 'The courier weaves between stalls.');
	await addShot(page, 'Lantern', 'Close on the lantern flame.');

	// Reorder by keyboard: focus the handle of shot 3 and press ArrowUp twice.
	const handle = page.getByRole('button', { name: /Reorder shot 3/ });
	await handle.focus();
	await page.keyboard.press('ArrowUp');
	await expect.poll(() => shotTitles(page)).toEqual(['Establishing', 'Lantern', 'Courier']);
	await page.getByRole('button', { name: /Reorder shot 2/ }).focus();
	await page.keyboard.press('ArrowUp');
	await expect.poll(() => shotTitles(page)).toEqual(['Lantern', 'Establishing', 'Courier']);

	// Reorder by drag: drag the last shot onto the first (a tall window keeps both in view).
	await page.setViewportSize({ width: 1280, height: 2000 });
	await dragShot(page, 3, 1);
	await expect.poll(() => shotTitles(page)).toEqual(['Courier', 'Lantern', 'Establishing']);
	await expectSaved(page);

	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(['Courier', 'Lantern', 'Establishing']);
	const establishing = page.getByRole('article', { name: 'Shot 3' });
	await expect(establishing.getByLabel('Description')).toHaveValue(
		'Wide view of the market at dusk.'
	);
	await expect(establishing.getByLabel('Shot size')).toHaveValue('Extreme wide');
	await expect(establishing.getByLabel('Camera angle')).toHaveValue('High angle');
	await expect(establishing.getByLabel('Movement')).toHaveValue('Crane');
	await expect(establishing.getByLabel('Duration (s)')).toHaveValue('4.5');
	await expect(establishing.getByLabel('Transition')).toHaveValue('dissolve');
	await expect(establishing.getByLabel('Notes')).toHaveValue('Crowd murmur, distant drums.');
});

test('typing is saved even when the tab is hidden before the pause ends', async ({ page }) => {
	await createStoryboard(page, 'Quick typist');
	const shot = await addShot(page, 'One');
	await expectSaved(page);
	await shot.getByLabel('Description').pressSequentially('Typed fast', { delay: 5 });
	// Hiding the page flushes at once, without waiting for the typing pause.
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await expectSaved(page);
	await page.reload();
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Description')).toHaveValue(
		'Typed fast'
	);
});

test('a title is saved as it is typed, and “All changes saved” waits for it', async ({ page }) => {
	await createStoryboard(page, 'Working title');
	await expectSaved(page);
	const title = page.getByLabel('Storyboard title');
	// Typed without leaving the field: the header says it is saving until it is.
	await title.fill('Final title');
	await expect(page.getByText('Saving…')).toBeVisible();
	await expectSaved(page);
	await page.reload();
	await expect(page.getByLabel('Storyboard title')).toHaveValue('Final title');
	// Emptied and left: the saved title is shown, never an empty field.
	await page.getByLabel('Storyboard title').fill('  ');
	await page.getByLabel('Storyboard title').press('Enter');
	await expectSaved(page);
	await expect(page.getByLabel('Storyboard title')).not.toHaveValue('  ');
});

test('search, rename, duplicate and delete with undo in the library', async ({ page }) => {
	await createStoryboard(page, 'Harbour chase');
	await addShot(page, 'Dock');
	await expectSaved(page);
	await createStoryboard(page, 'Desert road');
	await page.goto('/');

	const cards = page.getByRole('list', { name: 'Storyboards' }).getByRole('article');
	await expect(cards).toHaveCount(2);
	await expect(page.getByRole('article', { name: 'Harbour chase' })).toContainText('1 shot');

	await page.getByLabel('Search storyboards').fill('harb');
	await expect(cards).toHaveCount(1);
	await expect(cards.first()).toHaveAccessibleName('Harbour chase');
	await page.getByLabel('Search storyboards').fill('');

	await page.getByRole('button', { name: 'Rename Desert road' }).click();
	await page.getByLabel('New title').fill('Desert highway');
	await page.getByLabel('New title').press('Enter');
	await expect(page.getByRole('article', { name: 'Desert highway' })).toBeVisible();

	await page.getByRole('button', { name: 'Duplicate Harbour chase' }).click();
	await expect(page.getByRole('article', { name: 'Copy of Harbour chase' })).toContainText(
		'1 shot'
	);

	await page.getByRole('button', { name: 'Delete Desert highway' }).click();
	await expect(page.getByRole('article', { name: 'Desert highway' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('article', { name: 'Desert highway' })).toBeVisible();

	await page.getByRole('button', { name: 'Delete Desert highway' }).click();
	await expect(page.getByRole('article', { name: 'Desert highway' })).toHaveCount(0);
	await page.reload();
	await expect(cards).toHaveCount(2);
	await expect(page.getByRole('article', { name: 'Desert highway' })).toHaveCount(0);
});

test('a deleted shot can be brought back with undo', async ({ page }) => {
	await createStoryboard(page, 'Undo shots');
	await addShot(page, 'Keep');
	await addShot(page, 'Oops');
	await page.getByRole('button', { name: 'Delete shot 2' }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep']);
	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep', 'Oops']);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep', 'Oops']);
});

test('an unknown storyboard link explains itself', async ({ page }) => {
	await page.goto('/p/does-not-exist');
	await expect(page.getByRole('heading', { name: 'This storyboard is not here' })).toBeVisible();
});

test('Ctrl+Z outside a text field undoes the storyboard’s last step, never the browser’s text undo', async ({
	page
}) => {
	await createStoryboard(page, 'Undo keys');
	const shot = await addShot(page, 'One');
	await shot.getByLabel('Description').fill('A whole description');
	await expectSaved(page);
	// Focus leaves the field (a click on the page, not on a control), then the keys.
	await page.getByRole('heading', { level: 1 }).or(page.locator('body')).first().click();
	await page.keyboard.press('Control+z');
	// One step back: the description as a whole, the title typed before it stays.
	await expect(shot.getByLabel('Description')).toHaveValue('');
	await expect(shot.getByLabel('Title')).toHaveValue('One');
	await page.keyboard.press('Control+Shift+z');
	await expect(shot.getByLabel('Description')).toHaveValue('A whole description');
	await expectSaved(page);
	await page.reload();
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Description')).toHaveValue(
		'A whole description'
	);
	// Inside a field the browser's own text undo still works.
	const field = page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title');
	await field.click();
	await field.press('End');
	await field.pressSequentially('X');
	await expect(field).toHaveValue('OneX');
	await field.press('Control+z');
	await expect(field).toHaveValue('One');
});

test('the aspect ratio chosen in “New storyboard” is the storyboard’s, and can change later', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'New storyboard' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'New storyboard' });
	const ratios = dialog.getByRole('group', { name: 'Aspect ratio' });
	await expect(ratios.getByRole('radio', { name: '16:9' })).toBeChecked();
	await dialog.getByRole('radio', { name: /An idea/ }).check();
	await dialog.getByRole('textbox', { name: 'Title' }).fill('Vertical reel');
	await ratios.getByText('9:16').click();
	await expect(ratios.getByRole('radio', { name: '9:16' })).toBeChecked();
	await dialog.getByRole('button', { name: 'Create storyboard' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f-]+$/);

	await page.reload();
	const select = page.getByLabel('Aspect ratio');
	await expect(select).toHaveValue('9:16');
	await select.selectOption('1:1');
	await page.reload();
	await expect(page.getByLabel('Aspect ratio')).toHaveValue('1:1');
});

/** The mean colour of an image as the page shows it, drawn small on a canvas. */
function meanColour(image: Locator): Promise<number[]> {
	return image.evaluate((img: HTMLImageElement) => {
		const canvas = document.createElement('canvas');
		canvas.width = 32;
		canvas.height = 18;
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0, 32, 18);
		const data = context.getImageData(0, 0, 32, 18).data;
		const sum = [0, 0, 0];
		for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
		return sum.map((value) => value / (data.length / 4));
	});
}

/** Each card's box and its action buttons' boxes. */
async function cardBoxes(page: Page) {
	const cards = page.getByRole('list', { name: 'Storyboards' }).getByRole('article');
	return Promise.all(
		(await cards.all()).map(async (card) => ({
			card: (await card.boundingBox())!,
			actions: await Promise.all(
				(await card.getByRole('button').all()).map(async (button) => (await button.boundingBox())!)
			)
		}))
	);
}

test('library cards: a clip’s first frame before any shot, equal heights, actions on one line', async ({
	page
}) => {
	test.setTimeout(120_000);
	await createStoryboard(page, 'Cuts clip', 'video');
	await page
		.getByLabel('Add video')
		.setInputFiles(join(import.meta.dirname, '../fixtures/media/cuts-h264.mp4'));
	const strip = page.getByRole('region', { name: 'Sampled frames' });
	await expect(strip.getByRole('img')).toHaveCount(5, { timeout: 60_000 });
	const firstFrame = await meanColour(strip.getByRole('img').first());
	const lastFrame = await meanColour(strip.getByRole('img').last());
	await createStoryboard(
		page,
		'A very long storyboard title that goes on and on about a courier, a lantern and a night market'
	);
	await createStoryboard(page, 'Short');
	await page.goto('/');

	const clipCard = page.getByRole('article', { name: 'Cuts clip' });
	const thumbnail = clipCard.locator('img');
	await expect(thumbnail).toBeVisible();
	const shown = await meanColour(thumbnail);
	const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
	// The card shows the first sampled frame, not another one.
	expect(distance(shown, firstFrame)).toBeLessThan(12);
	expect(distance(firstFrame, lastFrame)).toBeGreaterThan(30);

	for (const [width, height] of [
		[1440, 900],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		const boxes = await cardBoxes(page);
		expect(boxes).toHaveLength(3);
		const rows = new Map<number, typeof boxes>();
		for (const box of boxes) {
			const top = Math.round(box.card.y);
			rows.set(top, [...(rows.get(top) ?? []), box]);
		}
		expect(rows.size, `rows at ${width}`).toBe(width === 1440 ? 1 : 3);
		for (const row of rows.values()) {
			const heights = row.map((box) => Math.round(box.card.height));
			expect(
				Math.max(...heights) - Math.min(...heights),
				`heights at ${width}`
			).toBeLessThanOrEqual(1);
		}
		for (const { card, actions } of boxes) {
			expect(actions).toHaveLength(4);
			// One line, inside the card.
			expect(new Set(actions.map((box) => Math.round(box.y))).size, `actions at ${width}`).toBe(1);
			for (const box of actions) {
				expect(box.x).toBeGreaterThanOrEqual(card.x);
				expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width + 0.5);
			}
		}
		// Nothing scrolls sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
	}
});
