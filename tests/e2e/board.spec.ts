import { expect, test, type Page } from '@playwright/test';
import { createStoryboard, expectSaved, showShotsAs } from './support/app';
import { seedBigBoard } from './support/big-board';
import { screenshot } from './support/viewport';
import {
	boardWithShots,
	columnsOnScreen,
	dragFrame,
	frame,
	frames,
	frameTitles
} from './support/board';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const viewButton = (page: Page, name: 'Board' | 'List') =>
	page.getByRole('group', { name: 'Show shots as' }).getByRole('button', { name, exact: true });

/** Whether the page scrolls sideways. */
const scrollsSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('a storyboard opens on the board, and "List" is remembered after a reload', async ({
	page
}) => {
	await createStoryboard(page, 'Switch', 'idea', '', 'board');
	await page.reload();
	await expect(viewButton(page, 'Board')).toHaveAttribute('aria-pressed', 'true');
	await expect(viewButton(page, 'List')).toHaveAttribute('aria-pressed', 'false');
	await page.getByRole('button', { name: '+ Add shot' }).click();
	await expect(page.getByRole('dialog', { name: 'Edit shot 1' })).toBeVisible();
	await expect(frames(page)).toHaveCount(1);

	await showShotsAs(page, 'list');
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title')).toBeVisible();
	await expect(frames(page)).toHaveCount(0);
	await page.reload();
	await expect(viewButton(page, 'List')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title')).toBeVisible();

	await showShotsAs(page, 'board');
	await page.reload();
	await expect(viewButton(page, 'Board')).toHaveAttribute('aria-pressed', 'true');
	await expect(frames(page)).toHaveCount(1);
});

test('the grid has 4 columns of 16:9 frames at 1440 px, more of 9:16, and shows pictures', async ({
	page
}) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 12);
	expect(await columnsOnScreen(page)).toBe(4);
	const box = (await frame(page, 1).locator('.picture').boundingBox())!;
	expect(box.width / box.height).toBeCloseTo(16 / 9, 1);

	// Shot 3 was rendered (its chosen take shows); shot 1 was not.
	await expect(frame(page, 3).getByRole('img', { name: /^Shot 3 in / })).toBeVisible();
	await expect(frame(page, 1)).toContainText('Not rendered yet');
	await expect(frame(page, 3)).not.toContainText('Not rendered yet');
	await expect(frame(page, 1)).toContainText('Shot title 1');
	await expect(frame(page, 1)).toContainText('3.0 s');
	await expect(frame(page, 1).getByRole('img', { name: 'Cut' })).toBeVisible();
	await expect(frame(page, 7).getByRole('img', { name: 'Dissolve' })).toBeVisible();
	// The Shots heading just under the app's bar, the mouse off the frames.
	await page
		.getByRole('heading', { name: 'Shots', exact: true })
		.evaluate((heading) => window.scrollBy(0, heading.getBoundingClientRect().top - 70));
	await page.mouse.move(5, 890);
	await screenshot(page, 'board-1440', { forDocs: true });

	await page.getByLabel('Aspect ratio').selectOption('9:16');
	await expect.poll(() => columnsOnScreen(page)).toBe(6);
	const tall = (await frame(page, 1).locator('.picture').boundingBox())!;
	expect(tall.width / tall.height).toBeCloseTo(9 / 16, 1);
});

test('on a 390 px phone the board is one column and nothing scrolls sideways', async ({ page }) => {
	await page.setViewportSize(PHONE);
	await boardWithShots(page, 6);
	expect(await columnsOnScreen(page)).toBe(1);
	expect(await scrollsSideways(page)).toBe(false);
	const handle = (await page.getByRole('button', { name: /^Reorder shot 1\b/ }).boundingBox())!;
	expect(Math.min(handle.width, handle.height)).toBeGreaterThanOrEqual(44);
	await frame(page, 3).scrollIntoViewIfNeeded();
	await screenshot(page, 'board-390', { forDocs: true });
});

