import { expect, test } from '@playwright/test';
import { addShot, createStoryboard, expectSaved, installServiceWorker } from './support/app';

test('after the first visit every route reloads offline and editing still saves', async ({
	page,
	context
}) => {
	// The service worker controls the page after the first reload.
	await installServiceWorker(page);

	await createStoryboard(page, 'Train ride');
	const shot = await addShot(page, 'Window', 'Fields blur past.');
	await expectSaved(page);
	const url = page.url();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await expect(shot.getByLabel('Description')).toHaveValue('Fields blur past.');
	await shot.getByLabel('Notes').fill('Written offline');
	await addShot(page, 'Tunnel', 'Darkness, then light.');
	await expectSaved(page);

	for (const path of ['/', '/settings', '/p/some-unknown-id']) {
		await page.goto(path);
		await expect(page.getByRole('link', { name: /Maestro/ })).toBeVisible();
	}
	await page.goto('/');
	await expect(page.getByRole('article', { name: 'Train ride' })).toContainText('2 shots');

	await context.setOffline(false);
	await page.goto(url);
	await expect(page.getByText('Offline', { exact: true })).toHaveCount(0);
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Notes')).toHaveValue(
		'Written offline'
	);
	await expect(page.getByRole('article', { name: 'Shot 2' }).getByLabel('Description')).toHaveValue(
		'Darkness, then light.'
	);
});

test('the web manifest makes the app installable', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({
		name: 'Maestro',
		display: 'standalone',
		start_url: '/',
		scope: '/'
	});
	const sizes = manifest.icons.map(
		(icon: { sizes: string; purpose?: string }) => `${icon.sizes} ${icon.purpose ?? 'any'}`
	);
	expect(sizes).toEqual(
		expect.arrayContaining(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable'])
	);
	for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
});
