import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../../scripts/serve.mjs';

const BASE = '/maestro';
const OUT = 'build-subpath';

test.describe('deployed under a sub-path', () => {
	let server: { url: string; close: () => Promise<void> };

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		execFileSync('npx', ['vite', 'build'], {
			env: { ...process.env, BASE_PATH: BASE, BUILD_DIR: OUT },
			stdio: 'ignore'
		});
		server = await serveStatic({ root: OUT, base: BASE });
	});

	test.afterAll(async () => {
		await server?.close();
		await rm(OUT, { recursive: true, force: true });
	});

	test('the app, its links, manifest and service worker all live under the sub-path', async ({
		page,
		context,
		request
	}) => {
		await page.goto(`${server.url}/`);
		await expect(page.getByRole('heading', { name: 'No storyboards yet' })).toBeVisible();
		const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
		expect(new URL(scope).pathname).toBe(`${BASE}/`);

		const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
		const manifest = await (await request.get(new URL(manifestHref!, page.url()).href)).json();
		expect(manifest.start_url).toBe(`${BASE}/`);
		expect(manifest.scope).toBe(`${BASE}/`);
		for (const icon of manifest.icons) {
			expect(icon.src.startsWith(`${BASE}/`)).toBe(true);
			expect((await request.get(new URL(icon.src, page.url()).href)).status()).toBe(200);
		}

		await page.getByRole('button', { name: 'New storyboard' }).first().click();
		await page.getByRole('textbox', { name: 'Title' }).fill('Under a sub-path');
		await page.getByRole('button', { name: 'Create storyboard' }).click();
		await expect(page).toHaveURL(new RegExp(`${BASE}/p/[0-9a-f-]+$`));
		await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
		await expect(page).toHaveURL(`${server.url}/settings`);

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
		await page
			.getByRole('link', { name: /Maestro/ })
			.first()
			.click();
		await expect(page.getByRole('article', { name: 'Under a sub-path' })).toBeVisible();
		await context.setOffline(false);
	});
});
