// Issue 3 through the workspace: add a clip, see its facts, frames and cuts, make shots from the
// cuts, bad files get a clear message and change nothing, and it all comes back after a reload.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createStoryboard, installServiceWorker, savedAssetTypes } from './support/app';

const media = join(import.meta.dirname, '../fixtures/media');

test.describe.configure({ timeout: 120_000 });

test('a clip gives facts, a filmstrip, cuts and shots from cuts, and they survive a reload', async ({
	page
}) => {
	await createStoryboard(page, 'Cuts clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));

	const facts = page.getByRole('list', { name: 'Video facts' }).or(page.getByLabel('Video facts'));
	await expect(facts).toContainText('0:10.0');
	await expect(facts).toContainText('480 × 270');
	await expect(facts).toContainText('25 fps');
	await expect(facts).toContainText('H264');

	const strip = page.getByRole('region', { name: 'Sampled frames' });
	await expect(strip.getByRole('img')).toHaveCount(5, { timeout: 60_000 });
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	for (const time of ['0:02.0', '0:04.4', '0:06.0', '0:08.0']) {
		await expect(
			page.getByRole('button', { name: new RegExp(`Cut \\d at ${time}`) })
		).toBeVisible();
	}

	await page.getByRole('button', { name: 'Shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);
	// One step undoes them all, and one redoes them.
	await page.getByRole('button', { name: 'Undo make 5 shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Redo make 5 shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);

	await page.reload();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(5);
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible();
});

interface GoodFixture {
	file: string;
	durationS: number;
	width: number;
	height: number;
	fps: number;
	codec: string;
	hasAudio: boolean;
	cutsS: number[];
}

const goodFixtures = (
	JSON.parse(readFileSync(join(media, 'manifest.json'), 'utf8')) as {
		files: (GoodFixture & { error?: string })[];
	}
).files.filter((entry) => !entry.error);

/** "0:04.2" or "1:02:03.0" as seconds. */
const clipSeconds = (text: string) =>
	text.split(':').reduce((total, part) => total * 60 + Number(part), 0);

for (const entry of goodFixtures) {
	test(`${entry.file} in the workspace: facts, frame times, cuts and one shot per cut`, async ({
		page
	}) => {
		await createStoryboard(page, entry.file, 'video');
		await page.getByLabel('Add video').setInputFiles(join(media, entry.file));

		const facts = page.getByLabel('Video facts');
		await expect(facts).toContainText(`${entry.width} × ${entry.height}`, { timeout: 60_000 });
		await expect(facts).toContainText(`${entry.fps} fps`);
		await expect(facts).toContainText(entry.codec.toUpperCase());
		await expect(facts.getByText(entry.hasAudio ? 'Yes' : 'No', { exact: true })).toBeVisible();
		const duration = await facts.locator('dd').first().textContent();
		expect(clipSeconds(duration!)).toBeCloseTo(entry.durationS, 1);

		const shots = entry.cutsS.length + 1;
		await expect(
			page.getByText(entry.cutsS.length ? `${entry.cutsS.length} cut` : 'No cuts found: one shot')
		).toBeVisible({ timeout: 90_000 });
		// One context frame per 2 s (at least one), spread evenly, plus the middle frame.
		const contextFrames = Math.max(1, Math.min(24, Math.round(entry.durationS / 2)));
		const times = (
			await page.getByRole('region', { name: 'Sampled frames' }).getByRole('img').all()
		).map(async (image) =>
			clipSeconds((await image.getAttribute('alt'))!.replace('Frame at ', ''))
		);
		const frameTimes = await Promise.all(times);
		expect(frameTimes.length).toBeGreaterThanOrEqual(contextFrames);
		expect(frameTimes.length).toBeLessThanOrEqual(contextFrames + 1);
		const slice = entry.durationS / contextFrames;
		for (let i = 0; i < contextFrames; i++) {
			const planned = (i + 0.5) * slice;
			expect(frameTimes.some((t) => Math.abs(t - planned) <= 0.1 + 1 / entry.fps)).toBe(true);
		}
		expect(frameTimes.some((t) => Math.abs(t - entry.durationS / 2) <= 0.1)).toBe(true);
		// Frames stand as the clip is shown (a phone clip's rotation applied).
		const firstFrame = page
			.getByRole('region', { name: 'Sampled frames' })
			.getByRole('img')
			.first();
		await expect
			.poll(() =>
				firstFrame.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight])
			)
			.toEqual([entry.width, entry.height]);

		const cutLabels = await page
			.getByRole('region', { name: 'Cuts' })
			.getByRole('button', { name: /^Cut \d+ at / })
			.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!));
		const found = cutLabels.map((label) => clipSeconds(label.replace(/^Cut \d+ at /, '')));
		expect(found).toHaveLength(entry.cutsS.length);
		entry.cutsS.forEach((cut, i) => {
			// Within 2 frames, and the label rounds to tenths.
			expect(Math.abs(found[i]! - cut)).toBeLessThanOrEqual(2 / entry.fps + 0.05);
		});

		await page.getByRole('button', { name: 'Shots from cuts' }).click();
		const cards = page.getByRole('article', { name: /^Shot \d+$/ });
		await expect(cards).toHaveCount(shots);
		await expect(page.getByRole('img', { name: /^Source frame of shot \d+$/ })).toHaveCount(shots);
		const durations = await cards
			.getByLabel('Duration (s)')
			.evaluateAll((inputs) => inputs.map((input) => Number((input as HTMLInputElement).value)));
		const bounds = [0, ...entry.cutsS, entry.durationS];
		durations.forEach((d, i) =>
			expect(Math.abs(d - (bounds[i + 1]! - bounds[i]!))).toBeLessThanOrEqual(0.15)
		);
		const transitions = await cards
			.getByLabel('Transition')
			.evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
		expect(transitions).toEqual(Array(shots).fill('cut'));
	});
}

for (const [file, message] of [
	['not-a-video.txt', 'This file is not a video.'],
	['truncated.mp4', 'This video is damaged or incomplete'],
	['truncated-faststart.mp4', 'This video is damaged or incomplete'],
	['audio-only.m4a', 'This file has sound but no picture.'],
	['unknown-codec.mp4', 'cannot decode']
] as const) {
	test(`${file} gets a clear message and leaves the storyboard unchanged`, async ({ page }) => {
		await createStoryboard(page, `Bad ${file}`, 'video');
		await page.getByLabel('Add video').setInputFiles(join(media, file));
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByRole('region', { name: 'Sampled frames' })).toHaveCount(0);
		await page.reload();
		await expect(page.getByLabel('Video facts')).toHaveCount(0);
	});
}

