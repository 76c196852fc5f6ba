// Exports of a storyboard whose shot 2 has three beats, each with its own chosen picture: the
// ZIP's files, the shot list's rows, the PDF read back by OCR, the animatic decoded by native
// ffmpeg at each beat's middle, and the player stepping beat by beat.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from '@playwright/test';
import { beatPicture, bundleWithBeats } from './support/beat-bundle';
import {
	download,
	ffprobe,
	importStoryboard,
	openExport,
	parseCsv,
	unzipFile,
	useDownloads
} from './support/exports';
import { decodeFrames, pictureAt, psnr } from './support/frames';
import { aspectValue, sheetLayout, TITLE_SIZE } from '../../src/lib/export/pdf-layout';
import { ocr, ocrPdfLine, readExpected, renderPdfPages } from './support/ocr';
import { digest, digestOf, playStoppedBundle, shownLayers } from './support/player';
import { DESKTOP, PHONE, screenshot } from './support/viewport';

test.describe.configure({ timeout: 240_000 });

const FIXTURE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Beats — exports';
// Shot 2 lasts 3 s: beat 2.2 holds half of it, 2.1 and 2.3 share the rest (0.75 s each).
const BEATS = [
	{ id: 'b21', action: 'The door opens', camera: '', png: beatPicture([200, 40, 40], 0) },
	{
		id: 'b22',
		action: 'She turns',
		camera: 'Push in',
		share: 0.5,
		png: beatPicture([40, 160, 60], 0.5)
	},
	{ id: 'b23', action: 'She sees him', camera: '', png: beatPicture([40, 60, 200], 1) }
];
const BUNDLE = bundleWithBeats(FIXTURE, `${tmpdir()}/exports-beats.maestro`, TITLE, 3, BEATS);
const fixture = unzipFile(FIXTURE);

