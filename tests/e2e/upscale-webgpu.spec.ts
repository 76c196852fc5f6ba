import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { importUpscaleBundle, openTakes } from './support/upscale';

// Chromium here has no GPU; this flag gives it WebGPU on SwiftShader, a software adapter about
// 150x slower than WebAssembly, so the take is tiny. It shows the choice of path, not speed.
test.use({
	launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--enable-unsafe-webgpu'] }
});

test('with a WebGPU adapter the upscale runs on WebGPU and says so', async ({ page }) => {
	test.setTimeout(180_000);
	await importUpscaleBundle(page, '', 'Tiny take');
	const hasAdapter = await page.evaluate(async () => {
		const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
		return (await gpu?.requestAdapter()) != null;
	});
	expect(hasAdapter).toBe(true);
	const dialog = await openTakes(page, 1);
	await dialog.getByRole('radio', { name: 'Fast illustration' }).check();
	await dialog.getByRole('radio', { name: '2x' }).check();
	await dialog.getByRole('button', { name: 'Upscale', exact: true }).click();
	await expect(dialog.getByTestId('upscaled-size')).toHaveText('Upscaled: 64 × 36 px', {
		timeout: 150_000
	});
	await expect(dialog.getByTestId('upscale-backend')).toContainText('Runs on the GPU (WebGPU)');
});
