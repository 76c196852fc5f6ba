import { expect, test } from '../fake-openrouter/playwright';
import { serveStatic } from '../../scripts/serve.mjs';
import { TEST_KEY } from './support/ai';
import { importUpscaleBundle, openTakes, upscale } from './support/upscale';

test.describe('on a static host that sends no COOP/COEP headers', () => {
	let server: { url: string; close: () => Promise<void> };

	test.beforeAll(async () => {
		server = await serveStatic({ root: 'build', isolated: false });
	});

	test.afterAll(async () => {
		await server?.close();
	});

	test('the service worker makes the app cross-origin isolated; AI calls, images and workers keep working', async ({
		page,
		request,
		fake
	}) => {
		test.setTimeout(120_000);
		const response = await request.get(`${server.url}/`);
		expect(response.headers()['cross-origin-embedder-policy']).toBeUndefined();

		// First visit: not controlled by the service worker yet, so not isolated.
		await page.goto(`${server.url}/`);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

		// The AI endpoint (another origin, CORS) still answers.
		await page.goto(`${server.url}/settings`);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		await page.getByLabel('API key', { exact: true }).fill(TEST_KEY);
		await page.getByRole('button', { name: 'Save key', exact: true }).click();
		const baseUrl = page.getByLabel('Base URL');
		await baseUrl.fill(fake.url);
		await baseUrl.press('Tab');
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText(/Connected: \d+ models available/)).toBeVisible();

		// Images from blob: URLs show, and the upscale worker runs with WebAssembly threads.
		await importUpscaleBundle(page, server.url);
		const dialog = await openTakes(page, 1);
		await upscale(page, dialog, 2);
		await expect(dialog.getByTestId('upscale-backend')).toContainText('WebAssembly, 2 threads');
		const before = dialog.getByRole('img', { name: 'Take, before upscaling' });
		expect(await before.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(128);
		const after = dialog.getByRole('img', { name: 'Take, after upscaling' });
		expect(await after.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
	});
});
