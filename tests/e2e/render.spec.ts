import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake, TEST_KEY } from './support/ai';
import { DESKTOP, screenshot } from './support/viewport';
import {
	beatOf,
	deliveredImages,
	giveBeats,
	savedImageTakes,
	setConcurrency,
	setStyle,
	shotTitles,
	storyboardWithShots,
	STYLE_DIR,
	titleOf
} from './support/render';

const progressLine = (page: import('@playwright/test').Page, text: RegExp) =>
	page.getByRole('status').filter({ hasText: text });

const shotPictures = (page: import('@playwright/test').Page) =>
	page.getByRole('button', { name: /^Open takes of shot \d+ in / });

test('5 shots x 2 styles render with the style and continuity images in the requests', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageDelayMs: 800, imageScale: 0.25 });
	await storyboardWithShots(page, 'Two looks', 5);
	await setStyle(page, 1, {
		name: 'Ink wash',
		words: 'loose ink wash',
		reference: 'ink-wash-1600x900.png'
	});
	await page.getByRole('button', { name: 'Add style' }).click();
	await setStyle(page, 2, {
		name: 'Clean line',
		words: 'clean line art',
		reference: 'clean-line-640.webp'
	});

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(
		progressLine(page, /Rendering (shot \d )?in Ink wash · \d of 5 beats/)
	).toBeVisible();
	await expect(shotPictures(page)).toHaveCount(10, { timeout: 30_000 });
	await expect(progressLine(page, /Rendered 5 of 5 beats in Ink wash/)).toBeVisible();
	await expect(progressLine(page, /Rendered 5 of 5 beats in Clean line/)).toBeVisible();

	const requests = deliveredImages(fake);
	expect(requests).toHaveLength(10);
	const titles = await page
		.getByRole('article', { name: /^Shot \d$/ })
		.getByLabel('Title')
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
	const transitions = await page
		.getByRole('article', { name: /^Shot \d$/ })
		.getByLabel('Transition')
		.evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
	for (const request of requests) {
		expect(request.key).toBe(TEST_KEY);
		expect(request.body?.modalities).toEqual(['image', 'text']);
		expect(request.body?.imageConfig).toEqual({ aspect_ratio: '16:9' });
		const index = titles.indexOf(titleOf(request));
		expect(index).toBeGreaterThanOrEqual(0);
		const refs = request.body!.referenceImages!;
		const inkWash = request.body!.text.includes('loose ink wash');
		// The style reference comes first, shrunk to a JPEG no larger than 1024 px.
		expect(refs[0]!.mime).toBe('image/jpeg');
		expect(refs[0]!.width).toBe(inkWash ? 1024 : 640);
		const dissolve = index > 0 && transitions[index] === 'dissolve';
		expect(refs).toHaveLength(dissolve ? 2 : 1);
		if (dissolve) {
			// The previous shot's picture in the same style, as rendered.
			const previous = requests.find(
				(r) =>
					titleOf(r) === titles[index - 1] && r.body!.text.includes('loose ink wash') === inkWash
			)!;
			expect(refs[1]!.mime).toBe('image/png');
			expect(refs[1]!.sha256).toBe(previous.sentImages[0]);
			expect(previous.finished).toBe(true);
			expect(request.at).toBeGreaterThanOrEqual(previous.at + previous.durationMs!);
		}
	}
	expect(transitions).toContain('dissolve');

	// Every take is kept; a second render of shot 1 gives a take to compare and choose.
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await expect(
		page.getByRole('button', { name: /^Open takes of shot 1 in Ink wash \(2 takes\)/ })
	).toBeVisible({ timeout: 15_000 });
	await page.getByRole('button', { name: /^Open takes of shot 1 in Ink wash/ }).click();
	const viewer = page.getByRole('dialog', { name: /Takes of shot 1 in Ink wash/ });
	await expect(viewer.getByRole('img', { name: /^Take \d of shot 1/ })).toHaveCount(2);
	await viewer.getByRole('button', { name: 'Choose take 2' }).click();
	await expect(viewer.getByRole('button', { name: 'Choose take 2' })).toHaveText('Chosen');
	// Deleting a take (a paid image) has a way back: the toast's Undo puts it and its choice back.
	// (The viewer closes once one take is left.)
	await viewer.getByRole('button', { name: 'Delete take 2' }).click();
	await expect(viewer).toBeHidden();
	const takesOfShot1 = page.getByRole('button', { name: /^Open takes of shot 1 in Ink wash/ });
	await expect(takesOfShot1).not.toHaveAccessibleName(/2 takes/);
	await page
		.getByRole('status')
		.filter({ hasText: 'Deleted take 2 of shot 1.' })
		.getByRole('button', { name: 'Undo', exact: true })
		.click();
	await expect(takesOfShot1).toHaveAccessibleName(/\(2 takes\)/);
	await takesOfShot1.click();
	await expect(viewer.getByRole('img', { name: /^Take \d of shot 1/ })).toHaveCount(2);
	await expect(viewer.getByRole('button', { name: 'Choose take 2' })).toHaveText('Chosen');
	await viewer.getByRole('button', { name: 'Close' }).click();

	// Reload: everything is still there.
	await page.reload();
	await expect(shotPictures(page)).toHaveCount(10);
	await expect(
		page.getByRole('button', { name: /^Open takes of shot 1 in Ink wash \(2 takes\)/ })
	).toBeVisible();
});

