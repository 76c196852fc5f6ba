import { expect, test, type Page } from '@playwright/test';
import { addShot, createStoryboard, expectSaved, showShotsAs, shotTitles } from './support/app';
import { beatActions, beatRows } from './support/beats';

async function importFile(page: Page, path: string) {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(path);
}

test('export a storyboard, delete it, import it back with the same content', async ({
	page
}, testInfo) => {
	await createStoryboard(page, 'Round trip', 'idea', 'Two friends miss the last ferry.');
	const first = await addShot(page, 'Pier', 'Empty pier at night — “too late”.');
	await first.getByLabel('Transition').selectOption('dissolve');
	const ferry = await addShot(page, 'Ferry', '渡し船 pulls away.');
	await ferry.getByRole('button', { name: 'Add beat to shot 2' }).click();
	await ferry.getByLabel('Action of beat 2.1').fill('The rope drops');
	await ferry.getByLabel('Action of beat 2.2').fill('The ferry pulls away');
	await ferry.getByLabel('Camera note of beat 2.2').fill('Slow pan left');
	await expectSaved(page);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export project' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('Round trip.maestro');
	const path = testInfo.outputPath('round-trip.maestro');
	await file.saveAs(path);

	await page.goto('/');
	await page.getByRole('button', { name: 'Delete Round trip' }).click();
	await expect(page.getByRole('heading', { name: 'No storyboards yet' })).toBeVisible();

	await importFile(page, path);
	await expect(page.getByText('Imported “Round trip”.')).toBeVisible();
	await page.getByRole('link', { name: 'Round trip' }).click();
	await expect(page.getByText('Premise: Two friends miss the last ferry.')).toBeVisible();
	await expect.poll(() => shotTitles(page)).toEqual(['Pier', 'Ferry']);
	const pier = page.getByRole('article', { name: 'Shot 1' });
	await expect(pier.getByLabel('Description')).toHaveValue('Empty pier at night — “too late”.');
	await expect(pier.getByLabel('Transition')).toHaveValue('dissolve');
	await expect(ferry.getByLabel('Description')).toHaveValue('渡し船 pulls away.');
	expect(await beatActions(ferry)).toEqual(['2.1 The rope drops', '2.2 The ferry pulls away']);
	await expect(ferry.getByLabel('Camera note of beat 2.2')).toHaveValue('Slow pan left');
	await expect(beatRows(pier)).toHaveCount(0);
});

test('an older bundle imports with its thumbnail', async ({ page }) => {
	await page.goto('/');
	await importFile(page, 'tests/fixtures/bundles/v1-night-market.maestro');
	const card = page.getByRole('article', { name: 'Night market — 夜市の追跡' });
	await expect(card).toContainText('3 shots');
	const thumbnail = card.locator('img').first();
	await expect(thumbnail).toBeVisible();
	expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

	// Saved before beats: each shot is one plain beat, and its take is that beat's.
	await page.getByRole('link', { name: 'Night market — 夜市の追跡' }).click();
	await showShotsAs(page, 'list');
	const courier = page.getByRole('article', { name: 'Shot 2' });
	await expect(courier.getByRole('button', { name: /^Open takes of shot 2 in / })).toBeVisible();
	for (const shot of await page.getByRole('article', { name: /^Shot \d+$/ }).all()) {
		await expect(beatRows(shot)).toHaveCount(0);
	}
	await courier.getByRole('button', { name: 'Add beat to shot 2' }).click();
	await expect(courier.getByRole('button', { name: /^Open takes of beat 2\.1 in / })).toBeVisible();
	await expect(courier.getByRole('button', { name: /^Open takes of beat 2\.2 in / })).toHaveCount(
		0
	);
	await expect(courier.getByRole('button', { name: 'Render beat 2.2' })).toBeVisible();
});

for (const [name, message] of [
	['truncated.maestro', /is damaged and cannot be imported/],
	['not-a-bundle.maestro', /is not a Maestro project file/],
	['foreign.zip', /zip archive, but not a Maestro project/],
	['newer-version.maestro', /saved by a newer version of Maestro/]
] as const) {
	test(`importing ${name} shows why and adds nothing`, async ({ page }) => {
		await createStoryboard(page, 'Existing');
		await page.goto('/');
		await importFile(page, `tests/fixtures/bundles/${name}`);
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByRole('alert')).toContainText('Nothing was added');
		await expect(page.getByRole('list', { name: 'Storyboards' }).getByRole('article')).toHaveCount(
			1
		);
		await page.reload();
		await expect(page.getByRole('list', { name: 'Storyboards' }).getByRole('article')).toHaveCount(
			1
		);
	});
}

test('importing a storyboard this browser holds asks: keep both, replace it, or cancel', async ({
	page
}, testInfo) => {
	await createStoryboard(page, 'Twin', 'idea');
	await addShot(page, 'Original shot');
	await expectSaved(page);
	const workspace = page.url();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export project' }).click();
	const path = testInfo.outputPath('twin.maestro');
	await (await download).saveAs(path);
	// Changed after the export: "Replace it" must bring back the file's version.
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title').fill('Changed since');
	await expectSaved(page);

	await page.goto('/');
	const cards = page.getByRole('list', { name: 'Storyboards' }).getByRole('article');
	const dialog = page.getByRole('dialog', { name: 'This storyboard is already here' });
	await importFile(page, path);
	await expect(dialog).toContainText('“twin.maestro” was saved from “Twin”');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(cards).toHaveCount(1);

	await importFile(page, path);
	await dialog.getByRole('button', { name: 'Keep both' }).click();
	const now = new Date();
	const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
		.map((n) => String(n).padStart(2, '0'))
		.join('-');
	await expect(page.getByText(`Imported “Twin (imported ${day})”.`)).toBeVisible();
	await expect(cards).toHaveCount(2);

	await importFile(page, path);
	await dialog.getByRole('button', { name: 'Replace it' }).click();
	await expect(page.getByText('Replaced “Twin” with the file’s version.')).toBeVisible();
	await expect(cards).toHaveCount(2);
	await page.goto(workspace);
	await expect.poll(() => shotTitles(page)).toEqual(['Original shot']);
});