test('the ZIP holds Style/Shot_02/Beat_2.3.png and the shot list a row per beat', async ({
	page
}) => {
	await useDownloads(page);
	await importStoryboard(page, BUNDLE, TITLE);
	const dialog = await openExport(page, 'Images (ZIP)');
	const zip = await download(page, 'Export ZIP', test.info().outputPath('beats.zip'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	const entries = unzipFile(zip.path);
	expect(Object.keys(entries).sort()).toEqual([
		'Ink & wash/Shot_01/Beat_1.1.png',
		'Ink & wash/Shot_02/Beat_2.1.png',
		'Ink & wash/Shot_02/Beat_2.2.png',
		'Ink & wash/Shot_02/Beat_2.3.png',
		'project.json',
		'shots.csv'
	]);
	for (const [index, beat] of BEATS.entries())
		expect(entries[`Ink & wash/Shot_02/Beat_2.${index + 1}.png`]).toEqual(beat.png);
	expect(entries['Ink & wash/Shot_01/Beat_1.1.png']).toEqual(fixture['assets/t1a.png']);

	// TextDecoder drops the byte order mark.
	const rows = parseCsv(new TextDecoder().decode(entries['shots.csv']));
	const column = (name: string) => rows[0]!.indexOf(name);
	const cells = (...names: string[]) =>
		rows.slice(1).map((row) => names.map((n) => row[column(n)]));
	expect(cells('Shot', 'Beat', 'Title', 'Beat action', 'Beat camera', 'Beat duration (s)')).toEqual(
		[
			['1', '1.1', 'Marché de nuit', '', '', '1.2'],
			['2', '2.1', '夜市の追跡', 'The door opens', '', '0.75'],
			['2', '2.2', '夜市の追跡', 'She turns', 'Push in', '1.5'],
			['2', '2.3', '夜市の追跡', 'She sees him', '', '0.75'],
			['3', '3.1', 'Lantern', '', '', '0.8'],
			['4', '4.1', 'Title only', '', '', '1']
		]
	);
	expect(rows[4]![column('Image')]).toBe('Ink & wash/Shot_02/Beat_2.3.png');
});

test('the PDF shows each beat as a panel that reads back as 2.1, 2.2, 2.3', async ({ page }) => {
	await useDownloads(page);
	await importStoryboard(page, BUNDLE, TITLE);
	const dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByLabel('Panels per row').selectOption('3');
	const pdf = await download(page, 'Export PDF', test.info().outputPath('beats.pdf'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	const pages = renderPdfPages(new Uint8Array(readFileSync(pdf.path)));
	if (process.env.SCREENSHOTS)
		execFileSync('pdftoppm', [
			'-r',
			'90',
			'-png',
			'-singlefile',
			pdf.path,
			'docs/screenshots/pdf-beats'
		]);
	const read = pages.map((path) => ocr(path, 'eng')).join('\n');
	// Each panel's heading line, read alone where the sheet's layout puts it: 3 panels a page.
	const layout = sheetLayout(
		{ panelsPerRow: 3, paper: 'a4', orientation: 'landscape' },
		aspectValue('16:9')
	);
	expect(pages).toHaveLength(2);
	const headings = [1, 2].flatMap((page) =>
		layout.panels.map((panel) =>
			ocrPdfLine(
				pdf.path,
				page,
				{ x: panel.x, top: panel.textTop, width: panel.textWidth, height: TITLE_SIZE * 1.6 },
				layout.page.height
			)
		)
	);
	expect(headings.map((heading) => heading.split(/\s+/)[0])).toEqual([
		'1.',
		'2.1',
		'2.2',
		'2.3',
		'3.',
		'4.'
	]);
	const seen = readExpected(pages, [
		{ name: 'Beat 2.1', ocr: 'eng', text: 'The door opens' },
		{ name: 'Beat 2.2', ocr: 'eng', text: 'She turns Push in' },
		{ name: 'Beat 2.3', ocr: 'eng', text: 'She sees him' }
	]);
	for (const { name, share, missed } of seen)
		expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
	// The shot's notes are said once, under its first beat.
	expect(read.match(/Close-up/g)).toHaveLength(1);
	expect(read.match(/Dissolve/g)!.length).toBe(2);
});

test('the animatic shows each beat at its middle and cuts hard between beats', async ({ page }) => {
	await useDownloads(page);
	await importStoryboard(page, BUNDLE, TITLE);
	const dialog = await openExport(page, 'Animatic MP4');
	const mp4 = await download(page, 'Export MP4', test.info().outputPath('beats.mp4'), 120_000);
	await expect(dialog.getByRole('status')).toContainText('Saved the animatic (6.0 s).');
	await dialog.getByRole('button', { name: 'Close' }).click();

	// Running times 1.2, 1.95, 3.45, 4.2, 5, 6 s at 25 fps: beats 2.1, 2.2 and 2.3 are frames
	// 30–48, 49–85 and 86–104; shot 2 dissolves in over frames 26–33.
	const video = ffprobe(mp4.path).streams.find((s) => s.codec_type === 'video')!;
	expect(Number(video.nb_frames)).toBe(150);
	const [fw, fh] = [1280, 720];
	const captionBand = 64;
	const expected = BEATS.map((beat) => pictureAt(beat.png, fw, fh));
	for (const [index, middle] of [39, 67, 95].entries()) {
		const frame = decodeFrames(mp4.path, fw, fh, middle)[0]!;
		const scores = expected.map((picture) => psnr(frame, picture, fw, fh - captionBand));
		expect(scores[index], `beat 2.${index + 1} at frame ${middle}`).toBeGreaterThanOrEqual(30);
		for (const [other, score] of scores.entries())
			if (other !== index) expect(score).toBeLessThan(scores[index]! - 10);
	}
	const [w, h] = [160, 90];
	const frames = decodeFrames(mp4.path, w, h);
	const same = (a: number, b: number) => psnr(frames[a]!, frames[b]!, w, h);
	for (const cut of [49, 86]) {
		expect(same(cut - 2, cut - 1), `still before the cut at ${cut}`).toBeGreaterThan(35);
		expect(same(cut - 1, cut), `the cut at ${cut}`).toBeLessThan(20);
		expect(same(cut, cut + 1), `still after the cut at ${cut}`).toBeGreaterThan(35);
	}
});

test('the player steps beat by beat, showing each beat’s picture and number', async ({ page }) => {
	const player = await playStoppedBundle(page, BUNDLE, TITLE);
	const status = player.getByRole('status');
	await expect(player.getByTestId('player-clock')).toContainText('0:00.0 / 0:06.0');
	const shown = player.locator('[data-layer="shown"]');
	for (const [index, beat] of BEATS.entries()) {
		await page.keyboard.press('ArrowRight');
		await expect(status).toContainText(`Shot 2.${index + 1} of 4`);
		// The cut into shot 2 is the middle of its dissolve; its beats cut hard into each other.
		const layers = [{ shot: Number(`2.${index + 1}`), source: 'image', opacity: 1 }];
		if (index === 0) layers.unshift({ shot: 1, source: 'image', opacity: 1 });
		if (index === 0) layers[1]!.opacity = 0.5;
		await expect.poll(() => shownLayers(player)).toEqual(layers);
		expect(await digestOf(shown.locator('img').last())).toBe(digest(beat.png));
		await expect(player.getByTestId('player-caption')).toContainText(`2.${index + 1}`);
	}
	await player.getByRole('button', { name: 'Next beat' }).click();
	await expect(status).toContainText('Shot 3 of 4');
	await player.getByRole('button', { name: 'Previous beat' }).click();
	await expect(status).toContainText('Shot 2.3 of 4');
	// The timeline has a block per shot, the current one marked.
	const timeline = player.getByRole('group', { name: 'Timeline' });
	await expect(timeline.getByRole('button')).toHaveCount(4);
	await timeline.getByRole('button', { name: /Go to shot 2/ }).press('Enter');
	await expect(status).toContainText('Shot 2.1 of 4');
});

for (const { width, height } of [DESKTOP.viewport, PHONE.viewport]) {
	test(`at ${width}×${height} the player shows beat 2.2 and marks shot 2's beats`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		const player = await playStoppedBundle(page, BUNDLE, TITLE);
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(player.getByRole('status')).toContainText('Shot 2.2 of 4');
		const block = player.getByRole('button', { name: /Go to shot 2/ });
		await expect(block).toHaveAttribute('aria-current', 'true');
		// Two faint ticks inside shot 2's block, where beats 2.2 and 2.3 begin (1.95 s and 3.45 s).
		const ticks = await block.locator('.beat-cut').evaluateAll((all) =>
			all.map((tick) => {
				const box = tick.getBoundingClientRect();
				const parent = tick.parentElement!.getBoundingClientRect();
				return (box.left - parent.left) / parent.width;
			})
		);
		// Near a quarter and three quarters of the block (its borders shift a narrow one a little).
		expect(ticks).toHaveLength(2);
		for (const [index, at] of ticks.entries()) expect(at).toBeCloseTo([0.25, 0.75][index]!, 1);
		await screenshot(page, `player-beats-${width}`, { forDocs: true });
	});
}
