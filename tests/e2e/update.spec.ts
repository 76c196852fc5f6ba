import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic } from '../../scripts/serve.mjs';
import { addShot, expectSaved, showShotsAs } from './support/app';

test('a new deployment offers "Reload to update" and never reloads by itself', async ({ page }) => {
	// Deploy a copy of the build that this test can redeploy.
	const root = await mkdtemp(join(tmpdir(), 'maestro-deploy-'));
	await cp('build', root, { recursive: true });
	const server = await serveStatic({ root });
	try {
		await page.goto(`${server.url}/`);
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		await page.getByRole('button', { name: 'New storyboard' }).first().click();
		await page.getByRole('button', { name: 'Create storyboard' }).click();
		await showShotsAs(page, 'list');
		const shot = await addShot(page, 'Typing when the update lands');
		await expectSaved(page);

		// Redeploy: a changed service worker is a new version.
		await appendFile(join(root, 'sw.js'), '\n// next deployment\n');
		await page.evaluate(() => {
			(window as unknown as { __sameDocument: boolean }).__sameDocument = true;
			return navigator.serviceWorker
				.getRegistration()
				.then((registration) => registration?.update());
		});
		await expect(page.getByRole('button', { name: 'Reload to update' })).toBeVisible();
		await expect(page.getByText('A new version of Maestro is ready')).toBeVisible();
		// Nothing reloaded under the person: same document, same text in the field.
		expect(
			await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)
		).toBe(true);
		await expect(shot.getByLabel('Title')).toHaveValue('Typing when the update lands');

		const reloaded = page.waitForEvent('load');
		await page.getByRole('button', { name: 'Reload to update' }).click();
		await reloaded;
		expect(
			await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)
		).toBeUndefined();
		await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);
		await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title')).toHaveValue(
			'Typing when the update lands'
		);
	} finally {
		await server.close();
		await rm(root, { recursive: true, force: true });
	}
});
