import type { Page } from '@playwright/test';
import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { addShot, createStoryboard, expectSaved, shotTitles } from './support/app';

const PREMISE = 'A courier races a paper lantern through a night market before midnight.';
const FIELDS = ['Title', 'Description', 'Shot size', 'Camera angle', 'Movement', 'Notes'];

/** Every shot as the page shows it: the value of each field, in storyboard order. */
async function shotFields(page: Page): Promise<string[][]> {
	const cards = page.getByRole('article', { name: /^Shot \d+$/ });
	const rows: string[][] = [];
	for (const card of await cards.all()) {
		const row: string[] = [];
		for (const label of FIELDS)
			row.push(await card.getByLabel(label, { exact: true }).inputValue());
		rows.push(row);
	}
	return rows;
}

/** Move focus off every field, as a click on an empty part of the page does. */
async function leaveFields(page: Page) {
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const undoButton = (page: Page) => page.getByRole('button', { name: /^Undo/ }).first();
const redoButton = (page: Page) => page.getByRole('button', { name: /^Redo/ }).first();

test('replace-generate, then Undo in the header gives back exactly the old shots', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Replace and undo', 'idea', PREMISE);
	await expect(undoButton(page)).toBeDisabled();
	await expect(undoButton(page)).toHaveAccessibleName('Undo');
	await page.getByLabel('Shot count').fill('4');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('4 shots written.')).toBeVisible();
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title').fill('Hand-edited');
	await page.getByRole('article', { name: 'Shot 3' }).getByLabel('Notes').fill('Keep this note');
	await expectSaved(page);
	const old = await shotFields(page);

	await page.getByLabel('Replace the current 4 shots').check();
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('Replaced 4 earlier shots.')).toBeVisible();
	await expect.poll(() => shotFields(page)).not.toEqual(old);

	await page.getByRole('button', { name: 'Undo replace 4 shots' }).click();
	await expect.poll(() => shotFields(page)).toEqual(old);
	await expect(page.getByRole('button', { name: 'Redo replace 4 shots' })).toBeEnabled();
	await page.reload();
	await expect.poll(() => shotFields(page)).toEqual(old);
});

test('regenerate, then Undo in the header restores the shot', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Rewrite and undo', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('5 shots written.')).toBeVisible();
	const old = await shotFields(page);

	await page.getByRole('button', { name: 'Regenerate shot 2' }).click();
	await page.getByLabel('Note for the director').fill('make it a low-angle close-up');
	await page.getByRole('button', { name: 'Rewrite shot 2' }).click();
	await expect(page.getByText('Shot 2 rewritten.').first()).toBeVisible();
	const second = page.getByRole('article', { name: 'Shot 2' });
	await expect(second.getByLabel('Camera angle')).toHaveValue('Low angle');

	await page.getByRole('button', { name: 'Undo rewrite shot 2' }).click();
	await expect.poll(() => shotFields(page)).toEqual(old);
	await page.getByRole('button', { name: 'Redo rewrite shot 2' }).click();
	await expect(second.getByLabel('Camera angle')).toHaveValue('Low angle');
});

test('Ctrl+Z and Ctrl+Shift+Z outside fields undo and redo a delete and a reorder', async ({
	page
}) => {
	await createStoryboard(page, 'Keys');
	await addShot(page, 'A');
	await addShot(page, 'B');
	await addShot(page, 'C');
	await expectSaved(page);
	// Reorder with the keyboard: shot 1 moves down one place.
	await page.getByRole('button', { name: /Reorder shot 1\b/ }).press('ArrowDown');
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A', 'C']);
	await page.getByRole('button', { name: 'Delete shot 3' }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A']);
	await expect(undoButton(page)).toHaveAccessibleName('Undo delete shot 3');

	await leaveFields(page);
	await page.keyboard.press('Control+z');
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A', 'C']);
	await expect(undoButton(page)).toHaveAccessibleName('Undo move shot 1 to 2');
	await page.keyboard.press('Control+z');
	await expect.poll(() => shotTitles(page)).toEqual(['A', 'B', 'C']);
	await expect(redoButton(page)).toHaveAccessibleName('Redo move shot 1 to 2');
	await page.keyboard.press('Control+Shift+z');
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A', 'C']);
	await page.keyboard.press('Control+y');
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A']);
	await expect(redoButton(page)).toBeDisabled();
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(['B', 'A']);
});

test('the history survives a reload', async ({ page }) => {
	await createStoryboard(page, 'Reload');
	await addShot(page, 'Keep');
	await addShot(page, 'Oops');
	await expectSaved(page);
	await page.getByRole('button', { name: 'Delete shot 2' }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep']);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep']);
	await page.getByRole('button', { name: 'Undo delete shot 2' }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep', 'Oops']);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(['Keep', 'Oops']);
	await expect(page.getByRole('button', { name: 'Redo delete shot 2' })).toBeEnabled();
	// Typing is undone as one step, also after a reload.
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Description').fill('Dusk');
	await expectSaved(page);
	await expect(page.getByRole('button', { name: /^Redo/ })).toBeDisabled();
	await page.reload();
	await page.getByRole('button', { name: 'Undo edit the description of shot 1' }).click();
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Description')).toHaveValue(
		''
	);
});

test('Ctrl+Z inside a field is the browser’s text undo, not the storyboard’s', async ({ page }) => {
	await createStoryboard(page, 'Text undo');
	await addShot(page, 'One');
	await addShot(page, 'Two');
	await expectSaved(page);
	await page.getByRole('button', { name: 'Delete shot 2' }).click();
	await expect.poll(() => shotTitles(page)).toEqual(['One']);
	await expect(undoButton(page)).toHaveAccessibleName('Undo delete shot 2');

	const field = page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title');
	await field.click();
	await field.press('End');
	await field.pressSequentially('X');
	await expect(field).toHaveValue('OneX');
	await field.press('Control+z');
	await expect(field).toHaveValue('One');
	await expectSaved(page);
	// The deleted shot stays deleted: the storyboard's undo did not run.
	await expect.poll(() => shotTitles(page)).toEqual(['One']);
	// Typed and taken back: nothing of it is left to undo.
	await expect(undoButton(page)).toHaveAccessibleName('Undo delete shot 2');
});
