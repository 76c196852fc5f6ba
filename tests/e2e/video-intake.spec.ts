// Issue 3 through the workspace: add a clip, see its facts, frames and cuts, make shots from the
// cuts, bad files get a clear message and change nothing, and it all comes back after a reload.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createStoryboard, installServiceWorker } from './support/app';

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
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	await context.setOffline(false);
});
