import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decodePng } from '../../scripts/png.mjs';
import { installServiceWorker } from './support/app';
import { importUpscaleBundle, openTakes, upscale } from './support/upscale';

/** The PNG behind "Download PNG", decoded. */
async function downloadPng(page: Page, dialog: Locator) {
	const download = page.waitForEvent('download');
	await dialog.getByRole('link', { name: 'Download PNG' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/-upscaled\.png$/);
	return decodePng(new Uint8Array(await readFile((await file.path())!)));
}

test.describe('upscaling a take', () => {
	test.describe.configure({ timeout: 180_000 });

	test('2x and 4x on the WASM path with threads: saved, compared, downloaded, and offline once used', async ({
		page,
		context
	}) => {
		await installServiceWorker(page);
		await importUpscaleBundle(page);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

		let dialog = await openTakes(page, 1);
		await expect(
			dialog.getByText(/Real-ESRGAN, Xintao Wang et al\., licensed BSD-3-Clause/)
		).toBeVisible();
		await dialog.getByRole('radio', { name: 'Fast illustration' }).check();
		await dialog.getByRole('radio', { name: '2x' }).check();
		await dialog.getByRole('button', { name: 'Upscale', exact: true }).click();
		// Progress is shown per tile while it runs, with a Cancel button.
		await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
		await expect(dialog.getByTestId('upscaled-size')).toHaveText('Upscaled: 256 × 144 px', {
			timeout: 60_000
		});
		await expect(dialog.getByTestId('upscale-backend')).toContainText(
			'Runs on the CPU (WebAssembly, 2 threads)'
		);

		// The before/after slider works from the keyboard.
		const slider = dialog.getByRole('slider', { name: 'Before and after' });
		await expect(slider).toHaveValue('50');
		await slider.focus();
		await page.keyboard.press('End');
		await expect(slider).toHaveValue('100');
		await page.keyboard.press('ArrowLeft');
		await expect(slider).toHaveValue('99');
		await expect(dialog.getByRole('img', { name: 'Take, after upscaling' })).toBeVisible();

		// The download is the PNG: twice the size, the transparent corner kept.
		const png = await downloadPng(page, dialog);
		expect([png.width, png.height, png.channels]).toEqual([256, 144, 4]);
		expect(png.data[3]).toBe(0);
		expect(png.data[(100 * 256 + 200) * 4 + 3]).toBe(255);

		// 4x replaces it.
		await upscale(page, dialog, 4);
		const big = await downloadPng(page, dialog);
		expect([big.width, big.height]).toEqual([512, 288]);

		// Saved: after a reload the take still has its upscaled image.
		await page.reload();
		dialog = page.getByRole('dialog');
		await page.getByRole('button', { name: /^Open takes of shot 1\b/ }).click();
		await expect(dialog.getByTestId('upscaled-size')).toHaveText('Upscaled: 512 × 288 px');
		await dialog.getByRole('button', { name: 'Close' }).click();

		// Offline: the model, runtime and app come from the service worker's caches.
		await context.setOffline(true);
		await page.reload();
		dialog = await openTakes(page, 2);
		await upscale(page, dialog, 2);
		await dialog.getByRole('button', { name: 'Close' }).click();
		await context.setOffline(false);

		// "Upscale chosen" does only the take that has no upscaled image yet (shot 3).
		await page.getByRole('button', { name: 'Upscale chosen' }).click();
		await expect(page.getByText('Upscaled 1 of 1.')).toBeVisible({ timeout: 60_000 });
		dialog = await openTakes(page, 3);
		await expect(dialog.getByTestId('upscaled-size')).toHaveText('Upscaled: 256 × 144 px');
	});

	test('Cancel stops an upscale and the next one still works', async ({ page }) => {
		await importUpscaleBundle(page);
		const dialog = await openTakes(page, 1);
		await dialog.getByRole('radio', { name: 'Quality' }).check();
		await dialog.getByRole('radio', { name: '4x' }).check();
		await dialog.getByRole('button', { name: 'Upscale', exact: true }).click();
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
		await expect(dialog.getByRole('alert')).toHaveCount(0);
		await expect(dialog.getByTestId('upscaled-size')).toHaveCount(0);
		await upscale(page, dialog, 2);
	});
});

test('a build without the models says so and how to get them', async ({ page, context }) => {
	// As if `npm run models` never ran: no manifest.
	await context.route('**/models/manifest.json', (route) => route.fulfill({ status: 404 }));
	await importUpscaleBundle(page);
	await page.getByRole('button', { name: /^Open takes of shot 1\b/ }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByText(/The upscale models are not part of this build/)).toBeVisible();
	await expect(dialog.getByText('npm run models')).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Upscale', exact: true })).toHaveCount(0);
});

test('a model file missing from the server is named as the problem', async ({ page, context }) => {
	await context.route('**/*.onnx*', (route) => route.fulfill({ status: 404 }));
	await importUpscaleBundle(page);
	const dialog = await openTakes(page, 1);
	await dialog.getByRole('radio', { name: 'Fast illustration' }).check();
	await dialog.getByRole('radio', { name: '2x' }).check();
	await dialog.getByRole('button', { name: 'Upscale', exact: true }).click();
	await expect(dialog.getByRole('alert')).toHaveText(
		/The upscale model is not part of this build\. Run `npm run models`/
	);
});
