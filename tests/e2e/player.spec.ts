// The in-page player, driven by Playwright's clock: what is on screen at each moment is what
// the animatic export would encode (the same plan), with pictures read back from the page.
import { tmpdir } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { importStoryboard, unzipFile } from './support/exports';
import { screenshot } from './support/viewport';
import {
	bundleWithDialogue,
	digest,
	digestOf,
	openPlayer,
	playStoppedBundle,
	playerTime,
	shownLayers,
	stopTime
} from './support/player';

const FIXTURE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Café 夜市 — exports';
const fixture = unzipFile(FIXTURE);
const picture = (name: string) => digest(fixture[`assets/${name}`]!);
// Shot 1 speaks.
const BUNDLE = bundleWithDialogue(FIXTURE, `${tmpdir()}/player-dialogue.maestro`, 's1', [
	{ speaker: 'Ana', line: 'Run!' },
	{ speaker: '', line: '(The lantern flickers.)' }
]);

// The bundle's shots: 1.2 s (chosen image), 1 s dissolving in (chosen image), 0.8 s dissolving
// in (no image: the source keyframe), 1 s cut (nothing: a title card). At 25 fps the cuts fall
// at 1.2, 2.2 and 3 s; the dissolves last 12 and 10 frames, centred on their cuts.

test('Play shows every shot for its time, with dissolves; Space pauses, arrows and the timeline move', async ({
	page
}) => {
	const player = await playStoppedBundle(page, BUNDLE, TITLE);
	const status = player.getByRole('status');
	await expect(player.getByTestId('player-clock')).toContainText('0:00.0 / 0:04.0');

	const shown = player.locator('[data-layer="shown"]');
	// The clock shows tenths, cut down; a frame of the fake clock's animation is 16 ms.
	const expectTime = async (seconds: number) => {
		const shownTime = await playerTime(player);
		expect(shownTime).toBeGreaterThanOrEqual(seconds - 0.11);
		expect(shownTime).toBeLessThanOrEqual(seconds);
	};
	const expectShot = async (number: number, source: string) => {
		await expect(status).toContainText(`Shot ${number} of 4`);
		await expect.poll(() => shownLayers(player)).toEqual([{ shot: number, source, opacity: 1 }]);
	};
	// Inside shot 1, then past each cut and out of each dissolve.
	await page.clock.runFor(600);
	await expectShot(1, 'image');
	await expect(status).toContainText('Marché de nuit');
	expect(await digestOf(shown.locator('img'))).toBe(picture('t1a.png'));
	// A shot with dialogue is captioned with its lines, one without by its number and title.
	await expect(player.getByTestId('player-caption')).toHaveText(
		/^\s*ANA: Run!\s*\(The lantern flickers\.\)\s*$/
	);

	await page.clock.runFor(1200); // 1.8 s
	await expectShot(2, 'image');
	expect(await digestOf(shown.locator('img'))).toBe(picture('t2a.png'));
	await page.clock.runFor(800); // 2.6 s
	await expectShot(3, 'keyframe');
	expect(await digestOf(shown.locator('img'))).toBe(picture('k3.png'));
	await page.clock.runFor(800); // 3.4 s
	await expectShot(4, 'title');
	await expect(shown).toContainText('Title only');
	await expect(player.getByTestId('player-caption')).toHaveText(/^\s*4\s+Title only\s*$/);
	await expectTime(3.4);

	// It stops at the end, on the last shot.
	await page.clock.runFor(2000);
	await expect(player.getByTestId('player-clock')).toContainText('0:04.0 / 0:04.0');
	await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

	// The timeline: one block per shot in proportion to its duration; a click seeks under it.
	const blocks = player.getByRole('group', { name: 'Timeline' }).getByRole('button');
	const widths = await blocks.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().width));
	const track = (await player.getByRole('group', { name: 'Timeline' }).boundingBox())!;
	expect(widths.map((w) => Math.round((w / track.width) * 100))).toEqual([30, 25, 20, 25]);
	await blocks.nth(2).click(); // the middle of shot 3: 2.6 s
	await expectShot(3, 'keyframe');
	await expectTime(2.6);
	await expect(blocks.nth(2)).toHaveAttribute('aria-current', 'true');
	await player
		.getByRole('group', { name: 'Timeline' })
		.click({ position: { x: track.width * 0.1, y: track.height / 2 } });
	await expectShot(1, 'image');
	await expectTime(0.4);

	// Space plays; time runs with the clock. Space again pauses: time stops.
	await player.press(' ');
	await page.clock.runFor(500);
	await expectTime(0.9);
	await player.press(' ');
	const paused = await playerTime(player);
	await page.clock.runFor(1500);
	expect(await playerTime(player)).toBe(paused);
	await expectShot(1, 'image');

	// → goes to the next shot's cut: a dissolve, half of each picture.
	await player.press('ArrowRight');
	await expect(status).toContainText('Shot 2 of 4');
	expect(await playerTime(player)).toBe(1.2);
	await expect
		.poll(() => shownLayers(player))
		.toEqual([
			{ shot: 1, source: 'image', opacity: 1 },
			{ shot: 2, source: 'image', opacity: 0.5 }
		]);
	await player.press('ArrowRight');
	await player.press('ArrowRight');
	await expectShot(4, 'title');
	await player.press('ArrowRight');
	await expect(status).toContainText('Shot 4 of 4');
	await player.press('ArrowLeft');
	await expect(status).toContainText('Shot 3 of 4');
	expect(await playerTime(player)).toBe(2.2);

	// Captions off: no caption over the picture.
	await player.getByLabel('Captions').uncheck();
	await expect(player.getByTestId('player-caption')).toHaveCount(0);

	// Escape closes it, and the pictures' object URLs are let go.
	const url = await shown.locator('img').first().getAttribute('src');
	await page.keyboard.press('Escape');
	await expect(player).toBeHidden();
	const readable = await page.evaluate(
		(src) =>
			fetch(src!).then(
				() => true,
				() => false
			),
		url
	);
	expect(readable).toBe(false);
});

