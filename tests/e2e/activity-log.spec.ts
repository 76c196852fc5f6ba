import type { Page } from '@playwright/test';
import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { addShot, expectSaved } from './support/app';
import { download, openExport, useDownloads } from './support/exports';
import { storyboardWithShots } from './support/render';
import { importUpscaleBundle, openTakes } from './support/upscale';

const pictures = (page: Page) => page.getByRole('button', { name: /^Open takes of shot \d+ in / });

/** The activity log, opened. */
async function activityLog(page: Page) {
	const log = page.getByRole('list', { name: 'Activity log' });
	if (!(await log.isVisible())) await page.getByText(/^Activity \(/).click();
	return log;
}

/** The log's lines as the page shows them, newest first. */
async function logLines(page: Page): Promise<string[]> {
	const log = await activityLog(page);
	return log.locator('li span').allTextContents();
}

test('a render of one shot after "Render all" is logged as 1 beat with its cost', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Counted', 3);
	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(pictures(page)).toHaveCount(3, { timeout: 20_000 });
	const log = await activityLog(page);
	await expect(log).toContainText(/Rendering finished: 3 beats \(\$0\.\d+\)\./);

	// One more take of shot 2: the same job goes on, but this run is one beat.
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(page.getByText('2 takes')).toBeVisible({ timeout: 20_000 });
	await expect(log.locator('li').first()).toContainText(
		/^.*Rendering finished: 1 beat \(\$0\.0\d+\)\.$/
	);
	const lines = await logLines(page);
	expect(lines.filter((line) => /of \d+ (images|beats)/.test(line))).toEqual([]);
	expect(lines).toContainEqual(
		expect.stringMatching(/^Rendered shot 2 in “Style 1” with .+ \(\$0\.0\d+\)\.$/)
	);
	// The bar speaks of this run too.
	await expect(
		page.getByRole('status').filter({ hasText: /Rendered 1 of 1 beat in Style 1/ })
	).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /This run: \$0\.0\d+/ })).toBeVisible();
	// Nothing internal: no job kinds, ids or prompt versions.
	for (const line of await logLines(page)) {
		expect(line).not.toMatch(/maestro-|[0-9a-f]{8}-[0-9a-f]{4}|\brender\b\//);
	}
	await log.screenshot({ path: test.info().outputPath('activity-log.png') });
});

test('a failed render shows its reason and Retry in the render bar', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Refused', 3);
	const shot = page.getByRole('article', { name: 'Shot 1' });
	await shot.getByLabel('Notes').fill('[[fake:error-403-moderation]]');
	await expectSaved(page);
	await page.getByRole('button', { name: 'Render shot 1' }).click();

	const bar = page.getByRole('region', { name: 'Render' }).getByRole('status').filter({
		hasText: 'Rendered 0 of 1'
	});
	await expect(bar).toBeVisible({ timeout: 20_000 });
	const failure = bar.getByRole('alert');
	await expect(failure).toContainText('Shot 1 failed: The request was flagged by moderation');
	await expect(failure.getByRole('link', { name: 'Open Settings' })).toHaveCount(0);
	await bar.screenshot({ path: test.info().outputPath('failed-render-bar.png') });
	await expect(await activityLog(page)).toContainText(
		'Shot 1 in “Style 1” could not be rendered: The request was flagged by moderation'
	);

	// Fixed where it failed: Retry in the bar renders it.
	await shot.getByLabel('Notes').fill('Lanterns everywhere.');
	await expectSaved(page);
	await failure.getByRole('button', { name: 'Retry' }).click();
	await expect(pictures(page)).toHaveCount(1, { timeout: 20_000 });
	await expect(bar.getByRole('alert')).toHaveCount(0);
});

test('a refused key in the render bar leads to Settings', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Bad key', 3);
	fake.script(['error-401'], { path: '/chat/completions' });
	await page.getByRole('button', { name: 'Render shot 3' }).click();
	const failure = page.getByRole('region', { name: 'Render' }).getByRole('alert');
	await expect(failure).toContainText(/Shot 3 failed: The API key was refused/, {
		timeout: 20_000
	});
	await expect(failure.getByRole('link', { name: 'Open Settings' })).toHaveAttribute(
		'href',
		/\/settings$/
	);
	await failure.screenshot({ path: test.info().outputPath('failed-render-key.png') });
});