/** Shot 2 is three beats after a cut; shot 3 dissolves in from shot 2's last beat. */
const THREE_BEATS = [
	{ shot: 2, actions: ['The door opens.', 'She turns.', 'She sees him.'], transition: 'cut' },
	{ shot: 3, actions: ['The lantern drifts up.'], transition: 'dissolve' }
] as const;

test('"Render all" with 2 styles renders every beat once, each later beat from the previous beat’s chosen picture', async ({
	page,
	fake
}) => {
	await page.setViewportSize(DESKTOP.viewport);
	await connectToFake(page, fake);
	fake.setMode({ imageDelayMs: 600, imageScale: 0.25 });
	await storyboardWithShots(page, 'Beats', 3);
	// Ink wash has a style reference, Clean line none.
	await setStyle(page, 1, {
		name: 'Ink wash',
		words: 'loose ink wash',
		reference: 'clean-line-640.webp'
	});
	await page.getByRole('button', { name: 'Add style' }).click();
	await setStyle(page, 2, { name: 'Clean line', words: 'clean line art' });
	await giveBeats(page, [
		{ shot: 1, actions: [''], transition: 'cut' },
		...THREE_BEATS.map((plan) => ({ ...plan, actions: [...plan.actions] }))
	]);
	const titles = await shotTitles(page);

	// 5 beats (1 + 3 + 1) in 2 styles.
	const renderAll = page.getByRole('button', { name: 'Render all (10 beats)' });
	await expect(renderAll).toBeVisible();
	await renderAll.click();
	const running = progressLine(page, /Rendering beat 2\.\d in Ink wash · \d of 5 beats/);
	await expect(running).toBeVisible({ timeout: 15_000 });
	await running.scrollIntoViewIfNeeded();
	await screenshot(page, 'render-beats-1440', { forDocs: true });
	// What is on its way is not asked for again: "Render all" counts only what is left.
	await expect(page.getByRole('button', { name: /^Render all/ })).toHaveText('Render all');
	await expect(progressLine(page, /Rendered 5 of 5 beats in Ink wash/)).toBeVisible({
		timeout: 30_000
	});
	await expect(progressLine(page, /Rendered 5 of 5 beats in Clean line/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Render all', exact: true })).toBeVisible();
	await page.setViewportSize({ width: 390, height: 844 });
	await progressLine(page, /Rendered 5 of 5 beats in Clean line/).scrollIntoViewIfNeeded();
	await screenshot(page, 'render-beats-390', { forDocs: true });

	const requests = deliveredImages(fake);
	const styleOf = (r: (typeof requests)[number]) =>
		r.body!.text.includes('loose ink wash') ? 'Ink wash' : 'Clean line';
	const asked = requests.map((r) => `${beatOf(r, titles)} ${styleOf(r)}`);
	expect(asked.sort()).toEqual(
		['1.1', '2.1', '2.2', '2.3', '3.1'].flatMap((beat) => [
			`${beat} Clean line`,
			`${beat} Ink wash`
		])
	);

	const takes = await savedImageTakes(page);
	expect(takes).toHaveLength(10);
	for (const style of ['Ink wash', 'Clean line']) {
		const request = (beat: string) =>
			requests.find((r) => beatOf(r, titles) === beat && styleOf(r) === style)!;
		const chosen = (beat: string) =>
			takes.find((take) => take.beat === beat && take.style === style && take.chosen)!;
		// Each beat's take is the picture its own request brought back.
		for (const beat of ['1.1', '2.1', '2.2', '2.3', '3.1']) {
			expect(chosen(beat).sha256).toBe(request(beat).sentImages[0]);
		}
		// The first shot and a cut start from the style reference alone (none for Clean line).
		const styleRefs = style === 'Ink wash' ? 1 : 0;
		const styleRef = request('1.1').body!.referenceImages![0]?.sha256;
		expect(request('1.1').body!.referenceImages).toHaveLength(styleRefs);
		expect(request('2.1').body!.referenceImages).toHaveLength(styleRefs);
		// A later beat carries the previous beat's chosen take, byte for byte, asked for after it arrived.
		for (const [beat, previous] of [
			['2.2', '2.1'],
			['2.3', '2.2'],
			// A dissolve carries the previous shot's LAST beat.
			['3.1', '2.3']
		] as const) {
			const refs = request(beat).body!.referenceImages!;
			expect(refs).toHaveLength(styleRefs + 1);
			if (styleRefs) expect(refs[0]!.sha256).toBe(styleRef);
			expect(refs[styleRefs]!.sha256).toBe(chosen(previous).sha256);
			expect(request(beat).at).toBeGreaterThanOrEqual(
				request(previous).at + request(previous).durationMs!
			);
		}
		expect(request('2.2').body!.text).toContain('Moment: panel 2 of 3 of this shot: She turns.');
		expect(request('2.2').body!.text).toContain('previous panel of this same shot');
	}
	// The two styles' pictures of a beat differ, and so do a shot's beats: the check above means something.
	expect(new Set(takes.map((take) => take.sha256)).size).toBe(10);
});

test('failed beats are named by their numbers in the render bar and the log, and Retry renders them', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Flagged beats', 3);
	const notes = page.getByRole('article', { name: 'Shot 2' }).getByLabel('Notes');
	await notes.fill('[[fake:error-403-moderation]]');
	await expect(page.getByText('All changes saved')).toBeVisible();
	await giveBeats(page, [{ shot: 2, actions: ['The door opens.', 'She turns.'] }]);

	await page.getByRole('button', { name: 'Render all (4 beats)' }).click();
	const bar = page.getByRole('region', { name: 'Render' });
	const failure = bar.getByRole('alert').filter({ hasText: /flagged by moderation/ });
	await expect(failure).toContainText('Beats 2.1 and 2.2 failed: The request was flagged', {
		timeout: 20_000
	});
	await expect(progressLine(page, /Rendered 2 of 4 beats in Style 1/)).toBeVisible();
	await page.getByText(/^Activity/).click();
	const log = page.getByRole('list', { name: 'Activity log' });
	await expect(log).toContainText('Beat 2.2 in “Style 1” could not be rendered: The request was');
	await expect(log).toContainText('Rendering finished: 2 of 4 beats, 2 failed');

	await page.getByRole('article', { name: 'Shot 2' }).getByLabel('Notes').fill('Lanterns.');
	await expect(page.getByText('All changes saved')).toBeVisible();
	await failure.getByRole('button', { name: 'Retry 2' }).click();
	await expect(progressLine(page, /Rendered 2 of 2 beats in Style 1/)).toBeVisible({
		timeout: 20_000
	});
	const beats = (await savedImageTakes(page)).map((take) => take.beat).sort();
	expect(beats).toEqual(['1.1', '2.1', '2.2', '3.1']);
});

test('a 429 storm on one key moves to the next key of the pool and every image arrives', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await page.getByLabel('Extra API keys').fill('sk-or-v1-pool-b-0002');
	await page.getByRole('button', { name: 'Save key pool' }).click();
	await expect(page.getByText(/2 keys in all/)).toBeVisible();
	fake.setMode({ imageDelayMs: 100, imageScale: 0.25 });
	await storyboardWithShots(page, 'Storm', 3);
	fake.script([{ outcome: 429, retryAfterS: 30 }], { key: TEST_KEY, repeat: true });

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(shotPictures(page)).toHaveCount(3, { timeout: 30_000 });
	const delivered = deliveredImages(fake);
	expect(delivered).toHaveLength(3);
	expect(new Set(delivered.map((r) => r.key))).toEqual(new Set(['sk-or-v1-pool-b-0002']));
	expect(fake.requests({ key: TEST_KEY, outcome: 'error-429' }).length).toBeGreaterThan(0);
});

