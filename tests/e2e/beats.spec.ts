import type { Page } from '@playwright/test';
import { expect, test } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { deliveredImages, setStyle } from './support/render';
import { addShot, createStoryboard, expectSaved, showShotsAs } from './support/app';
import { beatActions, beatIds, beatRows, middleColour, seedChosenTakes } from './support/beats';
import { frame } from './support/board';
import { DESKTOP, expectFitsViewport, PHONE, screenshot } from './support/viewport';

const undo = (page: Page, label: string) =>
	page.getByRole('button', { name: `Undo ${label}`, exact: true }).first();
const redo = (page: Page, label: string) =>
	page.getByRole('button', { name: `Redo ${label}`, exact: true }).first();

test('beats are added, typed, moved and deleted, each one undo step, and kept after a reload', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP.viewport);
	await createStoryboard(page, 'Beats by hand');
	const shot = await addShot(page, 'Hallway', 'She waits by the door.');
	await shot.getByLabel('Duration (s)').fill('6');
	await expectSaved(page);

	// One plain beat: no beat rows, only the way to add one.
	await expect(beatRows(shot)).toHaveCount(0);
	await shot.getByRole('button', { name: 'Add beat to shot 1' }).click();
	await expect(beatRows(shot)).toHaveCount(2);
	// The new beat's action field has the cursor.
	await expect(shot.getByLabel('Action of beat 1.2')).toBeFocused();
	await undo(page, 'add beat 1.2').click();
	await expect(beatRows(shot)).toHaveCount(0);
	await redo(page, 'add beat 1.2').click();
	await expect(beatRows(shot)).toHaveCount(2);

	await shot.getByLabel('Action of beat 1.1').fill('The door opens');
	await shot.getByLabel('Action of beat 1.2').fill('She turns');
	await shot.getByLabel('Camera note of beat 1.2').fill('Push in');
	await expectSaved(page);
	await shot.getByRole('button', { name: 'Add beat to shot 1' }).click();
	await shot.getByLabel('Action of beat 1.3').fill('She sees him');
	await expectSaved(page);
	expect(await beatActions(shot)).toEqual([
		'1.1 The door opens',
		'1.2 She turns',
		'1.3 She sees him'
	]);
	// Equal shares of the shot by default, shown as placeholders.
	await expect(shot.getByLabel('Seconds of beat 1.3')).toHaveAttribute('placeholder', '2.0');

	// Move with the keyboard: the focus stays on the beat that moved, so Enter moves it again.
	await shot.getByRole('button', { name: 'Move beat 1.3 up' }).focus();
	await page.keyboard.press('Enter');
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 The door opens', '1.2 She sees him', '1.3 She turns']);
	await expect(shot.getByRole('button', { name: 'Move beat 1.2 up' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 She sees him', '1.2 The door opens', '1.3 She turns']);
	await undo(page, 'move beat 1.2').click();
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 The door opens', '1.2 She sees him', '1.3 She turns']);
	await undo(page, 'move beat 1.3').click();
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 The door opens', '1.2 She turns', '1.3 She sees him']);
	await redo(page, 'move beat 1.3').click();
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 The door opens', '1.2 She sees him', '1.3 She turns']);

	// Delete: the beats after it are numbered again; undo gives it back with its camera note.
	await shot.getByRole('button', { name: 'Delete beat 1.3' }).click();
	await expect.poll(() => beatActions(shot)).toEqual(['1.1 The door opens', '1.2 She sees him']);
	await undo(page, 'delete beat 1.3').click();
	await expect
		.poll(() => beatActions(shot))
		.toEqual(['1.1 The door opens', '1.2 She sees him', '1.3 She turns']);
	await expect(shot.getByLabel('Camera note of beat 1.3')).toHaveValue('Push in');

	// Typed seconds become the beat's share; the others split what is left.
	await shot.getByLabel('Seconds of beat 1.1').fill('3');
	await shot.getByLabel('Seconds of beat 1.1').press('Enter');
	await expect(shot.getByLabel('Seconds of beat 1.2')).toHaveAttribute('placeholder', '1.5');
	await expect(undo(page, 'set the time of beat 1.1')).toBeEnabled();

	// Typing is one step: undo takes the whole action back.
	await shot.getByLabel('Action of beat 1.2').fill('She sees him at last');
	await expectSaved(page);
	await expect(undo(page, 'edit beat 1.2')).toBeEnabled();
	await undo(page, 'edit beat 1.2').click();
	await expect(shot.getByLabel('Action of beat 1.2')).toHaveValue('She sees him');

	await expectSaved(page);
	await page.reload();
	const again = page.getByRole('article', { name: 'Shot 1' });
	await expect
		.poll(() => beatActions(again))
		.toEqual(['1.1 The door opens', '1.2 She sees him', '1.3 She turns']);
	await expect(again.getByLabel('Seconds of beat 1.1')).toHaveValue('3');
	await expect(again.getByLabel('Camera note of beat 1.3')).toHaveValue('Push in');
	await again.scrollIntoViewIfNeeded();
	await screenshot(page, 'beats-list');

	// Back to one plain beat: the shot shows no beat rows again.
	await again.getByRole('button', { name: 'Delete beat 1.3' }).click();
	await again.getByRole('button', { name: 'Delete beat 1.2' }).click();
	await expect(beatRows(again)).toHaveCount(1);
	await again.getByLabel('Action of beat 1.1').fill('');
	await again.getByLabel('Seconds of beat 1.1').fill('');
	await again.getByLabel('Seconds of beat 1.1').press('Enter');
	await expect(beatRows(again)).toHaveCount(0);
	await expect(again.getByRole('button', { name: 'Add beat to shot 1' })).toBeVisible();
});

/** A storyboard of two shots on the board, the second with three beats, each with a chosen picture. */
async function boardWithBeats(page: Page) {
	await createStoryboard(page, 'Beats on the board');
	await addShot(page, 'Street', 'A wide street at dusk.');
	const shot = await addShot(page, 'Hallway', 'She waits by the door.');
	await shot.getByRole('button', { name: 'Add beat to shot 2' }).click();
	await shot.getByRole('button', { name: 'Add beat to shot 2' }).click();
	await shot.getByLabel('Action of beat 2.1').fill('The door opens');
	await shot.getByLabel('Action of beat 2.2').fill('She turns');
	await shot.getByLabel('Action of beat 2.3').fill('She sees him');
	await expectSaved(page);
	const projectId = new URL(page.url()).pathname.split('/').pop()!;
	const shotId = (await shot.getAttribute('data-shot-id'))!;
	const beats = await beatIds(shot);
	await seedChosenTakes(page, projectId, shotId, beats);
	await showShotsAs(page, 'board');
	await page.reload();
}

test('the board shows a shot’s beats side by side as one frame, each its own picture', async ({
	page
}) => {
	await page.setViewportSize(DESKTOP.viewport);
	await boardWithBeats(page);

	const hallway = frame(page, 2);
	const panels = [1, 2, 3].map((n) => hallway.getByRole('img', { name: `Beat 2.${n} in Style 1` }));
	for (const panel of panels) await expect(panel).toBeVisible();
	await expect(hallway.getByText(/^2\.[123]$/)).toHaveText(['2.1', '2.2', '2.3']);
	// Side by side, in order, on one line, each the storyboard's shape.
	const boxes = await Promise.all(panels.map(async (panel) => (await panel.boundingBox())!));
	expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.width - 1);
	expect(boxes[2]!.x).toBeGreaterThan(boxes[1]!.x + boxes[1]!.width - 1);
	for (const box of boxes) {
		expect(Math.abs(box.y - boxes[0]!.y)).toBeLessThan(1);
		expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
	}
	// Each panel is its own beat's chosen picture (red, green, blue).
	const colours = await Promise.all(panels.map((panel) => middleColour(panel)));
	expect(new Set(colours).size).toBe(3);
	// A shot of one beat looks as it always has, and every frame is one height.
	await expect(frame(page, 1)).toContainText('Not rendered yet');
	await expect(frame(page, 1).getByText(/^1\.1$/)).toHaveCount(0);
	const heights = await Promise.all(
		[1, 2].map(async (n) => (await frame(page, n).boundingBox())!.height)
	);
	expect(Math.abs(heights[0]! - heights[1]!)).toBeLessThan(1);
	await screenshot(page, 'beats-board', { forDocs: true });

	// The editor shows each beat's pictures and opens its takes.
	await hallway.click();
	const editor = page.getByRole('dialog', { name: 'Edit shot 2' });
	await expect(editor.getByRole('button', { name: 'Render beat 2.2' })).toBeVisible();
	await editor.getByRole('button', { name: 'Open takes of beat 2.2 in Style 1 (1 take)' }).click();
	const takes = page.getByRole('dialog', { name: 'Takes of beat 2.2 in Style 1' });
	await expect(takes.getByRole('heading', { name: 'Beat 2.2: Hallway · Style 1' })).toBeVisible();
	await expect(takes.getByRole('img', { name: 'Take 1 of beat 2.2' })).toBeVisible();
	await takes.getByRole('button', { name: 'Close' }).click();
	// The board's top at the window's, the editor's beats at its own.
	await page.getByRole('heading', { name: 'Shots', exact: true }).evaluate((heading) => {
		window.scrollBy(0, heading.getBoundingClientRect().top - 70);
	});
	await editor.evaluate((panel) => {
		const beats = panel.querySelector('ol')!;
		panel.scrollTop += beats.getBoundingClientRect().top - panel.getBoundingClientRect().top - 60;
	});
	await screenshot(page, 'beats-editor', { forDocs: true });

	// Moving a beat moves its picture: the board's 2.1 is now the old 2.3.
	await editor.getByRole('button', { name: 'Move beat 2.3 up' }).click();
	await editor.getByRole('button', { name: 'Move beat 2.2 up' }).click();
	await expect
		.poll(() => beatActions(editor))
		.toEqual(['2.1 She sees him', '2.2 The door opens', '2.3 She turns']);
	await expect.poll(() => middleColour(panels[0]!)).toBe(colours[2]);
	await expect.poll(() => middleColour(panels[1]!)).toBe(colours[0]);
});

