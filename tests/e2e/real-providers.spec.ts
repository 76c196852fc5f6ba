// What a person with a real key would meet: strict structured output accepted by OpenAI and
// Gemini, no made-up source times for an idea, provider errors in the provider's own words,
// a price before every clip, and no key sent to the public catalogue.
import { readFileSync } from 'node:fs';
import { test, expect } from '../fake-openrouter/playwright';
import { VIDEO_MODELS } from '../fake-openrouter/catalogue';
import { connectToFake } from './support/ai';
import { createStoryboard } from './support/app';
import { download, openExport, parseCsv, useDownloads } from './support/exports';
import { storyboardWithShots } from './support/render';

const PREMISE = 'A courier races a paper lantern through a night market before midnight.';

for (const directorModel of [
	'openai/gpt-4o-mini',
	'google/gemini-2.5-flash',
	'anthropic/claude-haiku-4.5'
]) {
	test(`"Generate shots" with ${directorModel}: a strict schema the provider accepts, no source times for an idea`, async ({
		page,
		fake
	}) => {
		await useDownloads(page);
		await connectToFake(page, fake, { directorModel });
		await createStoryboard(page, 'Lantern run', 'idea', PREMISE);
		await page.getByRole('button', { name: 'Generate shots' }).click();
		await expect(page.getByText('5 shots written.')).toBeVisible();

		const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
		expect(request.status).toBe(200);
		expect(request.body?.responseFormat).toMatchObject({ type: 'json_schema', strict: true });
		expect(JSON.stringify(request.body?.responseFormat?.schema)).not.toContain('sourceTimeS');

		await expect(page.getByRole('article', { name: /^Shot \d$/ })).toHaveCount(5);
		await expect(page.getByText(/From the clip at/)).toHaveCount(0);

		await openExport(page, 'Shot list CSV');
		const csv = await download(page, 'Export CSV', test.info().outputPath('shots.csv'));
		const [heading, ...rows] = parseCsv(readFileSync(csv.path, 'utf8').slice(1)).filter(
			(row) => row.length > 1
		);
		const column = heading!.indexOf('Source time (s)');
		expect(column).toBeGreaterThan(0);
		expect(rows).toHaveLength(5);
		expect(rows.map((row) => row[column])).toEqual(['', '', '', '', '']);
	});
}

test('a provider’s refusal is shown with its name and its own reason', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Refused', 'idea', PREMISE);
	// The provider refuses whatever is sent: what the person reads is the provider's reason.
	fake.script(['error-400-provider']);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByRole('alert')).toContainText(/OpenAI: .+another model in Settings/);
	await expect(page.getByRole('alert')).not.toContainText('Provider returned error');
});

test('"Animate" states a price for every video model before "Submit clip"', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Prices', 3);
	const workspace = page.url();
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await expect(page.getByRole('button', { name: /^Open takes of shot 1 in / })).toHaveCount(1, {
		timeout: 20_000
	});

	for (const model of VIDEO_MODELS) {
		await page.goto('/settings');
		const picker = page.getByLabel('Video model');
		await expect(picker.locator('option', { hasText: model.name })).toHaveCount(1);
		await picker.selectOption(model.id);
		await expect(page.getByTestId('video-model-facts')).toContainText(/\$\d/);
		await page.goto(workspace);
		await page.getByRole('button', { name: 'Animate shot 1' }).click();
		const confirm = page.getByRole('group', { name: 'Confirm animation' });
		const name = model.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		await expect(confirm, model.id).toContainText(new RegExp(`with ${name}:\\s+\\$\\d+\\.\\d+\\.`));
		await expect(confirm.getByRole('button', { name: 'Submit clip' })).toBeEnabled();
		await confirm.getByRole('button', { name: 'Not now' }).click();
	}
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(0);
});

test('the public catalogues are asked for without any Authorization header, key or not', async ({
	page,
	fake
}) => {
	await page.goto('/settings');
	const baseUrl = page.getByLabel('Base URL');
	await baseUrl.fill(fake.url);
	await baseUrl.press('Tab');
	await expect
		.poll(() => fake.requests({ method: 'GET', path: '/videos/models' }).length)
		.toBeGreaterThan(0);
	await expect
		.poll(() => fake.requests({ method: 'GET', path: '/models' }).length)
		.toBeGreaterThan(0);
	const before = fake.log.length;
	// With a key the catalogue is still asked for without it; the key goes to /key only.
	await connectToFake(page, fake);
	await page.getByRole('button', { name: 'Reload model lists' }).click();
	await expect
		.poll(
			() => fake.log.slice(before).filter((r) => r.method === 'GET' && r.path === '/models').length
		)
		.toBeGreaterThan(0);
	const catalogue = fake.log.filter(
		(r) => r.method === 'GET' && (r.path === '/models' || r.path === '/videos/models')
	);
	expect(catalogue.every((r) => r.status === 200)).toBe(true);
	expect(catalogue.every((r) => r.headers.authorization === undefined)).toBe(true);
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByText(/Connected: \d+ models available/)).toBeVisible();
	expect(fake.requests({ path: '/key' }).at(-1)!.headers.authorization).toMatch(
		/^Bearer sk-or-v1-/
	);
});

test('a video model the catalogue gives no price for says so, and needs a tick to go on', async ({
	page,
	fake
}) => {
	// The same catalogue with one model's prices taken away, as a live catalogue may list it.
	await page.route(`${fake.url}/videos/models`, async (route) => {
		const response = await route.fetch();
		const body = (await response.json()) as { data: { id: string; pricing_skus?: unknown }[] };
		for (const model of body.data) if (model.id === 'runway/gen-4.5') model.pricing_skus = {};
		await route.fulfill({ response, json: body });
	});
	await connectToFake(page, fake);
	const picker = page.getByLabel('Video model');
	await expect(picker.locator('option', { hasText: 'Runway: Gen-4.5' })).toHaveCount(1);
	await picker.selectOption('runway/gen-4.5');
	await expect(page.getByTestId('video-model-facts')).toContainText('price not listed');
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Unpriced', 3);
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await expect(page.getByRole('button', { name: /^Open takes of shot 1 in / })).toHaveCount(1, {
		timeout: 20_000
	});
	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	const confirm = page.getByRole('group', { name: 'Confirm animation' });
	await expect(confirm).toContainText('with Runway: Gen-4.5: no price.');
	await expect(confirm).toContainText(
		'The cost is unknown until the provider bills it: the catalogue lists no price for it.'
	);
	const submit = confirm.getByRole('button', { name: 'Submit clip' });
	await expect(submit).toBeDisabled();
	await confirm.getByLabel('Go on without a price').check();
	await expect(submit).toBeEnabled();
	await submit.click();
	await expect.poll(() => fake.requests({ method: 'POST', path: '/videos' }).length).toBe(1);
	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		/Submitted shot 1 for animation \(\d+ s at 720p, no listed price\)/
	);
});