test('a short 429 storm on a single key recovers after Retry-After', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Short storm', 3);
	fake.script([
		{ outcome: 429, retryAfterS: 1 },
		{ outcome: 429, retryAfterS: 1 },
		{ outcome: 429, retryAfterS: 1 }
	]);
	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(shotPictures(page)).toHaveCount(3, { timeout: 40_000 });
	expect(deliveredImages(fake)).toHaveLength(3);
});

test('an item that fails for good shows why, the rest carry on, and Retry renders it', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Flagged', 3);
	const second = await page
		.getByRole('article', { name: 'Shot 2' })
		.getByLabel('Title')
		.inputValue();
	await page
		.getByRole('article', { name: 'Shot 2' })
		.getByLabel('Notes')
		.fill('[[fake:error-403-moderation]]');
	await page.getByText('All changes saved').waitFor();

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(shotPictures(page)).toHaveCount(2, { timeout: 20_000 });
	const shot2 = page.getByRole('article', { name: 'Shot 2' });
	await expect(shot2.getByRole('alert')).toContainText(/flagged by moderation/);
	await expect(progressLine(page, /Rendered 2 of 3 beats in Style 1/)).toBeVisible();
	await expect(page.getByText('1 failed', { exact: true })).toBeVisible();
	expect(fake.requests({ outcome: 'error-403-moderation' })).toHaveLength(1);

	await shot2.getByLabel('Notes').fill('Lanterns everywhere.');
	await page.getByText('All changes saved').waitFor();
	await shot2.getByRole('button', { name: /^Retry shot 2 in / }).click();
	await expect(shotPictures(page)).toHaveCount(3, { timeout: 20_000 });
	expect(deliveredImages(fake).some((r) => titleOf(r) === second)).toBe(true);
});

