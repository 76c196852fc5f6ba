// The "real clips" matrix (scripts/fixtures/make-matrix-clips.mjs, made here with native ffmpeg)
// through the media engine in Chromium: every sampled frame and every shot keyframe must be the
// picture native ffmpeg decodes at its time with exact seeking (PSNR >= 30 dB), every cut found
// within 2 frames and no false one; a clip no decoder here can read is refused by its name.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
	makeMatrix,
	MATRIX_DIR,
	type MatrixClip
} from '../../scripts/fixtures/make-matrix-clips.mjs';
import { serveStatic } from '../../scripts/serve.mjs';
import { psnrAgainstNative } from './support/native-frames';

const root = join(import.meta.dirname, '../..');
const matrix = makeMatrix();

test.describe.configure({ timeout: 240_000 });

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

interface EngineFrame {
	timeS: number;
	width: number;
	height: number;
	jpeg: number[];
}

/** Probe, sample and find cuts in one clip in the page; frames come back as JPEG bytes. */
async function readClip(clip: MatrixClip) {
	await page.setInputFiles('#clip', join(MATRIX_DIR, clip.file));
	return page.evaluate(async () => {
		const file = window.pickedFile();
		const bytes = async (f: { blob: Blob; timeS: number; width: number; height: number }) => ({
			timeS: f.timeS,
			width: f.width,
			height: f.height,
			jpeg: [...new Uint8Array(await f.blob.arrayBuffer())]
		});
		try {
			const options = { ...window.defaultOptions, jpegQuality: 0.95 };
			const probe = await window.media.probeVideo(undefined, file);
			const frames = await window.media.sampleFrames(undefined, file, probe, options);
			const cuts = await window.media.detectCuts(undefined, file, probe, options);
			return {
				probe,
				frames: await Promise.all(frames.map(bytes)),
				keyframes: await Promise.all(cuts.shots.map((s) => bytes(s.keyframe))),
				cutsS: cuts.cutsS
			};
		} catch (error) {
			return { error: { kind: (error as { kind?: string }).kind, message: String(error) } };
		}
	});
}

function expectNativePictures(clip: MatrixClip, frames: EngineFrame[]) {
	for (const frame of frames) {
		const psnr = psnrAgainstNative(
			new Uint8Array(frame.jpeg),
			join(MATRIX_DIR, clip.file),
			frame.timeS,
			frame.width,
			frame.height
		);
		if (psnr < 30) {
			writeFileSync(
				test.info().outputPath(`${clip.file}-${frame.timeS}.jpg`),
				Buffer.from(frame.jpeg)
			);
		}
		expect.soft(psnr, `${clip.file} at ${frame.timeS} s`).toBeGreaterThanOrEqual(30);
	}
}

for (const clip of matrix.files.filter((c) => c.engine === 'ffmpeg.wasm')) {
	test(`${clip.file} (${clip.why}): native pictures and every cut`, async () => {
		const result = await readClip(clip);
		expect(result.error).toBeUndefined();
		expect(result.probe).toMatchObject({
			width: clip.width,
			height: clip.height,
			codec: clip.codec
		});
		expect(result.frames!.length).toBeGreaterThanOrEqual(1);
		expectNativePictures(clip, result.frames!);
		expectNativePictures(clip, result.keyframes!);
		expect(result.cutsS).toHaveLength(clip.cutsS.length);
		clip.cutsS.forEach((cut, i) => {
			expect(Math.abs(result.cutsS![i]! - cut)).toBeLessThanOrEqual(2 / clip.fps + 0.002);
		});
	});
}

for (const clip of matrix.files.filter((c) => c.engine === 'browser')) {
	test(`${clip.file} (${clip.why}): refused by its codec and profile, nothing made`, async () => {
		const result = await readClip(clip);
		expect(result.error?.kind).toBe('codec');
		expect(result.error?.message).toContain('AV1 video (Main profile)');
		expect(result.error?.message).toContain('cannot be decoded by');
	});
}