test('one progress bar for the whole intake never goes back, and the cut passes are named', async ({
	page
}) => {
	await createStoryboard(page, 'Progress clip', 'video');
	// Every value the bar and the status line show, as they change.
	await page.evaluate(() => {
		const seen: [string, string][] = [];
		(window as unknown as { __seen: [string, string][] }).__seen = seen;
		const look = () => {
			const bar = document.querySelector<HTMLProgressElement>(
				'progress[aria-label="Video progress"]'
			);
			const status = bar?.parentElement?.querySelector('[role="status"]')?.textContent ?? '';
			if (bar) seen.push([String(bar.value), status]);
		};
		new MutationObserver(look).observe(document.body, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true
		});
	});
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	const seen = await page.evaluate(
		() => (window as unknown as { __seen: [string, string][] }).__seen
	);
	const values = seen.map(([value]) => Number(value));
	values.forEach((v, i) => expect(v, `step ${i}`).toBeGreaterThanOrEqual(values[i - 1] ?? 0));
	const lines = seen.map(([, status]) => status);
	expect(lines.some((l) => /^Finding cuts · pass 1 of 2/.test(l))).toBe(true);
	expect(lines.some((l) => /^Finding cuts · pass 2 of 2: picture \d of 5$/.test(l))).toBe(true);
	expect(lines.some((l) => /100%/.test(l))).toBe(false);
});