test('a reload mid-job with beats in 2 styles buys each beat once, and each take lands on its beat', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await setConcurrency(page, 2);
	fake.setMode({ imageDelayMs: 1200, imageScale: 0.25 });
	await storyboardWithShots(page, 'Resume beats', 3);
	await page.getByRole('button', { name: 'Add style' }).click();
	await expect(page.getByRole('group', { name: 'Style 2' })).toBeVisible();
	await giveBeats(
		page,
		THREE_BEATS.map((plan) => ({ ...plan, actions: [...plan.actions] }))
	);
	const titles = await shotTitles(page);

	await page.getByRole('button', { name: 'Render all (10 beats)' }).click();
	await expect
		.poll(() => deliveredImages(fake).length, { timeout: 20_000 })
		.toBeGreaterThanOrEqual(3);
	await page.reload();
	await expect(
		page.getByRole('region', { name: 'Render' }).getByText(/Rendering resumed: \d+ beats? to go/)
	).toBeVisible();
	await expect(progressLine(page, /Rendered 5 of 5 beats in Style 1/)).toBeVisible({
		timeout: 40_000
	});
	await expect(progressLine(page, /Rendered 5 of 5 beats in Style 2/)).toBeVisible();

	// Requests cut off by the reload were never delivered, so never paid for.
	const delivered = deliveredImages(fake);
	const itemOf = (r: (typeof delivered)[number]) =>
		`${beatOf(r, titles)} ${r.body!.text.includes('Style: Style 2') ? 'Style 2' : 'Style 1'}`;
	const bought = delivered.map(itemOf).sort();
	expect(bought).toEqual(
		['1.1', '2.1', '2.2', '2.3', '3.1'].flatMap((beat) => [`${beat} Style 1`, `${beat} Style 2`])
	);
	const takes = await savedImageTakes(page);
	expect(takes.map((take) => `${take.beat} ${take.style}`).sort()).toEqual(bought);
	for (const take of takes) {
		const request = delivered.find((r) => itemOf(r) === `${take.beat} ${take.style}`)!;
		expect(take.sha256).toBe(request.sentImages[0]);
	}
});

