import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake, TEST_KEY } from './support/ai';
import { createStoryboard, expectSaved, shotTitles } from './support/app';
import { deliveredImages } from './support/render';
import { savedShots } from './support/saved-shots';

// The director writes beats here: 1 for a static shot, 2–4 where the action unfolds.
test.beforeEach(({ fake }) => {
	fake.setMode({ beatsPerShot: null });
});

/** The slice of a JSON Schema the tests read. */
interface SchemaNode {
	required: string[];
	properties: Record<string, SchemaNode>;
	items: SchemaNode;
}

const PREMISE = 'A courier races a paper lantern through a night market before midnight.';

test('settings: save a key, test the connection, see models with prices', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByText(/Connected: \d+ models available/)).toBeVisible();
	await expect(page.getByText('Free tier')).toBeVisible();
	await expect(page.getByText('No limit on this key')).toBeVisible();
	await expect(page.getByTestId('price-director')).toContainText(/per M tokens/);
	await expect(page.getByText(/\d+ vision, \d+ text and \d+ image models listed/)).toBeVisible();

	const keyRequest = fake.requests({ path: '/key' }).at(-1)!;
	expect(keyRequest.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
	expect(keyRequest.headers['http-referer']).toBe(new URL(page.url()).origin);
	expect(keyRequest.headers['x-title']).toBe('Maestro');
	expect(keyRequest.unknownHeaders).toEqual([]);

	// Not remembered: the key lives for this tab's session only.
	await page.reload();
	await expect(page.getByLabel('API key', { exact: true })).toHaveValue(TEST_KEY);
	const otherTab = await page.context().newPage();
	await otherTab.goto('/settings');
	await expect(otherTab.getByLabel('Base URL')).toHaveValue(fake.url);
	await expect(otherTab.getByLabel('API key', { exact: true })).toHaveValue('');
	await expect(otherTab.getByRole('button', { name: 'Test connection' })).toBeDisabled();
});

test('a bad key is refused with a pointer to Settings', async ({ page, fake }) => {
	await connectToFake(page, fake, { key: 'sk-or-v1-bad-key' });
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByText(/The API key was refused \(User not found\.\)/)).toBeVisible();
});

test('an idea becomes shots that appear one by one, each saved as it arrives', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 25, charsPerChunk: 6 });
	await createStoryboard(page, 'Lantern run', 'idea', PREMISE);
	await page.getByLabel('Shot count').fill('4');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();

	await expect(page.getByRole('article', { name: 'Shot 1' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /Creating shot \d of 4/ })).toBeVisible();
	// The first card is on screen while the answer is still streaming.
	expect(fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!.finished).toBe(false);
	// The slow stream (with every shot's and beat's cast list) takes longer than the default wait.
	await expect(page.getByRole('article', { name: /^Shot \d$/ })).toHaveCount(4, {
		timeout: 30_000
	});
	await expect(page.getByText('4 shots written.')).toBeVisible();

	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain(PREMISE);
	expect(request.body?.text).toContain('shot count: 4');
	expect(request.headers['http-referer']).toBe(new URL(page.url()).origin);
	expect(request.unknownHeaders).toEqual([]);

	const first = page.getByRole('article', { name: 'Shot 1' });
	await expect(first.getByLabel('Description')).not.toHaveValue('');
	await expect(page.getByTestId('project-cost')).not.toHaveText('$0.00 spent');
	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		/Wrote 4 shots with openai\/gpt-4o-mini \(\$/
	);

	const titles = await shotTitles(page);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(titles);
});

