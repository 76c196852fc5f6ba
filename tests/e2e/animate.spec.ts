import { test, expect } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { giveBeats, savedTakes, storyboardWithShots } from './support/render';
import { installServiceWorker } from './support/app';
import { openProjectId, storedRecords } from './support/stored';
import { download, ffprobe, openExport, useDownloads } from './support/exports';
import { decodeFrames, psnr } from './support/frames';

const clips = (page: import('@playwright/test').Page) => page.getByLabel(/^Clip of shot \d+ in /);
const pictures = (page: import('@playwright/test').Page) =>
	page.getByRole('button', { name: /^Open takes of shot \d+ in / });

/** How many of the open storyboard's animation items have their provider job id saved. */
async function rememberedVideoJobs(page: import('@playwright/test').Page): Promise<number> {
	const jobs = await storedRecords<{ items: { videoJobId?: string }[] }>(page, 'jobs', {
		projectId: openProjectId(page)
	});
	return jobs.flatMap((job) => job.items).filter((item) => item.videoJobId).length;
}

async function withVideoModel(
	page: import('@playwright/test').Page,
	fake: Parameters<typeof connectToFake>[1]
) {
	await connectToFake(page, fake);
	const picker = page.getByLabel('Video model');
	await expect(picker.locator('option', { hasText: 'Google: Veo 3.1' })).toHaveCount(1);
	await picker.selectOption('google/veo-3.1');
	await expect(page.getByTestId('video-model-facts')).toContainText('4, 6 or 8 s');
	await expect(page.getByTestId('video-model-facts')).toContainText('from $0.20 per second');
}

test('animate two shots, reload mid-way, and each is submitted once', async ({ page, fake }) => {
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 1500, videoRunMs: 3000 });
	await storyboardWithShots(page, 'Moving', 3);
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Duration (s)').fill('5');
	// Only shots 1 and 2 get a picture: "Animate all" animates the shots it can start from.
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(2, { timeout: 20_000 });

	// The price comes before anything is sent: 5 s → 6 s (nearest, longer on a tie) at 720p
	// without sound, $0.20/s as the catalogue's duration_seconds_without_audio_720p says.
	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	await expect(page.getByRole('group', { name: 'Confirm animation' })).toContainText(
		'6 s at 720p, ending on the next picture with Google: Veo 3.1: $1.20.'
	);
	await page.getByRole('button', { name: 'Not now' }).click();
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(0);

	await page.getByRole('button', { name: 'Animate all shots' }).click();
	await page.getByRole('button', { name: 'Submit 2 clips' }).click();
	await expect.poll(() => fake.requests({ method: 'POST', path: '/videos' }).length).toBe(2);
	await expect(page.getByText(/^Animating shot 1 · /)).toBeVisible();
	// Both jobs' ids are saved: from here a reload polls them instead of sending again.
	await expect.poll(() => rememberedVideoJobs(page)).toBe(2);
	await page.reload();
	await expect(
		page.getByRole('region', { name: 'Render' }).getByText(/Animation resumed: 2 clips to go/)
	).toBeVisible();
	await expect(clips(page)).toHaveCount(2, { timeout: 30_000 });

	const posts = fake.requests({ method: 'POST', path: '/videos' });
	expect(posts).toHaveLength(2);
	expect(posts.every((r) => r.status === 202 && r.body?.model === 'google/veo-3.1')).toBe(true);
	// No sound is asked for: the storyboard does not need it, and the stated price is without it.
	expect(
		posts.map((r) => (r.body?.redacted as { generate_audio?: unknown }).generate_audio)
	).toEqual([false, false]);
	// Shot 1 ends on shot 2's picture (a matched cut); shot 2 has no next shot.
	const frameTypes = posts.map((r) => (r.body?.images ?? []).map((i) => i.frameType).join(','));
	expect(frameTypes.sort()).toEqual(['first_frame', 'first_frame,last_frame']);
	const downloads = fake.requests({ method: 'GET' }).filter((r) => r.path.includes('/content'));
	expect(downloads.every((r) => r.status === 200 && r.key !== null)).toBe(true);
	await expect(page.getByText(/Animated · google\/veo-3.1/)).toHaveCount(2);
	// What the provider billed (usage.cost) is logged: shot 1's 6 s at $0.20/s.
	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		'Animated shot 1 with google/veo-3.1: billed $1.20.'
	);

	// The clip plays in the page: it is a real video.
	const duration = await clips(page)
		.first()
		.evaluate(
			(video: HTMLVideoElement) =>
				new Promise<number>((resolve) => {
					if (video.readyState >= 1) resolve(video.duration);
					else video.addEventListener('loadedmetadata', () => resolve(video.duration));
				})
		);
	expect(duration).toBeGreaterThan(1.5);

	await page.reload();
	await expect(clips(page)).toHaveCount(2);
});

