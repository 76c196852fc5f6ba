import { expect, test, type Locator } from '@playwright/test';
import { addShot, createStoryboard, expectSaved } from './support/app';

test('two tabs on one storyboard see each other’s edits and never lose one', async ({
	page,
	context
}) => {
	await createStoryboard(page, 'Shared board');
	await addShot(page, 'Opening');
	await expectSaved(page);
	const other = await context.newPage();
	await other.goto(page.url());

	const shotHere = page.getByRole('article', { name: 'Shot 1' });
	const shotThere = other.getByRole('article', { name: 'Shot 1' });

	// Edits to different fields flow both ways.
	await shotHere.getByLabel('Description').fill('Typed in the first tab.');
	await expect(shotThere.getByLabel('Description')).toHaveValue('Typed in the first tab.');
	await shotThere.getByLabel('Title').fill('Renamed in the second tab');
	await expect(shotHere.getByLabel('Title')).toHaveValue('Renamed in the second tab');
	await other.getByRole('button', { name: '+ Add shot' }).click();
	await expect(page.getByRole('article', { name: 'Shot 2' })).toBeVisible();

	// Both tabs edit the same field at once: one of them is asked, nothing is overwritten silently.
	await shotHere.getByLabel('Notes').fill('Notes from tab one');
	await shotThere.getByLabel('Notes').fill('Notes from tab two');
	const conflictHere = shotHere.getByRole('alert');
	const conflictThere = shotThere.getByRole('alert');
	await expect
		.poll(async () => (await conflictHere.count()) + (await conflictThere.count()))
		.toBe(1);
	const [asked, askedShot, otherShot]: [Locator, Locator, Locator] =
		(await conflictHere.count()) === 1
			? [conflictHere, shotHere, shotThere]
			: [conflictThere, shotThere, shotHere];
	await expect(asked).toContainText('Notes was changed in another tab');
	const mine = await askedShot.getByLabel('Notes').inputValue();
	await asked.getByRole('button', { name: 'Keep mine' }).click();
	await expect(asked).toHaveCount(0);
	await expect(otherShot.getByLabel('Notes')).toHaveValue(mine);
	await expect(askedShot.getByLabel('Notes')).toHaveValue(mine);

	await page.reload();
	await expect(shotHere.getByLabel('Notes')).toHaveValue(mine);
	await expect(shotHere.getByLabel('Description')).toHaveValue('Typed in the first tab.');
	await expect(shotHere.getByLabel('Title')).toHaveValue('Renamed in the second tab');
});
