import { expect, type Locator, type Page } from '@playwright/test';
import { seedBigBoard } from './big-board';
import { showShotsAs } from './app';

/** The board's frames, in page order. */
export function frames(page: Page): Locator {
	return page.getByRole('list', { name: 'Frames' }).getByRole('listitem');
}

/** The button that opens frame `n` (1-based); its name is "Shot n: title". */
export function frame(page: Page, n: number): Locator {
	return page.getByRole('button', { name: new RegExp(`^Shot ${n}(: |$)`) });
}

/** The shot titles in board order, read from the frames' names. */
export function frameTitles(page: Page): Promise<string[]> {
	return frames(page)
		.locator('button.open')
		.evaluateAll((buttons) =>
			buttons.map((button) => button.getAttribute('aria-label')!.replace(/^Shot \d+: /, ''))
		);
}

/** How many frames stand in the first row of the grid (from their boxes). */
export async function columnsOnScreen(page: Page): Promise<number> {
	const boxes = await frames(page).evaluateAll((items) =>
		items.map((item) => item.getBoundingClientRect().top)
	);
	return boxes.filter((top) => Math.abs(top - boxes[0]!) < 1).length;
}

/**
 * A storyboard of `count` seeded shots ("Shot title n", every third rendered) opened on the
 * board; returns its address.
 */
export async function boardWithShots(page: Page, count: number, title = 'Board'): Promise<string> {
	const { url } = await seedBigBoard(page, count, title);
	await page.goto(url);
	await showShotsAs(page, 'board');
	await expect(frames(page).first()).toBeVisible();
	return url;
}

/** Drag frame `from` with the mouse onto one half of frame `to` (1-based), like a person. */
export async function dragFrame(page: Page, from: number, to: number, side: 'left' | 'right') {
	const start = (await frame(page, from).boundingBox())!;
	await page.mouse.move(start.x + start.width / 2, start.y + start.height / 3);
	await page.mouse.down();
	await page.mouse.move(start.x + start.width / 2 + 15, start.y + start.height / 3 + 10, {
		steps: 3
	});
	const end = (await frame(page, to).boundingBox())!;
	const x = end.x + end.width * (side === 'left' ? 0.25 : 0.75);
	await page.mouse.move(x, end.y + end.height / 3, { steps: 10 });
	await expect(page.locator(`.frame.drop-${side === 'left' ? 'before' : 'after'}`)).toHaveCount(1);
	await page.mouse.up();
}