test('"Animate all" makes a clip of each beat from its own chosen picture, ending on the next beat', async ({
	page,
	fake
}) => {
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 300, videoRunMs: 600 });
	await storyboardWithShots(page, 'Moving beats', 3);
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Duration (s)').fill('6');
	await giveBeats(page, [{ shot: 1, actions: ['The door opens.', 'She turns.', 'She sees him.'] }]);
	await page.getByRole('button', { name: 'Render all (5 beats)' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: /Rendered 5 of 5 beats in Style 1/ })
	).toBeVisible({ timeout: 30_000 });

	await page.getByRole('button', { name: 'Animate all shots' }).click();
	await page.getByRole('button', { name: 'Submit 5 clips' }).click();
	await expect
		.poll(() => savedTakes(page).then((takes) => takes.filter((t) => t.kind === 'video').length), {
			timeout: 30_000
		})
		.toBe(5);

	const posts = fake.requests({ method: 'POST', path: '/videos' });
	expect(posts).toHaveLength(5);
	const takes = await savedTakes(page);
	const still = (beat: string) =>
		takes.find((t) => t.kind === 'image' && t.beat === beat && t.chosen)!.sha256;
	const postFor = (beat: string) =>
		posts.find(
			(r) => r.body!.images.find((i) => i.frameType === 'first_frame')?.sha256 === still(beat)
		)!;
	// Each beat's clip starts from its own picture, lasts its share (6 s / 3 → 2 s → the model's 4 s),
	// says its moment, and ends on the next beat (the last beat on the next shot).
	for (const [beat, next, moment] of [
		['1.1', '1.2', 'The door opens.'],
		['1.2', '1.3', 'She turns.'],
		['1.3', '2.1', 'She sees him.'],
		['2.1', '3.1', undefined],
		['3.1', undefined, undefined]
	] as const) {
		const post = postFor(beat);
		expect(post, beat).toBeDefined();
		const last = post.body!.images.find((i) => i.frameType === 'last_frame');
		expect(last?.sha256).toBe(next && still(next));
		if (moment) expect(post.body!.text).toContain(`Moment: ${moment}`);
		if (beat.startsWith('1.'))
			expect((post.body!.redacted as { duration?: number }).duration).toBe(4);
	}
	// Each clip is kept on the beat it was made from.
	expect(
		takes
			.filter((t) => t.kind === 'video')
			.map((t) => `${t.beat} ${t.sha256 === still(t.beat)}`)
			.sort()
	).toEqual(['1.1 true', '1.2 true', '1.3 true', '2.1 true', '3.1 true']);
	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		'Animated beat 1.2 with google/veo-3.1: billed $0.800.'
	);
});

/** Seconds shown by a clip's elapsed clock ("0:07" → 7). */
async function elapsedSeconds(state: import('@playwright/test').Locator): Promise<number> {
	const text = (await state.locator('time').textContent()) ?? '';
	const [m, s] = text.split(':').map(Number);
	return (m ?? 0) * 60 + (s ?? 0);
}

test('a remote clip shows the provider’s state and a clock that runs while it is made', async ({
	page,
	fake
}) => {
	await withVideoModel(page, fake);
	// The provider keeps the job queued for 5 s, then generates it for 5 s.
	fake.setMode({ imageScale: 0.25, videoPendingMs: 5000, videoRunMs: 5000 });
	await storyboardWithShots(page, 'Watching', 3);
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(1, { timeout: 20_000 });
	await page.getByRole('button', { name: 'Animate shot 2' }).click();
	await page.getByRole('button', { name: 'Submit clip' }).click();

	const state = page.getByRole('article', { name: 'Shot 2' }).getByTestId('clip-state');
	await expect(state).toContainText('Animating shot 2 · Queued · 0:0');
	const queuedAt = await elapsedSeconds(state);
	// The clock ticks every second while the provider has the job queued.
	await expect.poll(() => elapsedSeconds(state), { timeout: 4000 }).toBeGreaterThan(queuedAt);
	await page.getByRole('article', { name: 'Shot 2' }).screenshot({
		path: test.info().outputPath('clip-queued.png')
	});
	// The provider starts on it: the state follows, and the clock goes on from the submission.
	await expect(state).toContainText('Generating', { timeout: 10_000 });
	const generatingAt = await elapsedSeconds(state);
	expect(generatingAt).toBeGreaterThanOrEqual(5);
	await expect.poll(() => elapsedSeconds(state), { timeout: 4000 }).toBeGreaterThan(generatingAt);
	await page.getByRole('article', { name: 'Shot 2' }).screenshot({
		path: test.info().outputPath('clip-generating.png')
	});
	// Done: the clip is there and the state line is gone.
	await expect(clips(page)).toHaveCount(1, { timeout: 30_000 });
	await expect(state).toHaveCount(0);
	// The states came from polling the job (pending, then in_progress, then completed).
	const polls = fake
		.requests({ method: 'GET' })
		.filter((r) => /\/videos\/vgen-[^/]+$/.test(r.path));
	expect(polls.length).toBeGreaterThanOrEqual(3);
});