test('cancel while sampling leaves a usable page', async ({ page }) => {
	await createStoryboard(page, 'Cancel clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'slow-pan.mp4'));
	await expect(page.getByRole('status').filter({ hasText: /Sampling frame/ })).toBeVisible({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Cancelled')).toBeVisible();
	await page.getByLabel('Add video').setInputFiles(join(media, 'static.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('No cuts found: one shot')).toBeVisible({ timeout: 60_000 });
});

test('after one clip online, a saved clip reloads offline and a new clip is read offline', async ({
	page,
	context
}) => {
	await installServiceWorker(page);
	await createStoryboard(page, 'Offline clip', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		5
	);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	await context.setOffline(false);
});

test('a bad file after a good clip gets its message and the storyboard keeps the good clip', async ({
	page
}) => {
	await createStoryboard(page, 'Good then bad', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	// Its index is whole and its start plays; the data stops halfway.
	await page.getByLabel('Add video').setInputFiles(join(media, 'truncated-faststart.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByRole('alert')).toContainText('This video is damaged or incomplete');
	const strip = page.getByRole('region', { name: 'Sampled frames' }).getByRole('img');
	await expect(strip).toHaveCount(5);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await expect(page.locator('video')).toHaveCount(1);
	await page.reload();
	await expect(strip).toHaveCount(5);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	await expect(page.getByLabel('Video facts').getByText('No', { exact: true })).toBeVisible();
});

test('a second clip asks first; replacing it drops the old clip and its frames, shots made from it stay', async ({
	page
}) => {
	await createStoryboard(page, 'Two clips', 'video');
	await page.getByLabel('Add video').setInputFiles(join(media, 'no-audio.mp4'));
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Shots from cuts' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(3);
	const before = await savedAssetTypes(page);
	// One clip, five sampled frames and three keyframes.
	expect(before.filter((t) => t.startsWith('video/'))).toHaveLength(1);
	expect(before.filter((t) => t === 'image/jpeg')).toHaveLength(8);

	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await expect(page.getByText('Replace the clip with “cuts-h264.mp4”?')).toBeVisible();
	await page.getByRole('button', { name: 'Keep current clip' }).click();
	await expect(page.getByText('Replace the clip')).toHaveCount(0);
	await expect(page.getByText('2 cuts, 3 shots')).toBeVisible();
	expect(await savedAssetTypes(page)).toHaveLength(before.length);

	await page.getByLabel('Add video').setInputFiles(join(media, 'cuts-h264.mp4'));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByLabel('Video facts')).toContainText('0:10.0');
	// The shots made from the first clip keep their pictures.
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(3);
	await expect(page.getByRole('img', { name: /^Source frame of shot \d$/ })).toHaveCount(3);
	const after = await savedAssetTypes(page);
	// The new clip, its five frames and five keyframes, and the three keyframes the shots use.
	expect(after.filter((t) => t.startsWith('video/'))).toHaveLength(1);
	expect(after.filter((t) => t === 'image/jpeg')).toHaveLength(5 + 5 + 3);
});

test('a 2 GB file is accepted and read in place: facts, frames and cuts of the clip at its start', async ({
	page
}) => {
	// A real 10 s clip followed by 2 GB of nothing (a sparse file: no disk or memory is used
	// to make it). The engine reads only the ranges it needs, so it sees the clip.
	const dir = mkdtempSync(join(tmpdir(), 'maestro-2g-'));
	const huge = join(dir, 'huge.mp4');
	copyFileSync(join(media, 'cuts-h264.mp4'), huge);
	truncateSync(huge, 2 * 1024 ** 3);
	try {
		await createStoryboard(page, 'Huge clip', 'video');
		await page.getByLabel('Add video').setInputFiles(huge);
		await expect(page.getByLabel('Video facts')).toContainText('0:10.0', { timeout: 90_000 });
		await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
			5,
			{ timeout: 90_000 }
		);
		await expect(page.getByText('4 cuts, 5 shots')).toBeVisible({ timeout: 90_000 });
		await expect(page.getByRole('alert')).toHaveCount(0);
		// The clip is kept when the browser's storage takes it; when it refuses (a fresh test
		// profile does), the storyboard says so and keeps the frames and cuts.
		await page.reload();
		await expect(
			page.locator('video').or(page.getByText(/too large for the browser's storage/))
		).toBeVisible();
		await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
			5
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
