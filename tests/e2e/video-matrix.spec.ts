// Issue 17 through the workspace: the clips people really drop (scripts/fixtures/make-matrix-clips.mjs,
// made here with native ffmpeg: intra refresh, open GOP, recovery points, 4:2:2/4:4:4/10-bit,
// a 10 s GOP, an edit list, HEVC, VP9 4:4:4, ProRes, MJPEG, a VFR phone clip, a 1 s clip).
// Every saved filmstrip frame and every shot's source frame must be the picture native ffmpeg
// decodes at its time with exact seeking; every cut is found within 2 frames, none false; "Shots
// from cuts" makes one shot per cut. AV1, which the engine cannot decode, is decoded by the
// browser (WebCodecs). A clip that cannot be read is refused by its codec's name,
// and a full disk while sampling raises the storage banner and keeps what was saved.
import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
	makeMatrix,
	MATRIX_DIR,
	type MatrixClip
} from '../../scripts/fixtures/make-matrix-clips.mjs';
import { createStoryboard } from './support/app';
import { openProjectId, storedRecords, type StoredBlob } from './support/stored';
import { psnrAgainstNative } from '../../scripts/fixtures/native-psnr.mjs';

const matrix = makeMatrix();

test.describe.configure({ timeout: 180_000 });

interface SavedPicture {
	timeS: number;
	width: number;
	height: number;
	jpeg: number[];
}

/** The storyboard's saved frames and shot keyframes, read back from IndexedDB with their times. */
async function savedPictures(
	page: Page
): Promise<{ frames: SavedPicture[]; keyframes: SavedPicture[] }> {
	type Intake = {
		frames: { assetId: string; timeS: number }[];
		shots?: { keyframeAssetId: string; keyframeS: number }[];
	};
	const [project] = await storedRecords<{ videoIntake: Intake }>(page, 'projects', {
		keys: [openProjectId(page)]
	});
	const intake = project!.videoIntake;
	const wanted = [
		...intake.frames.map((frame) => ({ assetId: frame.assetId, timeS: frame.timeS })),
		...(intake.shots ?? []).map((shot) => ({
			assetId: shot.keyframeAssetId,
			timeS: shot.keyframeS
		}))
	];
	const assets = await storedRecords<{
		id: string;
		width: number;
		height: number;
		blob: StoredBlob;
	}>(page, 'assets', { keys: wanted.map((picture) => picture.assetId), blobs: 'bytes' });
	const pictures = wanted.map(({ assetId, timeS }) => {
		const asset = assets.find((candidate) => candidate.id === assetId)!;
		return { timeS, width: asset.width, height: asset.height, jpeg: asset.blob.bytes! };
	});
	return {
		frames: pictures.slice(0, intake.frames.length),
		keyframes: pictures.slice(intake.frames.length)
	};
}

function expectNativePictures(clip: MatrixClip, pictures: SavedPicture[]) {
	for (const picture of pictures) {
		const psnr = psnrAgainstNative(
			new Uint8Array(picture.jpeg),
			join(MATRIX_DIR, clip.file),
			picture.timeS,
			picture.width,
			picture.height
		);
		expect.soft(psnr, `${clip.file} at ${picture.timeS} s`).toBeGreaterThanOrEqual(30);
	}
}

/** "0:04.2" as seconds. */
const clipSeconds = (text: string) =>
	text.split(':').reduce((total, part) => total * 60 + Number(part), 0);

for (const clip of matrix.files) {
	test(`${clip.file} (${clip.why}): native pictures, every cut, shots from cuts`, async ({
		page
	}) => {
		await createStoryboard(page, clip.file, 'video');
		await page.getByLabel('Add video').setInputFiles(join(MATRIX_DIR, clip.file));
		await expect(page.getByLabel('Video facts')).toContainText(`${clip.width} × ${clip.height}`, {
			timeout: 60_000
		});
		const engine = clip.engine === 'browser' ? /browser’s own decoder.*AV1/ : /ffmpeg\.wasm/;
		await expect(page.getByText(/^Video engine:/)).toHaveText(engine, { timeout: 60_000 });
		const shots = clip.cutsS.length + 1;
		await expect(page.getByText(`${clip.cutsS.length} cut`)).toBeVisible({ timeout: 120_000 });
		await expect(page.getByRole('alert')).toHaveCount(0);

		const cutLabels = await page
			.getByRole('region', { name: 'Cuts' })
			.getByRole('button', { name: /^Cut \d+ at / })
			.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!));
		const found = cutLabels.map((label) => clipSeconds(label.replace(/^Cut \d+ at /, '')));
		expect(found).toHaveLength(clip.cutsS.length);
		clip.cutsS.forEach((cut, i) => {
			// Within 2 frames, and the label rounds to tenths.
			expect(Math.abs(found[i]! - cut)).toBeLessThanOrEqual(2 / clip.fps + 0.05);
		});

		const strip = page.getByRole('region', { name: 'Sampled frames' }).getByRole('img');
		const saved = await savedPictures(page);
		await expect(strip).toHaveCount(saved.frames.length);
		expect(saved.frames.length).toBeGreaterThanOrEqual(1);
		expect(saved.keyframes).toHaveLength(shots);
		expectNativePictures(clip, saved.frames);
		expectNativePictures(clip, saved.keyframes);

		await page.getByRole('button', { name: 'Shots from cuts' }).click();
		await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(shots);
		await expect(page.getByRole('img', { name: /^Source frame of shot \d+$/ })).toHaveCount(shots);
	});
}

