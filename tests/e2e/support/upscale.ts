import { expect, type Locator, type Page } from '@playwright/test';
import { showShotsAs } from './app';

/** The upscale fixtures (see scripts/fixtures/make-upscale-bundle.mjs) and their titles. */
const BUNDLES = {
	/** Three shots, a chosen 128x72 take each (transparent top-left corner). */
	'Upscale me': 'tests/fixtures/bundles/upscale-three-shots.maestro',
	/** One shot with a 32x18 take. */
	'Tiny take': 'tests/fixtures/bundles/upscale-tiny.maestro',
	/** One shot with a 1280x160 take: three tiles on the WASM path. */
	'Wide take': 'tests/fixtures/bundles/upscale-wide.maestro',
	/** One shot with a 1280x720 take: six tiles on the WASM path. */
	'HD take': 'tests/fixtures/bundles/upscale-hd.maestro'
} as const;

/** Import an upscale fixture and open it. */
export async function importUpscaleBundle(
	page: Page,
	origin = '',
	title: keyof typeof BUNDLES = 'Upscale me'
) {
	await page.goto(`${origin}/`);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(BUNDLES[title]);
	await expect(page.getByText(`Imported “${title}”.`)).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByLabel('Storyboard title')).toHaveValue(title);
	await showShotsAs(page, 'list');
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
