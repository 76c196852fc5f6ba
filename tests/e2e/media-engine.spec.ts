// The media engine (worker + facade) in Chromium over the generated fixtures: probe facts, frame
// count and times, cuts against the known list, clear errors for bad files, and cancel. It runs
// on a small harness page (tests/bench/media.html) built here, so it does not depend on the UI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeMatrix, MATRIX_DIR } from '../../scripts/fixtures/make-matrix-clips.mjs';
import { serveStatic } from '../../scripts/serve.mjs';

interface Entry {
	file: string;
	error?: string;
	durationS?: number;
	width?: number;
	height?: number;
	fps?: number;
	codec?: string;
	rotation?: number;
	hasAudio?: boolean;
	cutsS?: number[];
}

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/media');
const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as {
	files: Entry[];
};

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let page: Page;
let close: () => Promise<void>;

test.beforeAll(async ({ browser }) => {
	execFileSync('npx', ['vite', 'build', '-c', 'tests/bench/vite.config.ts'], {
		cwd: root,
		stdio: 'ignore'
	});
	const server = await serveStatic({ root: join(root, '.bench/media-build') });
	close = server.close;
	page = await browser.newPage();
	await page.goto(`${server.url}/media.html`);
	await page.waitForFunction(() => window.harnessReady);
});

test.afterAll(async () => {
	await page?.close();
	await close?.();
});

/** Run the engine over one fixture: probe, sample, detect cuts (or the error it gives). */
async function runEngine(file: string) {
	await page.setInputFiles('#clip', join(fixtures, file));
	return page.evaluate(async () => {
		const clip = window.pickedFile();
		try {
			const probe = await window.media.probeVideo(undefined, clip);
			const frames = await window.media.sampleFrames(undefined, clip, probe, window.defaultOptions);
			const cuts = await window.media.detectCuts(undefined, clip, probe, window.defaultOptions);
			return {
				probe,
				frames: frames.map((f) => ({
					timeS: f.timeS,
					role: f.role,
					type: f.blob.type,
					size: f.blob.size,
					width: f.width,
					height: f.height
				})),
				cutsS: cuts.cutsS,
				keyframes: cuts.shots.map((s) => ({
					keyframeS: s.keyframe.timeS,
					type: s.keyframe.blob.type
				}))
			};
		} catch (error) {
			return {
				error: {
					name: (error as Error).name,
					kind: (error as { kind?: string }).kind,
					message: (error as Error).message
				}
			};
		}
	});
}

for (const entry of manifest.files.filter((f) => !f.error)) {
	test(`reads ${entry.file}: facts, frames and cuts`, async () => {
		const result = await runEngine(entry.file);
		expect(result.error).toBeUndefined();
		expect(result.probe).toMatchObject({
			width: entry.width,
			height: entry.height,
			codec: entry.codec,
			rotation: entry.rotation,
			hasAudio: entry.hasAudio
		});
		expect(result.probe!.durationS).toBeCloseTo(entry.durationS!, 1);
		expect(result.probe!.fps).toBeCloseTo(entry.fps!, 1);

		const expectedFrames = Math.max(1, Math.min(24, Math.round(entry.durationS! / 2)));
		const frames = result.frames!;
		expect(frames.filter((f) => f.role === 'middle')).toHaveLength(1);
		expect(frames.length).toBeGreaterThanOrEqual(expectedFrames);
		expect(frames.length).toBeLessThanOrEqual(expectedFrames + 1);
		for (const frame of frames) {
			expect(frame.type).toBe('image/jpeg');
			expect(frame.size).toBeGreaterThan(500);
			expect([frame.width, frame.height]).toEqual([entry.width, entry.height]);
			expect(frame.timeS).toBeGreaterThanOrEqual(0);
			expect(frame.timeS).toBeLessThan(entry.durationS!);
		}
		const middle = frames.find((f) => f.role === 'middle')!;
		expect(Math.abs(middle.timeS - entry.durationS! / 2)).toBeLessThanOrEqual(1 / entry.fps!);

		expect(result.cutsS).toHaveLength(entry.cutsS!.length);
		entry.cutsS!.forEach((cut, i) => {
			expect(Math.abs(result.cutsS![i]! - cut)).toBeLessThanOrEqual(2 / entry.fps! + 0.02);
		});
		expect(result.keyframes).toHaveLength(entry.cutsS!.length + 1);
	});
}

for (const entry of manifest.files.filter((f) => f.error)) {
	test(`refuses ${entry.file} with a clear ${entry.error} message`, async () => {
		const result = await runEngine(entry.file);
		expect(result.error).toMatchObject({ name: 'MediaError', kind: entry.error });
		expect(result.error!.message).toMatch(/\.$/);
	});
}

test('cancel mid-sampling stops at once, and the next call works on a fresh worker', async () => {
	await page.setInputFiles('#clip', join(fixtures, 'cuts-h264.mp4'));
	const outcome = await page.evaluate(async () => {
		const clip = window.pickedFile();
		const probe = await window.media.probeVideo(undefined, clip);
		const controller = new AbortController();
		let made = 0;
		const sampling = window.media.sampleFrames(
			controller.signal,
			clip,
			probe,
			window.defaultOptions,
			{
				onFrame: () => {
					made++;
					if (made === 1) controller.abort();
				}
			}
		);
		const cancelled = await sampling.then(
			() => 'finished',
			(error: Error) => error.name
		);
		const again = await window.media.probeVideo(undefined, clip);
		return { cancelled, made, durationS: again.durationS };
	});
	expect(outcome.cancelled).toBe('AbortError');
	expect(outcome.made).toBe(1);
	expect(outcome.durationS).toBe(10);
});

test('an AV1 clip (browser decoder) is still read after the worker was let go between probe and sampling', async () => {
	const { files } = makeMatrix();
	const av1 = files.find((f) => f.codec === 'av1')!;
	await page.setInputFiles('#clip', join(MATRIX_DIR, av1.file));
	const outcome = await page.evaluate(async () => {
		const clip = window.pickedFile();
		const probe = await window.media.probeVideo(undefined, clip);
		window.media.releaseMediaWorker();
		const frames = await window.media.sampleFrames(undefined, clip, probe, window.defaultOptions);
		window.media.releaseMediaWorker();
		const cuts = await window.media.detectCuts(undefined, clip, probe, window.defaultOptions);
		return { codec: probe.codec, frames: frames.length, cutsS: cuts.cutsS };
	});
	expect(outcome.codec).toBe('av1');
	expect(outcome.frames).toBe(Math.round(av1.durationS / 2));
	expect(outcome.cutsS).toHaveLength(av1.cutsS.length);
});
