import { expect, test, type Page } from '@playwright/test';
import { expectSaved } from './support/app';
import { seedBigBoard } from './support/big-board';

// A storyboard of 2,000 shots (the import limit) opens in seconds and mounts only the cards
// near the view. The figures (open time, frame times) are `npm run bench:board`'s; the bound
// here only catches a board that no longer opens in reasonable time.
const SHOTS = 2000;

/** The numbers of the shot cards in the page, in page order. */
function mountedShots(page: Page): Promise<number[]> {
	return page
		.locator('article[data-shot-id]')
		.evaluateAll((cards) =>
			cards.map((card) => Number(card.getAttribute('aria-label')!.replace('Shot ', '')))
		);
}

/** Turn the mouse wheel, as a person would, until shot `n`'s card is in the page. */
async function wheelToShot(page: Page, n: number) {
	await page.mouse.move(640, 400);
	for (let turn = 0; turn < 400; turn++) {
		const shots = await mountedShots(page);
		const first = Math.min(...shots);
		const last = Math.max(...shots);
		if (n >= first && n <= last) break;
		// Far away: big turns; near: small ones, so the card is not overshot.
		const distance = n < first ? n - first : n - last;
		await page.mouse.wheel(0, Math.sign(distance) * Math.min(6000, Math.abs(distance) * 300));
		await page.evaluate(() => new Promise(requestAnimationFrame));
	}
	const card = page.getByRole('article', { name: `Shot ${n}`, exact: true });
	await card.scrollIntoViewIfNeeded();
	return card;
}

test.describe('a storyboard of 2,000 shots', () => {
	test.setTimeout(180_000);

	test('opens with only the cards near the view mounted, and scrolls to its last shot', async ({
		page
	}, testInfo) => {
		await page.setViewportSize({ width: 1280, height: 900 });
		// Errors the page reports on window (a ResizeObserver loop among them), kept in the page.
		await page.addInitScript(() => {
			const w = window as unknown as { __errors: string[] };
			w.__errors = [];
			window.addEventListener('error', (event) => w.__errors.push(event.message));
		});
		const board = await seedBigBoard(page, SHOTS);
		const opened = Date.now();
		await page.goto(board.url);
		await expect(page.getByRole('article', { name: 'Shot 1', exact: true })).toBeVisible({
			timeout: 15_000
		});
		testInfo.annotations.push({ type: 'first card', description: `${Date.now() - opened} ms` });
		await expect(page.getByText(`From an idea · ${SHOTS} shots`)).toBeVisible();
		expect((await mountedShots(page)).length).toBeLessThan(60);
		await page.getByRole('article', { name: 'Shot 1', exact: true }).scrollIntoViewIfNeeded();
		await page.screenshot({ path: testInfo.outputPath('top.png') });

		// The middle, reached with the wheel: consecutive cards, the one asked for among them.
		const middle = await wheelToShot(page, 999);
		await expect(middle.getByLabel('Title')).toHaveValue('Shot title 999');
		await expect(middle.getByRole('img', { name: 'Shot 999 in Style 1' })).toBeVisible();
		const shots = await mountedShots(page);
		expect(shots.length).toBeLessThan(60);
		expect(shots).toEqual(shots.map((_, i) => shots[0]! + i));
		await page.screenshot({ path: testInfo.outputPath('middle.png') });

		// The end of the page shows the last shot and the button after it.
		await page.locator('body').press('End');
		await expect(page.getByRole('article', { name: `Shot ${SHOTS}`, exact: true })).toBeVisible();
		// The keyboard's scroll animates to where the end was estimated to be; cards measured on
		// the way may push the end a little further, and End again reaches it.
		await page.locator('body').press('End');
		await expect(page.getByRole('button', { name: '+ Add shot' })).toBeInViewport();
		expect(await mountedShots(page)).toContain(SHOTS);
		expect((await mountedShots(page)).length).toBeLessThan(60);
		await page.screenshot({ path: testInfo.outputPath('end.png') });

		// Cards above the view are measured as they come in while scrolling up (these never
		// were: End jumped past them); the view is corrected so nothing jumps, and turning back
		// down the same distance finds a card where it was.
		await page.mouse.move(640, 400);
		for (let turn = 0; turn < 3; turn++) {
			await page.mouse.wheel(0, -700);
			await page.evaluate(() => new Promise(requestAnimationFrame));
		}
		const name = await page
			.locator('article[data-shot-id]')
			.evaluateAll((cards) =>
				cards.find((card) => card.getBoundingClientRect().top > 60)!.getAttribute('aria-label')!
			);
		const seen = page.getByRole('article', { name, exact: true });
		const before = (await seen.boundingBox())!.y;
		for (const delta of [-700, -700, -700, -700, -700, -700, 700, 700, 700, 700, 700, 700]) {
			await page.mouse.wheel(0, delta);
			await page.evaluate(() => new Promise(requestAnimationFrame));
		}
		// Within a few pixels (a jump is a card's height, hundreds): heights are fractional, scroll
		// positions are not, and each of the dozen corrections on the way may round.
		await expect
			.poll(async () => Math.abs((await seen.boundingBox())!.y - before))
			.toBeLessThanOrEqual(3);

		// And back to the top.
		await page.locator('body').press('Home');
		await expect(page.getByRole('article', { name: 'Shot 1', exact: true })).toBeVisible();
		expect(
			await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)
		).toEqual([]);
	});

	test('an edit far down the board is saved and there after a reload', async ({ page }) => {
		const board = await seedBigBoard(page, SHOTS);
		await page.goto(board.url);
		const card = await wheelToShot(page, 1500);
		await card.getByLabel('Title').fill('The lantern goes out');
		await expectSaved(page);
		await page.reload();
		const again = await wheelToShot(page, 1500);
		await expect(again.getByLabel('Title')).toHaveValue('The lantern goes out');
		// Its neighbours are untouched.
		await expect(
			page.getByRole('article', { name: 'Shot 1499', exact: true }).getByLabel('Title')
		).toHaveValue('Shot title 1499');
	});

	test('a card moved with the keyboard keeps focus, far down the board too', async ({ page }) => {
		const board = await seedBigBoard(page, SHOTS);
		await page.goto(board.url);
		await wheelToShot(page, 1201);
		await page.getByRole('button', { name: /^Reorder shot 1200\b/ }).focus();
		await page.keyboard.press('ArrowDown');
		await expect(page.getByRole('button', { name: /^Reorder shot 1201\b/ })).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(page.getByRole('button', { name: /^Reorder shot 1202\b/ })).toBeFocused();
		await expect(
			page.getByRole('article', { name: 'Shot 1202', exact: true }).getByLabel('Title')
		).toHaveValue('Shot title 1200');
		await expect(
			page.getByRole('article', { name: 'Shot 1200', exact: true }).getByLabel('Title')
		).toHaveValue('Shot title 1201');
		await expect(page.getByText('Shot moved to position 1202 of 2000.')).toBeAttached();
		// The order is saved.
		await expectSaved(page);
		await page.reload();
		const moved = await wheelToShot(page, 1202);
		await expect(moved.getByLabel('Title')).toHaveValue('Shot title 1200');
	});
});