test('a frame opens its editor by click and by Enter; an edit shows on the frame and is kept', async ({
	page
}) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 12);
	await frame(page, 2).click();
	const editor = page.getByRole('dialog', { name: 'Edit shot 2' });
	await expect(editor).toBeVisible();
	// The grid stays beside the panel.
	await expect(frame(page, 1)).toBeInViewport();
	const shot = editor.getByRole('article', { name: 'Shot 2' });
	for (const label of ['Title', 'Description', 'Shot size', 'Camera angle', 'Movement', 'Notes'])
		await expect(shot.getByLabel(label, { exact: true })).toBeVisible();
	await shot.getByLabel('Title').fill('Lantern drop');
	await shot.getByLabel('Description').fill('The lantern falls past the noodle stall.');
	await expect(frame(page, 2)).toContainText('Lantern drop');
	await expect(frame(page, 2)).toContainText('The lantern falls past the noodle stall.');
	await screenshot(page, 'board-editor-1440', { forDocs: true });
	// The panel stays in view, below the app's bar, while the board scrolls beside it.
	await frame(page, 8).scrollIntoViewIfNeeded();
	const heading = (await editor.getByRole('heading', { name: 'Edit shot 2' }).boundingBox())!;
	expect(heading.y).toBeGreaterThanOrEqual(56);
	expect(heading.y).toBeLessThan(120);
	await page.keyboard.press('Escape');
	await expect(editor).toBeHidden();
	await expect(frame(page, 2)).toBeFocused();
	await expectSaved(page);

	await page.reload();
	await expect(frame(page, 2)).toContainText('Lantern drop');
	await frame(page, 4).focus();
	await page.keyboard.press('Enter');
	const fourth = page.getByRole('dialog', { name: 'Edit shot 4' });
	await expect(fourth.getByLabel('Title')).toHaveValue('Shot title 4');
	await fourth.getByRole('button', { name: 'Close' }).click();
	await expect(fourth).toBeHidden();
	await expect(frame(page, 4)).toBeFocused();
});

test('on a phone the editor is a full-screen sheet that closes back to its frame', async ({
	page
}) => {
	await page.setViewportSize(PHONE);
	await boardWithShots(page, 4);
	await frame(page, 2).click();
	const editor = page.getByRole('dialog', { name: 'Edit shot 2' });
	await expect(editor).toBeVisible();
	expect(await editor.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE });
	expect(await scrollsSideways(page)).toBe(false);
	await editor.getByLabel('Title').fill('Phone edit');
	await screenshot(page, 'board-editor-390', { forDocs: true });
	const close = (await editor.getByRole('button', { name: 'Close' }).boundingBox())!;
	expect(close.height).toBeGreaterThanOrEqual(44);
	await editor.getByRole('button', { name: 'Close' }).click();
	await expect(editor).toBeHidden();
	await expect(frame(page, 2)).toBeFocused();
	await expect(frame(page, 2)).toContainText('Phone edit');
});

test('dragging a frame across rows reorders the board, kept after a reload', async ({ page }) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 8);
	// Both rows in view.
	await page.getByRole('button', { name: '+ Add shot' }).scrollIntoViewIfNeeded();
	// Shot 1 (row 1) onto the right half of shot 6 (row 2): it lands after shot 6.
	await dragFrame(page, 1, 6, 'right');
	const moved = ['2', '3', '4', '5', '6', '1', '7', '8'].map((n) => `Shot title ${n}`);
	await expect.poll(() => frameTitles(page)).toEqual(moved);
	// The drag did not open the frame.
	await expect(page.getByRole('dialog')).toHaveCount(0);
	// Back from row 2 onto the left half of the first frame.
	await dragFrame(page, 6, 1, 'left');
	const back = ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => `Shot title ${n}`);
	await expect.poll(() => frameTitles(page)).toEqual(back);
	await dragFrame(page, 2, 7, 'left');
	const final = ['1', '3', '4', '5', '6', '2', '7', '8'].map((n) => `Shot title ${n}`);
	await expect.poll(() => frameTitles(page)).toEqual(final);
	await expectSaved(page);
	await page.reload();
	await expect.poll(() => frameTitles(page)).toEqual(final);
});

