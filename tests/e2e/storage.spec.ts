import { expect, test } from '@playwright/test';
import { addShot, createStoryboard, expectSaved } from './support/app';

test('a full disk shows a banner and loses nothing', async ({ page }) => {
	// Simulate a full disk: IndexedDB writes fail with QuotaExceededError while the flag is set.
	await page.addInitScript(() => {
		const w = window as unknown as { __diskFull: boolean };
		w.__diskFull = false;
		for (const method of ['put', 'add'] as const) {
			const original = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (
				this: IDBObjectStore,
				...args: [unknown, IDBValidKey?]
			) {
				if (w.__diskFull)
					throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			};
		}
	});
	await createStoryboard(page, 'Full disk');
	const shot = await addShot(page, 'Before');
	await expectSaved(page);

	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
	await shot.getByLabel('Description').fill('Written while the disk is full');
	await expect(page.getByRole('alert')).toContainText('Storage is full');
	await expect(page.getByText('Not saved yet')).toBeVisible();
	await expect(shot.getByLabel('Description')).toHaveValue('Written while the disk is full');

	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
	await page.getByRole('button', { name: 'Try again' }).click();
	await expectSaved(page);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('article', { name: 'Shot 1' }).getByLabel('Description')).toHaveValue(
		'Written while the disk is full'
	);
});

test('persistent storage is requested with the first storyboard and settings show usage', async ({
	page
}) => {
	await page.addInitScript(() => {
		const w = window as unknown as { __persistCalls: number };
		w.__persistCalls = 0;
		navigator.storage.persist = async () => {
			w.__persistCalls++;
			return true;
		};
	});
	await page.goto('/');
	expect(
		await page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)
	).toBe(0);
	await createStoryboard(page, 'First one');
	await expect
		.poll(() =>
			page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)
		)
		.toBe(1);

	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByTestId('storage-used')).toHaveText(/^\d+(\.\d)? (B|KB|MB|GB)$/);
	await expect(page.getByTestId('storage-quota')).toHaveText(/^\d+(\.\d)? (KB|MB|GB|TB)$/);
});