test('after an AV1 clip the browser decoded, the next clip in the same tab is read by the engine', async ({
	page
}) => {
	await createStoryboard(page, 'AV1 then H.264', 'video');
	await page.getByLabel('Add video').setInputFiles(join(MATRIX_DIR, 'av1.mp4'));
	await expect(page.getByText('3 cuts')).toBeVisible({ timeout: 120_000 });
	const next = matrix.files.find((c) => c.file === 'short-1s.mp4')!;
	await page.getByLabel('Add video').setInputFiles(join(MATRIX_DIR, next.file));
	await page.getByRole('button', { name: 'Replace clip' }).click();
	await expect(page.getByText(`${next.cutsS.length} cut`)).toBeVisible({ timeout: 120_000 });
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByText(/^Video engine:/)).toHaveText(/ffmpeg\.wasm/);
	expectNativePictures(next, (await savedPictures(page)).frames);
});

test('an AV1 clip too large to hand to the browser is refused by its codec and profile, nothing saved', async ({
	page
}) => {
	// The AV1 clip followed by 300 MB of nothing (a sparse file): still a valid AV1 MP4, but the
	// browser path copies the stream into memory, so it takes clips up to 256 MB only.
	const dir = mkdtempSync(join(tmpdir(), 'maestro-av1-'));
	const big = join(dir, 'big-av1.mp4');
	copyFileSync(join(MATRIX_DIR, 'av1.mp4'), big);
	truncateSync(big, 300 * 1024 ** 2);
	try {
		await createStoryboard(page, 'Large AV1', 'video');
		await page.getByLabel('Add video').setInputFiles(big);
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('AV1 video (Main profile)', { timeout: 60_000 });
		await expect(alert).toContainText('too large');
		await expect(alert).not.toContainText('not a video');
		await expect(page.getByRole('region', { name: 'Sampled frames' })).toHaveCount(0);
		await expect(page.getByLabel('Video facts')).toHaveCount(0);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('a full disk while sampling raises the storage banner and keeps the frames saved before it', async ({
	page
}) => {
	// IndexedDB writes fail with QuotaExceededError once the page says so (after two frames).
	await page.addInitScript(() => {
		const w = window as unknown as { __framesBeforeFull: number };
		w.__framesBeforeFull = Infinity;
		const original = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (
			this: IDBObjectStore,
			...args: [unknown, IDBValidKey?]
		) {
			const value = args[0] as { mime?: string } | undefined;
			if (this.name === 'assets' && value?.mime === 'image/jpeg' && w.__framesBeforeFull-- <= 0) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return original.apply(this, args);
		};
	});
	const clip = matrix.files.find((c) => c.file === 'h264-gop10s.mp4')!;
	await createStoryboard(page, 'Full disk while sampling', 'video');
	await page.evaluate(
		() => ((window as unknown as { __framesBeforeFull: number }).__framesBeforeFull = 2)
	);
	await page.getByLabel('Add video').setInputFiles(join(MATRIX_DIR, clip.file));

	await expect(page.getByRole('alert').filter({ hasText: /Storage is full/ })).toBeVisible({
		timeout: 60_000
	});
	await expect(
		page.getByText('Sampling stopped because the browser’s storage is full')
	).toBeVisible();
	await expect(page.getByText('The video engine stopped working')).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		2
	);

	await page.reload();
	await expect(page.getByRole('region', { name: 'Sampled frames' }).getByRole('img')).toHaveCount(
		2
	);
	const saved = await savedPictures(page);
	expect(saved.frames).toHaveLength(2);
	expectNativePictures(clip, saved.frames);
});