test('a premise with a spoken line gives a shot that says it, shown in its form and saved', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	const premise =
		'A courier races through a night market. Mara whispers: "Keep the flame alive." Sound of firecrackers.';
	await createStoryboard(page, 'Spoken', 'idea', premise);
	await page.getByLabel('Shot count').fill('3');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('3 shots written.')).toBeVisible();

	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(JSON.stringify(request.body?.responseFormat)).toContain('"dialogue"');

	const first = page.getByRole('article', { name: 'Shot 1' });
	const dialogue = first.getByRole('group', { name: 'Dialogue' });
	await expect(dialogue.getByRole('textbox', { name: 'Speaker 1, shot 1' })).toHaveValue('Mara');
	await expect(dialogue.getByRole('textbox', { name: 'Line 1, shot 1' })).toHaveValue(
		'Keep the flame alive.'
	);
	await expect(first.getByRole('textbox', { name: 'Sound' })).toHaveValue('firecrackers');
	// Nobody speaks in the other shots.
	const second = page.getByRole('article', { name: 'Shot 2' });
	await expect(second.getByRole('textbox', { name: /^Line/ })).toHaveCount(0);
	await expect(second.getByRole('textbox', { name: 'Sound' })).toHaveValue('');

	// The person answers her, and it is saved.
	await dialogue.getByRole('button', { name: 'Add line' }).click();
	await expect(dialogue.getByRole('textbox', { name: 'Speaker 2, shot 1' })).toBeFocused();
	await page.keyboard.type('Jun');
	await dialogue.getByRole('textbox', { name: 'Line 2, shot 1' }).fill('It will.');
	await expectSaved(page);
	await page.reload();
	const reloaded = page.getByRole('article', { name: 'Shot 1' });
	await expect(reloaded.getByRole('textbox', { name: 'Speaker 1, shot 1' })).toHaveValue('Mara');
	await expect(reloaded.getByRole('textbox', { name: 'Line 2, shot 1' })).toHaveValue('It will.');
	await expect(reloaded.getByRole('textbox', { name: 'Speaker 2, shot 1' })).toHaveValue('Jun');

	// Removing a line is one undoable step.
	await reloaded.getByRole('button', { name: 'Remove line 1 of shot 1' }).click();
	await expect(reloaded.getByRole('textbox', { name: 'Line 1, shot 1' })).toHaveValue('It will.');
	await expect(reloaded.getByRole('textbox', { name: 'Line 2, shot 1' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo remove line 1 of shot 1' }).click();
	await expect(reloaded.getByRole('textbox', { name: 'Line 1, shot 1' })).toHaveValue(
		'Keep the flame alive.'
	);
});

test('reloading mid-stream keeps the shots received so far', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 30, charsPerChunk: 6 });
	await createStoryboard(page, 'Interrupted', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByRole('article', { name: 'Shot 2' })).toBeVisible();
	const before = await shotTitles(page);
	await page.reload();
	await expect(page.getByRole('article', { name: 'Shot 2' })).toBeVisible();
	const after = await shotTitles(page);
	expect(after.slice(0, before.length)).toEqual(before);
	await expect(page.getByRole('button', { name: 'Generate shots' })).toBeEnabled();
});

test('Cancel stops the director and keeps what arrived', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 30, charsPerChunk: 6 });
	await createStoryboard(page, 'Cancelled', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByRole('article', { name: 'Shot 1' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Cancelled. What arrived before is kept.')).toBeVisible();
	const kept = await shotTitles(page);
	expect(kept.length).toBeGreaterThanOrEqual(1);
	await expect
		.poll(() => fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!.disconnected)
		.toBe(true);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(kept);
});

test('regenerate one shot with a note; the others stay', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Rewrite', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('5 shots written.')).toBeVisible();
	const before = await shotTitles(page);
	const notes = page.getByRole('article', { name: 'Shot 2' }).getByLabel('Notes');
	await notes.fill('Keep the lantern');
	await expectSaved(page);
	const angleBefore = await page
		.getByRole('article', { name: 'Shot 2' })
		.getByLabel('Camera angle')
		.inputValue();
	expect(angleBefore).not.toBe('Low angle');
	await page.getByRole('button', { name: 'Regenerate shot 2' }).click();
	await page.getByLabel('Note for the director').fill('make it a low-angle close-up');
	await page.getByRole('button', { name: 'Rewrite shot 2' }).click();
	await expect(page.getByText('Shot 2 rewritten.').first()).toBeVisible();
	const second = page.getByRole('article', { name: 'Shot 2' });
	await expect(second.getByLabel('Shot size')).toHaveValue('Close-up');
	await expect(second.getByLabel('Camera angle')).toHaveValue('Low angle');
	await expect(second.getByLabel('Notes')).toHaveValue('Keep the lantern');
	const after = await shotTitles(page);
	expect([after[0], ...after.slice(2)]).toEqual([before[0], ...before.slice(2)]);
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain('make it a low-angle close-up');
	// One undo puts the shot back as it was.
	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect(second.getByLabel('Camera angle')).toHaveValue(angleBefore);
	await expect(second.getByLabel('Notes')).toHaveValue('Keep the lantern');
});