test('a failed video job shows its reason and keeps the still', async ({ page, fake }) => {
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 300, videoRunMs: 300 });
	await storyboardWithShots(page, 'Broken clip', 3);
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(1, { timeout: 20_000 });
	fake.script(['video-failed'], { path: '/videos' });
	await page.getByRole('button', { name: 'Animate shot 2' }).click();
	await page.getByRole('button', { name: 'Submit clip' }).click();
	const shot = page.getByRole('article', { name: 'Shot 2' });
	await expect(shot.getByText(/Animation failed: The video model failed:/)).toBeVisible({
		timeout: 20_000
	});
	await expect(shot.getByRole('button', { name: /^Open takes of shot 2 in / })).toBeVisible();
	await expect(clips(page)).toHaveCount(0);
	// The log says which shot, that it was sent, and why it failed.
	await page.getByText(/^Activity/).click();
	const log = page.getByRole('list', { name: 'Activity log' });
	await expect(log).toContainText(
		/Submitted shot 2 for animation \(\d+ s at \w+, stated \$[\d.]+\)\./
	);
	await expect(log).toContainText('Shot 2 could not be animated: The video model failed:');

	// Retry submits a new job, which works.
	await shot.getByRole('button', { name: 'Retry animation of shot 2' }).click();
	await expect(clips(page)).toHaveCount(1, { timeout: 20_000 });
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(2);
});

test('a reload while a clip is being sent never sends it again unasked', async ({ page, fake }) => {
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 300, videoRunMs: 300 });
	await storyboardWithShots(page, 'Closed mid-send', 3);
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(1, { timeout: 20_000 });
	// The provider takes 4 s to answer; the page is reloaded before it does, the job accepted.
	fake.script([{ outcome: 'ok', delayMs: 4000 }], { path: '/videos' });
	await page.getByRole('button', { name: 'Animate shot 2' }).click();
	await page.getByRole('button', { name: 'Submit clip' }).click();
	await expect.poll(() => fake.requests({ method: 'POST', path: '/videos' }).length).toBe(1);
	await page.reload();

	const shot = page.getByRole('article', { name: 'Shot 2' });
	await expect(
		shot.getByText(
			'Animation failed: The page closed while shot 2 was being sent: the provider may have it (and bill it) already. Check your provider’s activity; Retry sends it again.'
		)
	).toBeVisible({ timeout: 20_000 });
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(1);

	// The person decides: Retry sends it once more, and the clip arrives.
	await shot.getByRole('button', { name: 'Retry animation of shot 2' }).click();
	await expect(clips(page)).toHaveCount(1, { timeout: 20_000 });
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(2);
});

test('a duration the model does not support never reaches it, and Stop says the provider may still bill', async ({
	page,
	fake
}) => {
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 20_000 });
	await storyboardWithShots(page, 'Stopped', 3);
	await page.getByRole('article', { name: 'Shot 1' }).getByLabel('Duration (s)').fill('30');
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await expect(pictures(page)).toHaveCount(1, { timeout: 20_000 });
	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	await expect(page.getByRole('group', { name: 'Confirm animation' })).toContainText('8 s at 720p');
	await page.getByRole('button', { name: 'Submit clip' }).click();
	await expect.poll(() => fake.requests({ method: 'POST', path: '/videos' }).length).toBe(1);
	expect(fake.requests({ method: 'POST', path: '/videos' })[0]!.status).toBe(202);
	await page.getByRole('button', { name: 'Stop animating' }).click();
	await expect(
		page
			.getByRole('region', { name: 'Render' })
			.getByText(/Animation stopped\. .* may still be finished and billed by the provider/)
	).toBeVisible();
	// Polling stopped: no more status requests after Stop.
	const polls = fake
		.requests({ method: 'GET' })
		.filter((r) => /\/videos\/vgen-/.test(r.path)).length;
	await page.waitForTimeout(2500);
	expect(
		fake.requests({ method: 'GET' }).filter((r) => /\/videos\/vgen-/.test(r.path)).length
	).toBe(polls);
});