test('Pause holds the queue, even across a reload, and Resume finishes it; the line shows time left and cost', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await setConcurrency(page, 1);
	fake.setMode({ imageDelayMs: 1500, imageScale: 0.25 });
	await storyboardWithShots(page, 'Hold it', 4);
	const images = () =>
		fake
			.requests({ path: '/chat/completions' })
			.filter((r) => r.body?.modalities?.includes('image'));

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(shotPictures(page)).toHaveCount(1, { timeout: 20_000 });
	// The time left comes from the latency seen so far; the cost from the images received.
	await expect(progressLine(page, /About \d+(\.\d)? s left ·\s+This run: \$0\.0\d+/)).toBeVisible();
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(progressLine(page, /Paused in Style 1 at \d of 4 beats/)).toBeVisible();
	// The image in flight may still arrive; nothing new is asked for.
	await expect.poll(() => images().every((r) => r.finished || r.disconnected)).toBe(true);
	const asked = images().length;
	expect(asked).toBeLessThan(4);
	await page.waitForTimeout(1500);
	expect(images()).toHaveLength(asked);

	await page.reload();
	const panel = page.getByRole('region', { name: 'Render' });
	await expect(panel.getByText(/Rendering paused: \d beats? to go/)).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Resume' })).toBeVisible();
	await page.waitForTimeout(1500);
	expect(images()).toHaveLength(asked);

	await panel.getByRole('button', { name: 'Resume' }).click();
	await expect(shotPictures(page)).toHaveCount(4, { timeout: 20_000 });
	await expect(progressLine(page, /Rendered 4 of 4 beats in Style 1/)).toBeVisible();
	expect(deliveredImages(fake)).toHaveLength(4);
});

test('the spending cap pauses the queue before it would pass, and Resume goes on', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageDelayMs: 200, imageScale: 0.25 });
	await storyboardWithShots(page, 'Capped', 4);
	await page.getByLabel('Spending cap ($)').fill('0.12');
	await page.getByLabel('Spending cap ($)').press('Tab');

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(page.getByText(/Paused at the \$0\.120 spending cap/)).toBeVisible({
		timeout: 20_000
	});
	// The images in flight when the queue paused still arrive (about $0.042 each); nothing more starts.
	await expect(shotPictures(page)).toHaveCount(2);
	await expect(progressLine(page, /Paused in Style 1 at 3 of 4 beats/)).toBeVisible();
	expect(deliveredImages(fake)).toHaveLength(2);
	const spent = Number(
		(await page.getByText(/^Spent so far:/).textContent())!.replace(/[^0-9.]/g, '')
	);
	expect(spent).toBeLessThanOrEqual(0.12);

	await page.getByLabel('Spending cap ($)').fill('');
	await page.getByLabel('Spending cap ($)').press('Tab');
	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(shotPictures(page)).toHaveCount(4, { timeout: 20_000 });
});

