import { expect, type Locator, type Page } from '@playwright/test';

const BUNDLE = 'tests/fixtures/bundles/upscale-three-shots.maestro';

/** Import the upscale fixture (three shots, a chosen 128x72 take each) and open it. */
export async function importUpscaleBundle(page: Page, origin = '') {
	await page.goto(`${origin}/`);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(BUNDLE);
	await expect(page.getByText('Imported “Upscale me”.')).toBeVisible();
	await page.getByRole('link', { name: 'Upscale me' }).click();
	await expect(page.getByLabel('Storyboard title')).toHaveValue('Upscale me');
}

/** Open the takes of a shot; returns the dialog. */
export async function openTakes(page: Page, shot: number) {
	await page.getByRole('button', { name: new RegExp(`^Open takes of shot ${shot}\\b`) }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByRole('button', { name: 'Upscale', exact: true })).toBeEnabled();
	return dialog;
}

/** Choose the model and scale, upscale, and wait until the result is saved and shown. */
export async function upscale(page: Page, dialog: Locator, scale: 2 | 4) {
	await dialog.getByRole('radio', { name: 'Fast illustration' }).check();
	await dialog.getByRole('radio', { name: `${scale}x` }).check();
	await dialog.getByRole('button', { name: 'Upscale', exact: true }).click();
	await expect(dialog.getByTestId('upscaled-size')).toHaveText(
		`Upscaled: ${128 * scale} × ${72 * scale} px`,
		{ timeout: 60_000 }
	);
}