test('Play works offline, with the source clip’s sound from the first shot’s time', async ({
	page,
	context
}) => {
	await page.clock.install();
	await importStoryboard(page, BUNDLE, TITLE);
	await context.setOffline(true);
	await stopTime(page);
	const player = await openPlayer(page);
	await page.clock.runFor(500);
	expect(await digestOf(player.locator('[data-layer="shown"] img'))).toBe(picture('t1a.png'));

	// "Source sound": the clip's audio under the pictures, where the animatic puts it.
	await player.press(' ');
	await expect(player.locator('audio')).toHaveCount(0);
	await player.getByLabel('Source sound').check();
	const audio = player.locator('audio');
	await expect(audio).toHaveCount(1);
	expect(await digestOf(audio)).toBe(digest(fixture['assets/source.mp4']!));
	await player.press('ArrowRight');
	await player.press('ArrowRight');
	await expect(player.getByRole('status')).toContainText('Shot 3 of 4');
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeCloseTo(2.2, 1);
});

test('a shot with a chosen video take plays its clip in its time', async ({ page }) => {
	await page.clock.install();
	await importStoryboard(page, BUNDLE, TITLE);
	// No video model: Animate makes a local pan-and-zoom clip of shot 1's picture.
	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	await page.getByRole('button', { name: 'Make local clip' }).click();
	const take = page.getByLabel('Clip of shot 1 in Ink & wash (local pan and zoom)');
	await expect(take).toBeVisible({ timeout: 60_000 });

	await stopTime(page);
	const player = await openPlayer(page);
	await page.clock.runFor(500);
	await expect.poll(() => shownLayers(player)).toEqual([{ shot: 1, source: 'video', opacity: 1 }]);
	const clip = player.locator('[data-layer="shown"] video');
	expect(await digestOf(clip)).toBe(await digestOf(take));
	// It plays while the player plays, without sound (the animatic has none of a take's own).
	// (It runs in real time while the test's clock stands still, so it may have ended already.)
	await expect
		.poll(() => clip.evaluate((v: HTMLVideoElement) => v.played.length))
		.toBeGreaterThan(0);
	expect(await clip.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
	// Paused, it rests on the player's moment.
	await player.press(' ');
	const at = await playerTime(player);
	await expect.poll(() => clip.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
	const clipAt = await clip.evaluate((v: HTMLVideoElement) => v.currentTime);
	expect(Math.abs(clipAt - at)).toBeLessThanOrEqual(0.12);

	// The next shot dissolves in over the clip; after it, shot 2's picture alone.
	await player.press(' ');
	await page.clock.runFor(1300);
	await expect.poll(() => shownLayers(player)).toEqual([{ shot: 2, source: 'image', opacity: 1 }]);
});

/** The picture, the timeline and the controls lie one under the other, all on screen. */
async function expectLaidOut(page: Page, width: number, height: number) {
	const player = page.getByRole('dialog', { name: 'Play' });
	const picture = (await player.locator('[data-layer="shown"]').first().boundingBox())!;
	const timeline = (await player.getByRole('group', { name: 'Timeline' }).boundingBox())!;
	const play = (await player.getByRole('button', { name: 'Play', exact: true }).boundingBox())!;
	expect(picture.y + picture.height).toBeLessThanOrEqual(timeline.y);
	expect(timeline.y + timeline.height).toBeLessThanOrEqual(play.y);
	expect(play.y + play.height).toBeLessThanOrEqual(height);
	expect(picture.x + picture.width).toBeLessThanOrEqual(width);
	// The picture keeps the storyboard's 16:9.
	expect(picture.width / picture.height).toBeCloseTo(16 / 9, 1);
}

for (const { width, height } of [
	{ width: 1440, height: 900 },
	{ width: 390, height: 844 }
]) {
	test(`at ${width}×${height} the player fits the screen and its controls are big enough to touch`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		const player = await playStoppedBundle(page, BUNDLE, TITLE);
		await page.clock.runFor(600);
		await player.press(' ');
		await expect(player.getByRole('status')).toContainText('Shot 1 of 4');

		const box = (await player.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(width);
		expect(box.y + box.height).toBeLessThanOrEqual(height);
		const controls = player.locator('button, label');
		const sizes = await controls.evaluateAll((all) =>
			all.map((c) => {
				const r = c.getBoundingClientRect();
				return { name: c.textContent!.trim() || c.getAttribute('aria-label'), ...r.toJSON() };
			})
		);
		expect(sizes.length).toBeGreaterThanOrEqual(10);
		for (const control of sizes) {
			expect(control.height, `${control.name}`).toBeGreaterThanOrEqual(44);
			expect(control.right, `${control.name}`).toBeLessThanOrEqual(width);
		}
		const stage = (await player.locator('[data-layer="shown"]').first().boundingBox())!;
		expect(stage.width).toBeGreaterThan(width > 500 ? 900 : 340);
		await expectLaidOut(page, width, height);
		await screenshot(page, `player-${width}`, { forDocs: true });

		// Full screen is the player itself, and goes back.
		await player.getByRole('button', { name: 'Full screen' }).click();
		await expect(player.getByRole('button', { name: 'Exit full screen' })).toBeVisible();
		const full = await page.evaluate(() => {
			const element = document.fullscreenElement;
			return element?.closest('dialog')?.getAttribute('aria-label') === 'Play' &&
				element.querySelector('[data-layer="shown"]') !== null
				? element.getBoundingClientRect().toJSON()
				: null;
		});
		expect(full).toMatchObject({ x: 0, y: 0, width, height });
		await expectLaidOut(page, width, height);
		await player.getByRole('button', { name: 'Exit full screen' }).click();
		await expect(player.getByRole('button', { name: 'Full screen' })).toBeVisible();
		expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
	});
}