test('"Storyboard it" renders each shot while the director is still writing', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	fake.setMode({ tokenDelayMs: 40, charsPerChunk: 6, imageScale: 0.25 });
	await page.goto('/');
	await storyboardWithShotsViaStoryboardIt(page);
	await expect(shotPictures(page)).toHaveCount(4, { timeout: 40_000 });
	const director = fake
		.requests({ method: 'POST', path: '/chat/completions' })
		.find((r) => !r.body?.modalities?.includes('image'))!;
	const firstImage = deliveredImages(fake)[0]!;
	expect(firstImage.at).toBeLessThan(director.at + director.durationMs!);
});

async function storyboardWithShotsViaStoryboardIt(page: import('@playwright/test').Page) {
	const { createStoryboard } = await import('./support/app');
	await createStoryboard(page, 'All at once', 'idea', 'A lantern festival seen by a child.');
	await page.getByLabel('Shot count').fill('4');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Storyboard it' }).click();
}

test('a style reference that is not an image is refused and the style is unchanged', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await storyboardWithShots(page, 'Bad refs', 3);
	const style = page.getByRole('group', { name: 'Style 1' });
	await style
		.getByLabel(/^Style reference image for/)
		.setInputFiles(`${STYLE_DIR}/notes-not-image.png`);
	await expect(style.getByRole('alert')).toContainText('not a PNG, JPEG or WebP image');
	await style.getByLabel(/^Style reference image for/).setInputFiles(`${STYLE_DIR}/truncated.png`);
	await expect(style.getByRole('alert')).toContainText('could not be read');
	await expect(style.getByText('No reference')).toBeVisible();
});

test('Cancel stops the requests in flight and keeps what arrived', async ({ page, fake }) => {
	await connectToFake(page, fake);
	fake.setMode({ imageDelayMs: 4000, imageScale: 0.25 });
	await storyboardWithShots(page, 'Stop it', 4);
	await page.getByRole('button', { name: 'Render all' }).click();
	await expect
		.poll(() => fake.requests({ path: '/chat/completions' }).filter((r) => !r.finished).length)
		.toBeGreaterThan(1);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('region', { name: 'Render' }).getByText(/Cancelled ·/)).toBeVisible();
	const images = () =>
		fake
			.requests({ path: '/chat/completions' })
			.filter((r) => r.body?.modalities?.includes('image'));
	await expect.poll(() => images().every((r) => r.disconnected || r.finished)).toBe(true);
	expect(images().filter((r) => r.disconnected).length).toBeGreaterThan(1);
	const count = images().length;
	await page.waitForTimeout(1000);
	expect(images()).toHaveLength(count);
	await expect(shotPictures(page)).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('article', { name: 'Shot 1' })).toBeVisible();
	await page.waitForTimeout(500);
	expect(images()).toHaveLength(count);
});

test('a portrait storyboard asks for 9:16, and a style with its own key pool uses only those keys', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await page.getByLabel('Extra API keys').fill('team-b: sk-or-v1-team-b-0003');
	await page.getByRole('button', { name: 'Save key pool' }).click();
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Tall', 3);
	await page.getByLabel('Aspect ratio').selectOption('9:16');
	await page.getByRole('button', { name: 'Add style' }).click();
	await setStyle(page, 2, { name: 'Team B', words: 'team b look' });
	await page.getByRole('group', { name: 'Style 2' }).getByLabel('Keys').selectOption('team-b');

	await page.getByRole('button', { name: 'Render all' }).click();
	await expect(shotPictures(page)).toHaveCount(6, { timeout: 30_000 });
	const delivered = deliveredImages(fake);
	expect(delivered.every((r) => r.body?.imageConfig?.aspect_ratio === '9:16')).toBe(true);
	const teamB = delivered.filter((r) => r.body!.text.includes('team b look'));
	expect(teamB).toHaveLength(3);
	expect(new Set(teamB.map((r) => r.key))).toEqual(new Set(['sk-or-v1-team-b-0003']));
	expect(new Set(delivered.filter((r) => !teamB.includes(r)).map((r) => r.key))).toEqual(
		new Set([TEST_KEY])
	);
});
