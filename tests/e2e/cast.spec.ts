import { expect, test } from '@playwright/test';
import { createStoryboard, installServiceWorker } from './support/app';
import { STYLE_DIR } from './support/render';

const castPanel = (page: import('@playwright/test').Page) =>
	page.getByRole('region', { name: 'Cast' });

test('a cast member is named, described and given pictures; it survives a reload and undo', async ({
	page
}) => {
	await createStoryboard(page, 'Harbour story');
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add character' }).click();
	const mara = panel.getByRole('group', { name: 'Character 1' });
	await mara.getByLabel('Name').fill('Mara');
	await mara.getByLabel('Name').press('Tab');
	const member = panel.getByRole('group', { name: 'Mara' });
	await member.getByLabel('Description').fill('Thirties, red raincoat, short dark hair');
	await member.getByLabel('Description').blur();
	await member
		.getByLabel('Pictures of Mara')
		.setInputFiles([`${STYLE_DIR}/ink-wash-1600x900.png`, `${STYLE_DIR}/clean-line-640.webp`]);
	await expect(member.getByRole('img')).toHaveCount(2);
	await expect(member.getByText('Main', { exact: true })).toBeVisible();
	// Pictures are shrunk to 1024 px at most; the second (640 px wide) becomes the main one.
	const widths = () =>
		member
			.getByRole('img')
			.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth));
	await expect.poll(widths).toEqual([1024, 640]);
	await member.getByRole('button', { name: 'Make main' }).click();
	await expect.poll(widths).toEqual([640, 1024]);

	// A file that is not a picture is refused and Mara is unchanged.
	await member.getByLabel('Pictures of Mara').setInputFiles(`${STYLE_DIR}/notes-not-image.png`);
	await expect(member.getByRole('alert')).toContainText('Mara is unchanged');
	await expect(member.getByRole('img')).toHaveCount(2);

	await panel.getByRole('button', { name: 'Add location' }).click();
	await expect(panel.getByRole('group', { name: 'Location 1' })).toBeVisible();

	await page.reload();
	const again = castPanel(page).getByRole('group', { name: 'Mara' });
	await expect(again.getByLabel('Description')).toHaveValue(
		'Thirties, red raincoat, short dark hair'
	);
	await expect(again.getByRole('img')).toHaveCount(2);
	await expect
		.poll(() =>
			again
				.getByRole('img')
				.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth))
		)
		.toEqual([640, 1024]);

	await again.getByRole('button', { name: 'Remove Mara' }).click();
	await expect(castPanel(page).getByRole('group', { name: 'Mara' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo remove Mara' }).click();
	await expect(castPanel(page).getByRole('group', { name: 'Mara' }).getByRole('img')).toHaveCount(
		2
	);
});

test('offline, the Cast panel still edits and saves', async ({ page, context }) => {
	await installServiceWorker(page);
	await createStoryboard(page, 'Offline cast');
	const url = page.url();
	await context.setOffline(true);
	await page.goto(url);
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add prop' }).click();
	const prop = panel.getByRole('group', { name: 'Prop 1' });
	await prop.getByLabel('Name').fill('Brass key');
	await prop.getByLabel('Name').press('Tab');
	await panel
		.getByRole('group', { name: 'Brass key' })
		.getByLabel('Pictures of Brass key')
		.setInputFiles(`${STYLE_DIR}/clean-line-640.webp`);
	await expect(panel.getByRole('group', { name: 'Brass key' }).getByRole('img')).toHaveCount(1);
	await page.reload();
	await expect(
		castPanel(page).getByRole('group', { name: 'Brass key' }).getByRole('img')
	).toHaveCount(1);
	await context.setOffline(false);
});