test.describe('on a phone', () => {
	test.use(PHONE);

	test('a shot with beats fits, on the board and in its editor', async ({ page }) => {
		await boardWithBeats(page);
		const hallway = frame(page, 2);
		await expect(hallway.getByRole('img', { name: 'Beat 2.3 in Style 1' })).toBeVisible();
		await hallway.scrollIntoViewIfNeeded();
		await expectFitsViewport(page, hallway, { label: 'frame with beats' });
		await screenshot(page, 'beats-board-phone');
		await hallway.tap();
		const editor = page.getByRole('dialog', { name: 'Edit shot 2' });
		const pictures = editor.getByRole('list', { name: 'Pictures of the beats of shot 2' });
		for (const scope of [
			pictures.getByRole('listitem').first(),
			...(await beatRows(editor).all())
		]) {
			await scope.scrollIntoViewIfNeeded();
			await expectFitsViewport(page, scope, { label: 'beat in the shot editor' });
		}
		await screenshot(page, 'beats-editor-phone');
	});
});

test('“Render” on a beat renders that beat alone; its takes are chosen per beat', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await createStoryboard(page, 'Render a beat');
	await setStyle(page, 1, { name: 'Ink wash', reference: 'ink-wash-1600x900.png' });
	const shot = await addShot(page, 'Hallway', 'She waits by the door.');
	await shot.getByRole('button', { name: 'Add beat to shot 1' }).click();
	await shot.getByLabel('Action of beat 1.1').fill('The door opens');
	await shot.getByLabel('Action of beat 1.2').fill('She turns to the window');
	await expectSaved(page);

	fake.setMode({ imageScale: 0.25, imageDelayMs: 1500 });
	await shot.getByRole('button', { name: 'Render beat 1.2' }).click();
	// Its status shows on that beat, not on the other.
	const beatPictures = shot
		.getByRole('list', { name: 'Pictures of the beats of shot 1' })
		.getByRole('listitem');
	await expect(beatPictures.nth(1)).toContainText(/Queued|Rendering…/);
	await expect(beatPictures.nth(0)).not.toContainText(/Queued|Rendering…/);
	const pictures = (beat: string, takes: number) =>
		shot.getByRole('button', {
			name: `Open takes of beat ${beat} in Ink wash (${takes} ${takes === 1 ? 'take' : 'takes'})`
		});
	await expect(pictures('1.2', 1)).toBeVisible({ timeout: 20_000 });
	await expect(shot.getByRole('button', { name: /^Open takes of beat 1\.1 / })).toHaveCount(0);
	let requests = deliveredImages(fake);
	expect(requests).toHaveLength(1);
	expect(requests[0]!.body!.text).toContain('She turns to the window');

	await shot.getByRole('button', { name: 'Render beat 1.2' }).click();
	await expect(pictures('1.2', 2)).toBeVisible({ timeout: 20_000 });
	requests = deliveredImages(fake);
	expect(requests).toHaveLength(2);

	// The first take stays chosen until another is chosen, in this beat only.
	await pictures('1.2', 2).click();
	const takes = page.getByRole('dialog', { name: 'Takes of beat 1.2 in Ink wash' });
	await expect(takes.getByRole('button', { name: 'Choose take 2' })).toBeEnabled();
	await takes.getByRole('button', { name: 'Choose take 2' }).click();
	await expect(takes.getByRole('button', { name: 'Choose take 2' })).toHaveText('Chosen');
	await takes.getByRole('button', { name: 'Close' }).click();
	await expect(undo(page, 'choose take 2 of beat 1.2')).toBeEnabled();
	await undo(page, 'choose take 2 of beat 1.2').click();
	await pictures('1.2', 2).click();
	await expect(takes.getByRole('button', { name: 'Choose take 1' })).toHaveText('Chosen');
});
