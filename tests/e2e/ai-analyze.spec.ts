import { join } from 'node:path';
import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake, TEST_KEY } from './support/ai';
import { createStoryboard } from './support/app';
import { savedAssetIds, savedShots } from './support/saved-shots';

// The director writes beats here: 1 for a static shot, 2–4 where the action unfolds.
test.beforeEach(({ fake }) => {
	fake.setMode({ beatsPerShot: null });
});

const clip = join(import.meta.dirname, '../fixtures/media/cuts-h264.mp4');

test.describe.configure({ timeout: 120_000 });

test('analyze a clip: the frames go as image parts, the description streams into Context, then shots', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 20, charsPerChunk: 8 });
	await createStoryboard(page, 'Analyzed clip', 'video');
	await page.getByLabel('Add video').setInputFiles(clip);
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5,
		{
			timeout: 60_000
		}
	);
	await expect(
		page.getByText(/Analyze sends 4 frames \(\d+ KB\) to google\/gemini-2.5-flash/)
	).toBeVisible({ timeout: 30_000 });

	await page.getByRole('button', { name: 'Analyze' }).click();
	const context = page.getByLabel('Context');
	await expect(context).toHaveValue(/Scene analysis of 4 images/);
	await expect(page.getByText(/Scene described \(\d+ words\)/)).toBeVisible();
	await expect(page.getByTestId('context-words')).toHaveText(/^[1-9]\d* words$/);

	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.imageCount).toBe(4);
	expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
	expect(request.headers['x-title']).toBe('Maestro');
	expect(request.headers['http-referer']).toBe(new URL(page.url()).origin);
	expect(request.unknownHeaders).toEqual([]);

	// Saved as it streamed: a reload shows the same Context.
	const described = await context.inputValue();
	await page.reload();
	await expect(page.getByLabel('Context')).toHaveValue(described);

	// The slow stream was for watching the description arrive; the shots may come at full speed.
	fake.setMode({ tokenDelayMs: 0 });
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText('5 shots written.')).toBeVisible();
	const director = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(director.body?.text).toContain(described.slice(0, 40));
	expect(director.body?.imageCount).toBe(1);
	await expect(
		page.getByRole('article', { name: 'Shot 1' }).getByText(/From the clip at/)
	).toBeVisible();

	// The director is told the clip's spans between cuts and splits a long shot into beats there:
	// each beat's moment inside its shot's span, in order, shown by the nearest saved frame.
	const spans = [...(director.body?.text ?? '').matchAll(/(\d+\.\d)–(\d+\.\d) s\b/g)].map(
		(match) => ({ startS: Number(match[1]), endS: Number(match[2]) })
	);
	expect(spans).toHaveLength(5);
	expect(director.body?.text).toContain('split it into 2 to 4 beats at its key moments');
	const shots = await savedShots(page);
	expect(shots.map((shot) => shot.beats.length)).toEqual([1, 3, 1, 1, 1]);
	const assets = new Set(await savedAssetIds(page));
	for (const shot of shots) {
		const span = spans.find((s) => shot.sourceTimeS! >= s.startS && shot.sourceTimeS! < s.endS)!;
		const times = shot.beats.map((beat) => beat.sourceTimeS!);
		for (const time of times) {
			expect(time).toBeGreaterThanOrEqual(span.startS);
			expect(time).toBeLessThan(span.endS + 0.05);
		}
		expect(times).toEqual([...times].sort((a, b) => a - b));
		for (const beat of shot.beats) expect(assets.has(beat.keyframeAssetId!)).toBe(true);
	}
	expect(new Set(shots[1]!.beats.map((beat) => beat.sourceTimeS)).size).toBe(3);
});

test('cancelling Analyze keeps the text that arrived', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 120, charsPerChunk: 4 });
	await createStoryboard(page, 'Cancel analyze', 'video');
	await page.getByLabel('Add video').setInputFiles(clip);
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5,
		{
			timeout: 60_000
		}
	);
	await page.getByRole('button', { name: 'Analyze' }).click();
	await expect(page.getByLabel('Context')).toHaveValue(/Scene/);
	await page.getByRole('region', { name: 'Story' }).getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Cancelled. What arrived before is kept.')).toBeVisible();
	const kept = await page.getByLabel('Context').inputValue();
	expect(kept.length).toBeGreaterThan(0);
	await page.reload();
	await expect(page.getByLabel('Context')).toHaveValue(kept);
});
