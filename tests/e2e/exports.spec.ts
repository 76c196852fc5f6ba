// Exports over a storyboard imported through the app: ZIP, PDF, CSV and the animatic MP4, all
// made while offline (the service worker serves the app; the PDF font and the video engine were
// fetched once online, as a first use would).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { sheetLayout, aspectValue, pageCount } from '../../src/lib/export/pdf-layout';
import { installServiceWorker } from './support/app';
import {
	download,
	ffprobe,
	importStoryboard,
	openExport,
	parseCsv,
	pdfText,
	unzipFile,
	useDownloads
} from './support/exports';
import { readExpected, renderPdfPages } from './support/ocr';

const BUNDLE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Café 夜市 — exports';
const FILE_STEM = 'Café 夜市 — exports';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** Descriptions typed before exporting: every script needs a font of its own but the emoji. */
const DESCRIPTIONS = {
	'Shot 3': '한국어 장면 — Łódź, őszi 🎬',
	'Shot 4': 'Hôtel de Ville, été : 北京的秋天'
};

/** The fixture's files by asset path, to compare exported files with. */
const fixture = unzipFile(BUNDLE);

async function offlineWorkspace(page: Page, context: import('@playwright/test').BrowserContext) {
	await useDownloads(page);
	await installServiceWorker(page);
	await importStoryboard(page, BUNDLE, TITLE);
	// Text in Korean, Polish, Hungarian, French and Chinese, and a character no font has.
	for (const [shot, text] of Object.entries(DESCRIPTIONS)) {
		await page.getByRole('article', { name: shot }).getByLabel('Description').fill(text);
	}
	// First use online: a PDF (fetches its fonts) and an animatic (fetches the video engine).
	let dialog = await openExport(page, 'PDF storyboard sheet');
	await download(page, 'Export PDF', test.info().outputPath('warm.pdf'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	dialog = await openExport(page, 'Animatic MP4');
	await download(page, 'Export MP4', test.info().outputPath('warm.mp4'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Storyboard title')).toHaveValue(TITLE);
}

test('every export works offline and holds what the storyboard holds', async ({
	page,
	context
}) => {
	await offlineWorkspace(page, context);

	// Shot list CSV.
	let dialog = await openExport(page, 'Shot list CSV');
	const csv = await download(page, 'Export CSV', test.info().outputPath('shots.csv'));
	expect(csv.name).toBe(`${FILE_STEM} - shot list.csv`);
	await dialog.getByRole('button', { name: 'Close' }).click();
	const csvText = readFileSync(csv.path, 'utf8');
	expect(csvText.startsWith('\uFEFF')).toBe(true);
	const rows = parseCsv(csvText.slice(1));
	expect(rows).toHaveLength(5);
	expect(rows[0]).toEqual([
		'Shot',
		'Beat',
		'Title',
		'Description',
		'Shot size',
		'Angle',
		'Movement',
		'Duration (s)',
		'Beat action',
		'Beat camera',
		'Beat duration (s)',
		'Transition',
		'Source time (s)',
		'Dialogue',
		'Sound',
		'Notes',
		'Image',
		'Cast'
	]);
	expect(rows[1]).toEqual([
		'1',
		'1.1',
		'Marché de nuit',
		'Crème brûlée stall, façade lit — “quoted”, "double", commas, and\na new line.',
		'Medium',
		'Eye level',
		'Static',
		'1.2',
		'',
		'',
		'1.2',
		'cut',
		'0',
		'',
		'',
		'Ñandú, Øresund, Łódź',
		'Ink & wash/Shot_01/Beat_1.1.png',
		''
	]);
	expect(rows[2]!.slice(0, 4)).toEqual([
		'2',
		'2.1',
		'夜市の追跡',
		'配達人が提灯を持って走る。中文简体的描述。'
	]);
	const column = (name: string) => rows[0]!.indexOf(name);
	expect(rows[3]![column('Image')]).toBe('');
	expect(rows[4]![column('Source time (s)')]).toBe('');

	// Images ZIP: every style, every take and the upscaled versions.
	dialog = await openExport(page, 'Images (ZIP)');
	await dialog.getByLabel('Every style').check();
	await dialog.getByLabel('Every take, not only the chosen one').check();
	await dialog.getByLabel('Upscaled versions too').check();
	const zip = await download(page, 'Export ZIP', test.info().outputPath('images.zip'));
	expect(zip.name).toBe(`${FILE_STEM} - images.zip`);
	await expect(dialog.getByText('Saved 7 images with shots.csv and project.json.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Close' }).click();
	const entries = unzipFile(zip.path);
	// Every image is the stored take's file, byte for byte.
	const asset = (name: string) => fixture[`assets/${name}`];
	expect(entries).toEqual({
		'Ink & wash/Shot_01/Beat_1.1.png': asset('t1a.png'),
		'Ink & wash/Shot_01/Beat_1.1 (upscaled).png': asset('t1a-up.png'),
		'Ink & wash/Shot_01/Beat_1.1 (take 2).png': asset('t1b.png'),
		'Ink & wash/Shot_02/Beat_2.1.png': asset('t2a.png'),
		'Noir Film/Shot_01/Beat_1.1.png': asset('n1.png'),
		'Noir Film/Shot_02/Beat_2.1.png': asset('n2.png'),
		'Noir Film/Shot_03/Beat_3.1.png': asset('n3.png'),
		'shots.csv': expect.any(Uint8Array),
		'project.json': expect.any(Uint8Array)
	});
	const json = JSON.parse(new TextDecoder().decode(entries['project.json']));
	expect(json.project.title).toBe(TITLE);
	expect(json.shots.map((s: { title: string }) => s.title)).toEqual([
		'Marché de nuit',
		'夜市の追跡',
		'Lantern',
		'Title only'
	]);
	expect(new TextDecoder().decode(entries['shots.csv']).split('\r\n')).toHaveLength(6);

	// PDF storyboard sheet: 3 panels per row, Letter, portrait.
	dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByLabel('Panels per row').selectOption('3');
	await dialog.getByLabel('Paper').selectOption('letter');
	await dialog.getByLabel('Orientation').selectOption('portrait');
	const pdf = await download(page, 'Export PDF', test.info().outputPath('sheet.pdf'));
	expect(pdf.name).toBe(`${FILE_STEM} - storyboard.pdf`);
	await expect(dialog.getByRole('status')).toHaveText(
		'Saved the storyboard sheet. No font here has 🎬: it shows as \uFFFD.'
	);
	await dialog.getByRole('button', { name: 'Close' }).click();
	const { pages, text, pieces } = await pdfText(new Uint8Array(readFileSync(pdf.path)));
	const layout = sheetLayout(
		{ panelsPerRow: 3, paper: 'letter', orientation: 'portrait' },
		aspectValue('16:9')
	);
	expect(pages).toBe(pageCount(4, layout.perPage));
	const all = text.join('\n');
	for (const expected of [
		TITLE,
		'1. Marché de nuit',
		'2. 夜市の追跡',
		'配達人が提灯を持って走る。',
		'Crème brûlée',
		'Close-up · Eye level · Static',
		'1.2 s · Cut',
		'1 s · Dissolve',
		'4. Title only',
		`Page 1 of ${pages}`,
		'한국어 장면 — Łódź, őszi \uFFFD',
		'Hôtel de Ville, été : 北京的秋天'
	]) {
		expect(all.replace(/\s+/g, ' ')).toContain(expected);
	}
	expect(all).not.toContain('🎬');
	// As a person sees it: pages rendered by poppler read back with OCR, images beside them.
	const seen = readExpected(renderPdfPages(pdf.path), [
		{ name: 'French', ocr: 'fra', text: 'Marché de nuit Crème brûlée stall, façade lit' },
		{ name: 'Japanese', ocr: 'jpn', text: '夜市の追跡 配達人が提灯を持って走る' },
		{ name: 'Korean', ocr: 'kor', text: '한국어 장면' },
		{ name: 'Chinese', ocr: 'chi_sim', text: '北京的秋天' }
	]);
	for (const { name, share, missed } of seen) {
		expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
	}
	// Each script is drawn in the font that has it, not as empty boxes of another.
	const fontOf = (piece: string) => pieces.find((p) => p.text.includes(piece))?.font;
	expect(fontOf('한국어 장면')).toMatch(/^([A-Z]{6}\+)?NotoSansKR-Regular/);
	expect(fontOf('Łódź, őszi')).toMatch(/^([A-Z]{6}\+)?NotoSans-Regular/);
	expect(fontOf('Hôtel de Ville, été')).toMatch(/^([A-Z]{6}\+)?NotoSans-Regular/);
	expect(fontOf('北京的秋天')).toMatch(/^([A-Z]{6}\+)?NotoSansSC-Regular/);
	expect(fontOf('夜市の追跡')).toMatch(/^([A-Z]{6}\+)?NotoSansSC-Regular/);

	// Animatic: 720p, captions, the source clip's sound; shots 3 and 4 have no image in style 1.
	dialog = await openExport(page, 'Animatic MP4');
	await dialog.getByLabel('Sound from the source clip').check();
	const mp4 = await download(page, 'Export MP4', test.info().outputPath('animatic.mp4'), 120_000);
	expect(mp4.name).toBe(`${FILE_STEM} - animatic.mp4`);
	await expect(
		dialog.getByText('Shot 3 had no image: the source keyframe stood in.')
	).toBeVisible();
	await expect(dialog.getByText('Shot 4 had no image: a title card stood in.')).toBeVisible();
	const probe = ffprobe(mp4.path);
	const video = probe.streams.find((s) => s.codec_type === 'video')!;
	const audio = probe.streams.find((s) => s.codec_type === 'audio');
	expect([video.codec_name, video.width, video.height, video.pix_fmt]).toEqual([
		'h264',
		1280,
		720,
		'yuv420p'
	]);
	expect(audio?.codec_name).toBe('aac');
	// 1.2 + 1 + 0.8 + 1 seconds, within one frame at 25 fps.
	expect(Math.abs(Number(probe.format.duration) - 4)).toBeLessThanOrEqual(0.04);
	expect(Math.abs(Number(video.duration) - 4)).toBeLessThanOrEqual(0.04);
	// Constant frame rate: every one of the 100 frames stored, each 1/25 s.
	expect([video.r_frame_rate, video.avg_frame_rate, video.nb_frames]).toEqual([
		'25/1',
		'25/1',
		String(Math.round(Number(video.duration) * 25))
	]);
	expect(video.nb_frames).toBe('100');
});

test('an animatic can be cancelled, and shots can be timed to the clip and back', async ({
	page
}) => {
	await useDownloads(page);
	await importStoryboard(page, BUNDLE, TITLE);
	const dialog = await openExport(page, 'Animatic MP4');
	await dialog.getByLabel('Resolution').selectOption('1080');
	await dialog.getByLabel('Gentle pan and zoom (slower to make)').check();
	let downloads = 0;
	page.on('download', () => downloads++);
	await dialog.getByRole('button', { name: 'Export MP4' }).click();
	await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog.getByRole('button', { name: 'Export MP4' })).toBeEnabled();
	await expect(dialog.getByRole('alert')).toHaveCount(0);
	await expect(dialog.getByRole('progressbar')).toHaveCount(0);
	await dialog.getByRole('button', { name: 'Close' }).click();
	expect(downloads).toBe(0);

	const durations = () =>
		page
			.getByRole('article', { name: /^Shot \d+$/ })
			.getByLabel(/Duration/)
			.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
	await expect.poll(durations).toEqual(['1.2', '1', '0.8', '1']);
	await page.getByRole('button', { name: 'Export', exact: true }).click();
	await page.getByRole('menuitem', { name: 'Time shots to the clip' }).click();
	await expect(page.getByText('Timed 3 shots to the clip.')).toBeVisible();
	await expect.poll(durations).toEqual(['2', '1.5', '2.5', '1']);
	await expect(page.getByRole('button', { name: 'Undo time 3 shots to the clip' })).toBeEnabled();
	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect.poll(durations).toEqual(['1.2', '1', '0.8', '1']);
	await expect(page.getByRole('button', { name: 'Redo time 3 shots to the clip' })).toBeEnabled();
	await page.reload();
	await expect.poll(durations).toEqual(['1.2', '1', '0.8', '1']);
});
