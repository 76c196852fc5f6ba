// Issue 3 through the workspace: add a clip, see its facts, frames and cuts, make shots from the
// cuts, bad files get a clear message and change nothing, and it all comes back after a reload.
import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createStoryboard, installServiceWorker, savedAssetTypes } from './support/app';

const media = join(import.meta.dirname, '../fixtures/media');

test.describe.configure({ timeout: 120_000 });

test('a clip gives facts, a filmstrip, cuts and shots from cuts, and they survive a reload', async ({
	page
}) => {
	await createStoryboard(page, 'Cuts clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));

	const facts = page.getByRole('list', { name: 'Video facts' }).or(page.getByLabel('Video facts'));
	await expect(facts).toContainText('0:10.0');
	await expect(facts).toContainText('480 × 270');
	await expect(facts).toContainText('25 fps');
	await expect(facts).toContainText('H264');

	const strip = page.getByRole('region', { name: 'Sampled frames' });
	await expect(strip.getByRole('img')).toHaveCount(5, { timeout: 60_000 });
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	for (const time of ['0:02.0', '0:04.4', '0:06.0', '0:08.0']) {
		await expect(
			page.getByRole('button', { name: new RegExp(`Cut \\d at ${time}`) })
		).toBeVisible();
	}

	await page.getByRole('button', { name: 'Shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);

	await page.reload();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible();
});

for (const [file, message] of [
	['not-a-video.txt', 'This file is not a video.'],
	['truncated.mp4', 'This video is damaged or incomplete'],
	['truncated-faststart.mp4', 'This video is damaged or incomplete'],
	['audio-only.m4a', 'This file has sound but no picture.'],
	['unknown-codec.mp4', 'cannot decode']
] as const) {
	test(`${file} gets a clear message and leaves the storyboard unchanged`, async ({ page }) => {
		await createStoryboard(page, `Bad ${file}`, 'video');
		await page.getByLabel('Add video').setInputFiles(join(media, file));
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByRole('region', { name: 'Sampled frames' })).toHaveCount(0);
		await page.reload();
		await expect(page.getByLabel('Video facts')).toHaveCount(0);
	});
}

test('cancel while sampling leaves a usable page', async ({ page }) => {
	await createStoryboard(page, 'Cancel clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'slow-pan.mp4'));
	await expect(page.getByRole('status').filter({ hasText: /Sampling frame/ })).toBeVisible({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Cancelled')).toBeVisible();
	await page.getByLabel('Add video').setInputFiles(join(media, 'static.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('No cuts found: one shot')).toBeVisible({ timeout: 60_000 });
});

test('after one clip online, a saved clip reloads offline and a new clip is read offline', async ({
	page,
	context
}) => {
	await installServiceWorker(page);
	await createStoryboard(page, 'Offline clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	await context.setOffline(false);
});

test('a bad file after a good clip gets its message and the storyboard keeps the good clip', async ({
	page
}) => {
	await createStoryboard(page, 'Good then bad', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	// Its index is whole and its start plays; the data stops halfway.
	await page.getByLabel('Add video').setInputFiles(join(media, 'truncated-faststart.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByRole('alert')).toContainText('This video is damaged or incomplete');
	const strip = page.getByRole('region', { name: 'Sampled frames' }).getByRole('img');
	await expect(strip).toHaveCount(5);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await expect(page.locator('video')).toHaveCount(1);
	await page.reload();
	await expect(strip).toHaveCount(5);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await expect(page.getByLabel('Video facts').getByText('No', { exact: true })).toBeVisible();
});

test('a second clip asks first; replacing it drops the old clip and its frames, shots made from it stay', async ({
	page
}) => {
	await createStoryboard(page, 'Two clips', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(3);
	const before = await savedAssetTypes(page);
	// One clip, five sampled frames and three keyframes.
	expect(before.filter((t) => t.startsWith('video/'))).toHaveLength(1);
	expect(before.filter((t) => t === 'image/jpeg')).toHaveLength(8);

	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await expect(page.getByText('Replace the clip with “cuts-h264.mp4”?')).toBeVisible();
	await page.getByRole('button', { name: 'Keep current clip' }).click();
	await expect(page.getByText('Replace the clip')).toHaveCount(0);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	expect(await savedAssetTypes(page)).toHaveLength(before.length);

	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByLabel('Video facts')).toContainText('0:10.0');
	// The shots made from the first clip keep their pictures.
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(3);
	await expect(page.getByRole('img', { name: /^Source frame of shot \d$/ })).toHaveCount(3);
	const after = await savedAssetTypes(page);
	// The new clip, its five frames and five keyframes, and the three keyframes the shots use.
	expect(after.filter((t) => t.startsWith('video/'))).toHaveLength(1);
	expect(after.filter((t) => t === 'image/jpeg')).toHaveLength(5 + 5 + 3);
});

test('a 2 GB file is accepted and read in place: facts, frames and cuts of the clip at its start', async ({
	page
}) => {
	// A real 10 s clip followed by 2 GB of nothing (a sparse file: no disk or memory is used
	// to make it). The engine reads only the ranges it needs, so it sees the clip.
	const dir = mkdtempSync(join(tmpdir(), 'maestro-2g-'));
	const huge = join(dir, 'huge.mp4');
	copyFileSync(join(media, 'cuts-h264.mp4'), huge);
	truncateSync(huge, 2 * 1024 ** 3);
	try {
		await createStoryboard(page, 'Huge clip', 'video');
		await page.getByLabel('Add video').setInputFiles(huge);
		await expect(page.getByLabel('Video facts')).toContainText('0:10.0', { timeout: 90_000 });
		await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
			5,
			{ timeout: 90_000 }
		);
		await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 90_000 });
		await expect(page.getByRole('alert')).toHaveCount(0);
		// The clip is kept when the browser's storage takes it; when it refuses (a fresh test
		// profile does), the storyboard says so and keeps the frames and cuts.
		await page.reload();
		await expect(
			page.locator('video').or(page.getByText(/too large for the browser's storage/))
		).toBeVisible();
		await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
			5
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
