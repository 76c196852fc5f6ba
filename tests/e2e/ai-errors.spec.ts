import { test, expect } from '../fake-openrouter/playwright';
import type { Page } from '@playwright/test';
import { connectToFake } from './support/ai';
import { createStoryboard, shotTitles } from './support/app';

const PREMISE = 'Two friends miss the last ferry and row across the bay at dawn.';

async function generate(page: Page) {
	await createStoryboard(page, 'Errors', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
}

const alert = (page: Page) => page.getByRole('alert');

test('402: out of credits says so and keeps the storyboard', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ outcome: 'error-402' });
	await generate(page);
	await expect(alert(page)).toContainText('Not enough credits');
	await expect(alert(page).getByRole('link', { name: 'Settings' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Generate shots' })).toBeEnabled();
});

test('403: moderation shows its reasons', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ outcome: 'error-403-moderation' });
	await generate(page);
	await expect(alert(page)).toContainText(/flagged by moderation \(.+\)/);
});

test('429, 429, then success: retried with back-off', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ retryAfterS: 0.2 });
	fake.script([429, 429, 200], { path: '/chat/completions' });
	await generate(page);
	await expect(page.getByText('5 shots written.')).toBeVisible();
	const attempts = fake.requests({ method: 'POST', path: '/chat/completions' });
	expect(attempts.map((a) => a.status)).toEqual([429, 429, 200]);
});

test('an error in the middle of the stream keeps the shots that arrived', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ outcome: 'midstream-502' });
	await generate(page);
	await expect(alert(page)).toContainText('stopped in the middle of its answer');
	const kept = await shotTitles(page);
	expect(kept.length).toBeGreaterThanOrEqual(1);
	expect(kept.length).toBeLessThan(5);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(kept);
});

test('a model that ignores the JSON format still yields shots', async ({ page, fake }) => {
	await connectToFake(page, fake, { directorModel: 'anthropic/claude-sonnet-4.5' });
	await generate(page);
	await expect(page.getByText('5 shots written.')).toBeVisible();
	await expect(page.getByRole('article', { name: /^Shot \d$/ })).toHaveCount(5);
});

test('truncated output keeps the complete shots and reports the rest', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ outcome: 'truncate' });
	await generate(page);
	await expect(
		page
			.getByRole('region', { name: 'Story' })
			.getByText(/The answer was cut off: \d complete shots? (was|were) kept/)
	).toBeVisible();
	await page.getByText('View raw output').click();
	await expect(page.locator('details.raw pre')).toContainText('"shots"');
});

test('the wrong number of shots is reported', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ shotCount: 2 });
	await generate(page);
	await expect(
		page.getByRole('region', { name: 'Story' }).getByText('Asked for 5 shots, the model wrote 2.')
	).toBeVisible();
	await expect(page.getByRole('article', { name: /^Shot \d$/ })).toHaveCount(2);
});

test('unusable output shows the raw answer and changes nothing', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ outcome: 'empty' });
	await generate(page);
	await expect(alert(page)).toContainText('did not answer with shots in the expected format');
	await expect(page.getByRole('article', { name: /^Shot \d$/ })).toHaveCount(0);
});

test('offline: AI actions are disabled with the reason', async ({ page, fake, context }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'No network', 'idea', PREMISE);
	await context.setOffline(true);
	await expect(page.getByText('Offline: AI steps need a network connection.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Generate shots' })).toBeDisabled();
	await context.setOffline(false);
	await expect(page.getByRole('button', { name: 'Generate shots' })).toBeEnabled();
});

test('without a key the app says where to add one', async ({ page }) => {
	await createStoryboard(page, 'No key', 'idea', PREMISE);
	await expect(page.getByText('Add your API key in Settings to use AI steps.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Generate shots' })).toBeDisabled();
});