test('"N shots written." goes once the storyboard changes', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await storyboardWithShots(page, 'Written', 3);
	await expect(page.getByText('3 shots written.')).toBeVisible();
	await expect(await activityLog(page)).toContainText(/Wrote 3 shots with .+ \(\$\d/);
	await addShot(page, 'By hand');
	await expect(page.getByText('3 shots written.')).toHaveCount(0);
});

test('"Every chosen take is already upscaled." goes once a new take needs upscaling', async ({
	page,
	fake
}) => {
	test.setTimeout(120_000);
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await importUpscaleBundle(page, '', 'Tiny take');
	await page.getByRole('button', { name: 'Upscale chosen' }).click();
	await expect(page.getByText('Upscaled 1 of 1.')).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Upscale chosen' }).click();
	const already = page.getByText('Every chosen take is already upscaled.');
	await expect(already).toBeVisible();
	// A new shot's picture is chosen and not upscaled: the line is no longer true.
	await addShot(page, 'Night bus', 'A bus crosses a bridge.');
	await expectSaved(page);
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(2, { timeout: 20_000 });
	await expect(already).toHaveCount(0);
});

test('upscales, exports and imports are each a plain line in the log', async ({
	page,
	fake
}, testInfo) => {
	test.setTimeout(120_000);
	await useDownloads(page);
	await connectToFake(page, fake);
	await importUpscaleBundle(page, '', 'Tiny take');
	const log = await activityLog(page);
	await expect(log).toContainText(/^.*Imported from “upscale-tiny\.maestro” \(1 shot, 1 take\)\.$/);

	await page.getByRole('button', { name: 'Upscale chosen' }).click();
	await expect(page.getByText('Upscaled 1 of 1.')).toBeVisible({ timeout: 60_000 });
	await expect(log).toContainText(/Upscaling 1 chosen picture \(shot 1\) to 2× with “.+”\./);
	await expect(log).toContainText('Upscaled 1 chosen picture (shot 1).');

	// One take from its panel: which take, the scale, the model, the size.
	const takes = await openTakes(page, 1);
	await takes.getByRole('radio', { name: 'Fast illustration' }).check();
	await takes.getByRole('radio', { name: '4x' }).check();
	await takes.getByRole('button', { name: 'Upscale', exact: true }).click();
	await expect(takes.getByTestId('upscaled-size')).toHaveText('Upscaled: 128 × 72 px', {
		timeout: 60_000
	});
	await takes.getByRole('button', { name: 'Close' }).click();
	await expect(log).toContainText(
		/Upscaled shot 1 in “Gouache” to 4× with “.+” \(128 × 72 px, (under )?[\d.]+ s\)\./
	);

	// Exports name their file; the project file too.
	const dialog = await openExport(page, 'Shot list CSV');
	await download(page, 'Export CSV', testInfo.outputPath('shots.csv'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(log).toContainText(
		/Exported the shot list CSV “Tiny take - shot list\.csv” \(\d+ B, (under )?[\d.]+ s\)\./
	);
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export project' }).click();
	const file = await saved;
	const path = testInfo.outputPath(file.suggestedFilename());
	await file.saveAs(path);
	await expect(log).toContainText(
		/Exported the project file “Tiny take\.maestro” \([\d.]+ K?B\), to import in another browser\./
	);

	await log.screenshot({ path: testInfo.outputPath('activity-log-upscale-export.png') });

	// Imported again beside itself: the copy's log says so.
	await page.goto('/');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(path);
	await page.getByRole('button', { name: 'Keep both' }).click();
	await page.getByRole('link', { name: /^Tiny take \(imported / }).click();
	await expect(await activityLog(page)).toContainText(
		'Imported from “Tiny take.maestro” (1 shot, 1 take). Kept as a copy; “Tiny take” stays as it was.'
	);
});