test('generating again replaces the old shots, with undo', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Second take', 'idea', PREMISE);
	await page.getByLabel('Shot count').fill('3');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('3 shots written.')).toBeVisible();
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Title').fill('Hand-edited');
	const old = await shotTitles(page);
	// Replacing hand-written shots is never the default.
	await expect(page.getByLabel('Replace the current 3 shots')).not.toBeChecked();
	await page.getByLabel('Replace the current 3 shots').check();
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('Replaced 3 earlier shots.')).toBeVisible();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(3);
	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	// Undo puts the storyboard back as it was: the old shots, not old and new together.
	await expect.poll(() => shotTitles(page)).toEqual(old);
	await page.reload();
	await expect.poll(() => shotTitles(page)).toEqual(old);
});

test('structured output is requested from a model that lists it, across reloads', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Structured', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('5 shots written.')).toBeVisible();
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.responseFormat?.type).toBe('json_schema');
});

test('the director writes beats: a shot whose action unfolds gets three, static ones one', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Beats', 'idea', PREMISE);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('5 shots written.')).toBeVisible();

	// The request asks for beats in the strict schema the fake holds to the providers' rules.
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.status).toBe(200);
	const shotSchema = (request.body?.responseFormat?.schema as SchemaNode).properties.shots!.items;
	expect(shotSchema.required).toContain('beats');
	expect(shotSchema.properties.beats!.items.required).toEqual(['action', 'camera', 'cast']);
	expect(request.body?.text).toMatch(/Give a static shot 1 beat, and 2 to 4 beats/);

	await page.reload();
	const shots = await savedShots(page);
	expect(shots.map((shot) => shot.beats.length)).toEqual([1, 3, 1, 1, 1]);
	expect(shots[1]!.beats.map(({ action, camera }) => ({ action, camera }))).toEqual([
		{ action: 'the subject turns toward the sound', camera: '' },
		{ action: 'the subject sees what waits ahead', camera: 'rack focus to the background' },
		{ action: 'a hand closes around the handle', camera: 'push in slightly' }
	]);
	const ids = shots.flatMap((shot) => shot.beats.map((beat) => beat.id));
	expect(new Set(ids).size).toBe(7);
	expect(shots[0]!.beats[0]).toMatchObject({ action: 'the subject steps into the light' });
});

test('"Storyboard it" renders every beat the director wrote', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await createStoryboard(page, 'Beats rendered', 'idea', PREMISE);
	await page.getByLabel('Shot count').fill('3');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Storyboard it' }).click();
	await expect(page.getByText('3 shots written.')).toBeVisible();
	// 1 + 3 + 1 beats, each its own picture.
	await expect.poll(() => deliveredImages(fake).length, { timeout: 40_000 }).toBe(5);
	await expect(page.getByRole('region', { name: 'Render' })).toContainText(/5 of 5|finished/i);
	const prompts = deliveredImages(fake).map((r) => r.body?.text ?? '');
	expect(prompts.filter((text) => /panel \d of 3 of this shot/.test(text))).toHaveLength(3);
	expect(prompts.some((text) => text.includes('the subject sees what waits ahead'))).toBe(true);
	expect(fake.requests({ method: 'POST', path: '/chat/completions' })).toHaveLength(6);
});

test('Regenerate rewrites a shot’s beats, as one undoable step', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Rewrite beats', 'idea', PREMISE);
	await page.getByLabel('Shot count').fill('3');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('3 shots written.')).toBeVisible();
	const before = (await savedShots(page))[1]!.beats;
	expect(before).toHaveLength(3);

	await page.getByRole('button', { name: 'Regenerate shot 2' }).click();
	await page.getByLabel('Note for the director').fill('make it a low-angle close-up');
	await page.getByRole('button', { name: 'Rewrite shot 2' }).click();
	await expect(page.getByText('Shot 2 rewritten.').first()).toBeVisible();

	// The shot's current beats went to the director; its answer replaced them.
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain('"beats":[{"action":"the subject turns toward the sound"');
	expect(JSON.stringify(request.body?.responseFormat?.schema)).toContain('"beats"');
	const after = (await savedShots(page))[1]!.beats;
	expect(after.map((beat) => beat.action)).toEqual([
		'the subject steps into the light',
		'the subject turns toward the sound'
	]);
	// Each place keeps its beat's id, so its pictures stay with it.
	expect(after.map((beat) => beat.id)).toEqual(before.slice(0, 2).map((beat) => beat.id));

	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect.poll(async () => (await savedShots(page))[1]!.beats).toEqual(before);
});
