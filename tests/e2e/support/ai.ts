import { expect, type Page } from '@playwright/test';
import type { FakeOpenRouter } from '../../fake-openrouter';

export const TEST_KEY = 'sk-or-v1-test-key-0001';

/** Point the app at the fake OpenRouter through Settings, with a key, like a person would. */
export async function connectToFake(
	page: Page,
	fake: FakeOpenRouter,
	{ key = TEST_KEY, remember = false, directorModel = 'openai/gpt-4o-mini' } = {}
) {
	await page.goto('/settings');
	await page.getByLabel('API key', { exact: true }).fill(key);
	if (remember) await page.getByLabel(/Remember on this device/).check();
	await page.getByRole('button', { name: 'Save key', exact: true }).click();
	await expect(page.getByText(/Key saved/)).toBeVisible();
	const baseUrl = page.getByLabel('Base URL');
	await baseUrl.fill(fake.url);
	await baseUrl.press('Tab');
	const director = page.getByLabel('Director model');
	await director.fill(directorModel);
	await director.press('Tab');
	await expect(page.getByTestId('price-director')).toBeVisible();
}