test('the animatic plays a shot’s clip for the shot’s duration', async ({ page, fake }) => {
	await useDownloads(page);
	await withVideoModel(page, fake);
	fake.setMode({ imageScale: 0.25, videoPendingMs: 200, videoRunMs: 200 });
	await storyboardWithShots(page, 'Clip in the cut', 3);
	const durations = ['3', '1', '1'];
	for (const [index, seconds] of durations.entries()) {
		await page
			.getByRole('article', { name: `Shot ${index + 1}` })
			.getByLabel('Duration (s)')
			.fill(seconds);
	}
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(2, { timeout: 20_000 });
	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	await page.getByRole('button', { name: 'Submit clip' }).click();
	await expect(clips(page)).toHaveCount(1, { timeout: 20_000 });

	// Shot 1's 2 s clip is held to 3 s, shot 2 is its picture, shot 3 a title card: 5 s.
	const dialog = await openExport(page, 'Animatic MP4');
	const mp4 = await download(page, 'Export MP4', test.info().outputPath('animatic.mp4'), 120_000);
	await expect(dialog.getByText('Shot 3 had no image: a title card stood in.')).toBeVisible();
	await expect(dialog.getByText(/Shot 1 had no image/)).toHaveCount(0);
	const probe = ffprobe(mp4.path);
	expect(Math.abs(Number(probe.format.duration) - 5)).toBeLessThanOrEqual(0.04);
	const video = probe.streams.find((s) => s.codec_type === 'video');
	expect(video?.codec_name).toBe('h264');
	// A constant 25 fps, the clip's frames included.
	expect([video?.r_frame_rate, video?.avg_frame_rate, video?.nb_frames]).toEqual([
		'25/1',
		'25/1',
		'125'
	]);
	// Shot 1's middle frame (1.48 s) is the clip's picture at that time (its 12 fps frame 17 or
	// 18), and past the clip's end its last frame holds.
	const clip = decodeFrames('tests/fixtures/fake-video.mp4', 320, 180);
	const nearest = (frame: Buffer) => {
		const scores = clip.map((picture) => psnr(frame, picture, 320, 180));
		const best = Math.max(...scores);
		return { index: scores.indexOf(best), psnr: best };
	};
	const middle = nearest(decodeFrames(mp4.path, 320, 180, 37)[0]!);
	expect(middle.psnr).toBeGreaterThanOrEqual(30);
	expect([17, 18]).toContain(middle.index);
	const held = nearest(decodeFrames(mp4.path, 320, 180, 70)[0]!);
	expect(held).toEqual({ index: 23, psnr: expect.any(Number) });
	expect(held.psnr).toBeGreaterThanOrEqual(30);
});

test('without a video model, and offline, Animate makes a local pan-and-zoom clip', async ({
	page,
	fake,
	context
}) => {
	await connectToFake(page, fake);
	fake.setMode({ imageScale: 0.25 });
	await storyboardWithShots(page, 'Local motion', 3);
	const workspace = page.url();
	for (const index of [1, 2]) {
		await page
			.getByRole('article', { name: `Shot ${index}` })
			.getByLabel('Duration (s)')
			.fill('1.5');
	}
	await page.getByRole('button', { name: 'Render shot 1' }).click();
	await page.getByRole('button', { name: 'Render shot 2' }).click();
	await expect(pictures(page)).toHaveCount(2, { timeout: 20_000 });
	await installServiceWorker(page, workspace);

	await page.getByRole('button', { name: 'Animate shot 1' }).click();
	await expect(page.getByRole('group', { name: 'Confirm animation' })).toContainText(
		'Pick a video model in Settings to animate. Instead: a local pan-and-zoom clip'
	);
	await page.getByRole('button', { name: 'Make local clip' }).click();
	await expect(page.getByLabel('Clip of shot 1 in Style 1 (local pan and zoom)')).toBeVisible({
		timeout: 60_000
	});

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Animate shot 2' }).click();
	await expect(page.getByRole('group', { name: 'Confirm animation' })).toContainText(/^Offline/);
	await page.getByRole('button', { name: 'Make local clip' }).click();
	const clip = page.getByLabel('Clip of shot 2 in Style 1 (local pan and zoom)');
	await expect(clip).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText('Local pan and zoom')).toHaveCount(2);
	const duration = await clip.evaluate(
		(video: HTMLVideoElement) =>
			new Promise<number>((resolve) => {
				if (video.readyState >= 1) resolve(video.duration);
				else video.addEventListener('loadedmetadata', () => resolve(video.duration));
			})
	);
	expect(Math.abs(duration - 1.5)).toBeLessThanOrEqual(0.1);
	expect(fake.requests({ method: 'POST', path: '/videos' })).toHaveLength(0);
});
