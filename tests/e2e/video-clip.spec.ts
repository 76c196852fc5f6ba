// Issue 3, the clip itself: Settings → Video sets how clips are sampled and cut, and can drop the
// clip after sampling; "Remove source clip" does the same for one storyboard. Without the clip
// the storyboard shows a poster frame, and Shots from cuts and Analyze still work.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { createStoryboard, savedAssetTypes } from './support/app';

const media = join(import.meta.dirname, '../fixtures/media');

test.describe.configure({ timeout: 150_000 });

async function setVideoOption(page: Page, label: string, value: string) {
	const field = page.getByRole('region', { name: 'Video' }).getByLabel(label);
	await field.fill(value);
	await field.press('Tab');
}

test('with "Remove the source clip after sampling", the clip goes and everything else stays', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await page.getByLabel('Remove the source clip after sampling').check();
	await page.reload();
	await expect(page.getByLabel('Remove the source clip after sampling')).toBeChecked();

	await createStoryboard(page, 'Dropped clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByText('Source clip removed to save space.')).toBeVisible();
	await expect(page.locator('video')).toHaveCount(0);
	await expect(page.getByRole('img', { name: 'Poster frame of the clip' })).toBeVisible();
	await expect(page.getByLabel('Video facts')).toContainText('0:10.0');
	await expect(page.getByRole('button', { name: 'Remove source clip' })).toHaveCount(0);
	const types = await savedAssetTypes(page);
	expect(types.filter((t) => t.startsWith('video/'))).toEqual([]);
	expect(types.filter((t) => t === 'image/jpeg').length).toBeGreaterThanOrEqual(10);

	await page.getByRole('button', { name: 'Shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);

	await page.reload();
	await expect(page.getByText('Source clip removed to save space.')).toBeVisible();
	await expect(page.getByRole('img', { name: 'Poster frame of the clip' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible();

	await page.getByRole('button', { name: 'Analyze' }).click();
	await expect(page.getByLabel('Context')).toHaveValue(/Scene analysis of 4 images/);
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.imageCount).toBe(4);
});

test('"Remove source clip" drops one storyboard\'s clip after asking, and keeps its frames', async ({
	page
}) => {
	await createStoryboard(page, 'Clip to remove', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 90_000 });
	await expect(page.locator('video')).toHaveCount(1);

	await page.getByRole('button', { name: 'Remove source clip' }).click();
	await page.getByRole('button', { name: 'Keep clip' }).click();
	await expect(page.locator('video')).toHaveCount(1);
	expect((await savedAssetTypes(page)).filter((t) => t.startsWith('video/'))).toHaveLength(1);

	await page.getByRole('button', { name: 'Remove source clip' }).click();
	await page.getByRole('button', { name: 'Remove clip' }).click();
	await expect(page.getByText('Source clip removed to save space.')).toBeVisible();
	await expect(page.locator('video')).toHaveCount(0);
	expect((await savedAssetTypes(page)).filter((t) => t.startsWith('video/'))).toEqual([]);
	await page.reload();
	await expect(page.getByText('Source clip removed to save space.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
});

test('sampling settings decide how many frames are taken and how large they are', async ({
	page
}) => {
	await page.goto('/settings');
	const video = page.getByRole('region', { name: 'Video' });
	await expect(video.getByLabel('Seconds per frame')).toHaveValue('2');
	await expect(video.getByLabel('Most frames')).toHaveValue('24');
	await expect(video.getByLabel('Frame size (longest side, px)')).toHaveValue('1024');
	await expect(video.getByLabel('JPEG quality')).toHaveValue('0.85');
	await setVideoOption(page, 'Most frames', '3');
	await setVideoOption(page, 'Frame size (longest side, px)', '320');
	await page.reload();
	await expect(video.getByLabel('Most frames')).toHaveValue('3');

	await createStoryboard(page, 'Fewer frames', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 90_000 });
	const frames = page.getByRole('region', { name: 'Sampled frames' }).getByRole('img');
	await expect(frames).toHaveCount(3);
	const widths = await frames.evaluateAll((imgs) =>
		(imgs as HTMLImageElement[]).map((img) => [img.naturalWidth, img.naturalHeight])
	);
	expect(widths).toEqual([
		[320, 180],
		[320, 180],
		[320, 180]
	]);
});

test("Settings → About links the video engine's licence, where its source is, and the fonts' licence", async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Third-party notices and source' }).click();
	await expect(page.locator('body')).toContainText('GPL-2.0-or-later');
	await expect(page.locator('body')).toContainText(
		'https://github.com/ffmpegwasm/ffmpeg.wasm/tree/v0.12.10'
	);
	await page.goBack();
	await page.getByRole('link', { name: 'GNU GPL version 2' }).click();
	await expect(page.locator('body')).toContainText('GNU GENERAL PUBLIC LICENSE');
	await page.goBack();
	await page.getByRole('link', { name: 'SIL Open Font License 1.1' }).click();
	await expect(page.locator('body')).toContainText('SIL OPEN FONT LICENSE Version 1.1');
	await expect(page.locator('body')).toContainText('The Noto Project Authors');
});