test('the keyboard moves a frame one place with ←/→ and one row with ↑/↓, each one undo step', async ({
	page
}) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 8);
	await page.getByRole('button', { name: /^Reorder shot 1\b/ }).focus();
	await page.keyboard.press('ArrowRight');
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['2', '1', '3', '4', '5', '6', '7', '8'].map((n) => `Shot title ${n}`));
	await expect(page.getByRole('button', { name: /^Reorder shot 2\b/ })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['2', '3', '4', '5', '6', '1', '7', '8'].map((n) => `Shot title ${n}`));
	await expect(page.getByText('Shot moved to position 6 of 8.')).toBeAttached();
	await page.getByRole('button', { name: /^Undo move shot 2 to 6/ }).click();
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['2', '1', '3', '4', '5', '6', '7', '8'].map((n) => `Shot title ${n}`));
});

test('Shift and Ctrl select frames; Delete removes them in one step and Undo brings them back', async ({
	page
}) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 8);
	const all = await frameTitles(page);
	await frame(page, 2).click();
	await page
		.getByRole('dialog', { name: 'Edit shot 2' })
		.getByRole('button', { name: 'Close' })
		.click();
	await frame(page, 4).click({ modifiers: ['Shift'] });
	await frame(page, 7).click({ modifiers: ['ControlOrMeta'] });
	const bar = page.getByRole('toolbar', { name: 'Selected shots' });
	await expect(bar).toContainText('4 selected');
	await expect(frame(page, 5)).toHaveAttribute('aria-pressed', 'false');
	await expect(frame(page, 3)).toHaveAttribute('aria-pressed', 'true');
	await frame(page, 3).click({ modifiers: ['ControlOrMeta'] });
	await expect(bar).toContainText('3 selected');

	await bar.getByRole('button', { name: 'Delete' }).click();
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['1', '3', '5', '6', '8'].map((n) => `Shot title ${n}`));
	await expect(page.getByText('Deleted 3 shots.')).toBeVisible();
	await expect(bar).toBeHidden();
	await page.getByRole('button', { name: 'Undo delete 3 shots' }).click();
	await expect.poll(() => frameTitles(page)).toEqual(all);
	await page.reload();
	await expect.poll(() => frameTitles(page)).toEqual(all);
});

test('selected frames move to the start or the end together; Escape clears the selection', async ({
	page
}) => {
	await page.setViewportSize(WIDE);
	await boardWithShots(page, 6);
	await frame(page, 5).click({ modifiers: ['ControlOrMeta'] });
	await frame(page, 3).click({ modifiers: ['ControlOrMeta'] });
	const bar = page.getByRole('toolbar', { name: 'Selected shots' });
	await bar.getByRole('button', { name: 'Move to start' }).click();
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['3', '5', '1', '2', '4', '6'].map((n) => `Shot title ${n}`));
	await bar.getByRole('button', { name: 'Move to end' }).click();
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['1', '2', '4', '6', '3', '5'].map((n) => `Shot title ${n}`));
	await page.keyboard.press('Escape');
	await expect(bar).toBeHidden();
	await page.getByRole('button', { name: /^Undo move 2 shots to the end/ }).click();
	await expect
		.poll(() => frameTitles(page))
		.toEqual(['3', '5', '1', '2', '4', '6'].map((n) => `Shot title ${n}`));
});

test('a board of 600 shots mounts only the rows near the view and scrolls to its end', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize(WIDE);
	// Every frame ever put in the page, counted as it is inserted: even one mounted for a
	// moment before the first row was measured.
	await page.addInitScript(() => {
		const w = window as unknown as { __framesAdded: number };
		w.__framesAdded = 0;
		const count = (nodes: unknown[]) => {
			for (const node of nodes)
				if (node instanceof Element || node instanceof DocumentFragment)
					w.__framesAdded +=
						Number(node instanceof Element && node.matches('[data-frame]')) +
						node.querySelectorAll('[data-frame]').length;
		};
		const targets = [Node.prototype, Element.prototype, CharacterData.prototype];
		const methods = ['insertBefore', 'appendChild', 'before', 'after', 'append', 'prepend'];
		for (const target of targets)
			for (const method of methods) {
				if (!Object.prototype.hasOwnProperty.call(target, method)) continue;
				const original = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[
					method
				]!;
				(target as unknown as Record<string, unknown>)[method] = function (
					this: unknown,
					...args: unknown[]
				) {
					count(method === 'insertBefore' ? args.slice(0, 1) : args);
					return original.apply(this, args);
				};
			}
	});
	const { url } = await seedBigBoard(page, 600, 'Board', 'board');
	await page.goto(url);
	await expect(frame(page, 1)).toBeVisible();
	expect(await frames(page).count()).toBeLessThan(60);
	const framesAdded = () =>
		page.evaluate(() => (window as unknown as { __framesAdded: number }).__framesAdded);
	expect(await framesAdded()).toBeLessThan(60);
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	await expect(frame(page, 600)).toBeVisible();
	expect(await frames(page).count()).toBeLessThan(60);
	await expect(frame(page, 600)).toContainText('Shot title 600');
	expect(await columnsOnScreen(page)).toBe(4);
});

test.describe('on a touch screen', () => {
	test.use({ hasTouch: true, viewport: PHONE });

	test('a long press then a drag moves a frame; a quick swipe scrolls instead', async ({
		page
	}) => {
		await boardWithShots(page, 4);
		await frame(page, 2).scrollIntoViewIfNeeded();
		const cdp = await page.context().newCDPSession(page);
		const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
			cdp.send('Input.dispatchTouchEvent', {
				type,
				touchPoints: type === 'touchEnd' ? [] : [{ x, y }]
			});
		const centre = async (n: number, at = 0.5) => {
			const box = (await frame(page, n).boundingBox())!;
			return { x: box.x + box.width / 2, y: box.y + box.height * at };
		};

		// A swipe that starts on a frame scrolls the page and moves nothing.
		const swipe = await centre(2, 0.7);
		const scrolled = await page.evaluate(() => scrollY);
		await touch('touchStart', swipe.x, swipe.y);
		for (let step = 1; step <= 6; step++) await touch('touchMove', swipe.x, swipe.y - step * 30);
		await touch('touchEnd', 0, 0);
		await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled);
		await expect
			.poll(() => frameTitles(page))
			.toEqual(['1', '2', '3', '4'].map((n) => `Shot title ${n}`));

		// Held still, then dragged onto the lower half of the next frame: it lands after it.
		await frame(page, 1).scrollIntoViewIfNeeded();
		const start = await centre(1, 0.4);
		await touch('touchStart', start.x, start.y);
		await page.waitForTimeout(500); // the long press itself, as a finger holds it
		const end = await centre(2, 0.75);
		for (let step = 1; step <= 8; step++)
			await touch(
				'touchMove',
				start.x + ((end.x - start.x) * step) / 8,
				start.y + ((end.y - start.y) * step) / 8
			);
		await expect(page.locator('.frame.drop-after')).toHaveCount(1);
		await touch('touchEnd', 0, 0);
		await expect
			.poll(() => frameTitles(page))
			.toEqual(['2', '1', '3', '4'].map((n) => `Shot title ${n}`));
		await expect(page.getByRole('dialog')).toHaveCount(0);
	});
});
