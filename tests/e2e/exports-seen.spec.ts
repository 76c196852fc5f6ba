// Exports as a person sees them: PDF pages rendered to pixels by poppler and by pdf.js and read
// back with OCR in every script; the animatic decoded by native ffmpeg, frame by frame, against
// the storyboard's pictures and timing; each export in the activity log.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { clipTimings } from '../../src/workers/shared/animatic-graph';
import { addShot, createStoryboard, expectSaved } from './support/app';
import {
	download,
	embeddedFonts,
	ffprobe,
	importStoryboard,
	openExport,
	parseCsv,
	pdfText,
	unzipFile,
	useDownloads
} from './support/exports';
import { decodeFrames, halfway, pictureAt, psnr, readFrame } from './support/frames';
import {
	SCRIPT_SAMPLES,
	SCRIPT_TEXTS,
	ocr,
	readExpected,
	renderPdfInBrowser,
	renderPdfPages,
	renderPdfWithPdfium,
	type ExpectedText
} from './support/ocr';

test.describe.configure({ timeout: 240_000 });

async function activityLog(page: Page) {
	const log = page.getByRole('list', { name: 'Activity log' });
	if (!(await log.isVisible())) await page.getByText(/^Activity/).click();
	return log;
}

test('the PDF sheet reads right in every script, in poppler, pdf.js and PDFium', async ({
	page
}) => {
	await useDownloads(page);
	await createStoryboard(page, 'Scripts of the world');
	for (const sample of SCRIPT_SAMPLES) await addShot(page, sample.title, sample.text);
	// A title that a spreadsheet would run as a formula.
	await addShot(page, '=HYPERLINK("http://example.com","x")', '-1 take, @everyone');
	await expectSaved(page);

	let dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByLabel('Orientation').selectOption('portrait');
	const pdf = await download(page, 'Export PDF', test.info().outputPath('scripts.pdf'));
	await expect(dialog.getByRole('status')).toHaveText('Saved the storyboard sheet.');
	await dialog.getByRole('button', { name: 'Close' }).click();
	const bytes = new Uint8Array(readFileSync(pdf.path));
	const size = bytes.byteLength;

	const sheet: ExpectedText = {
		name: 'Header, camera notes and page numbers',
		ocr: 'eng',
		text: 'Scripts of the world Page 1 of 2 Page 2 of 2 No image yet Cut'
	};
	const expected = [...SCRIPT_TEXTS, sheet];
	// Poppler (most Linux viewers), pdf.js (Firefox) and PDFium (Chrome, Edge).
	const renderers = {
		poppler: renderPdfPages(bytes),
		'pdf.js': await renderPdfInBrowser(page, bytes),
		PDFium: await renderPdfWithPdfium(bytes)
	};
	for (const [renderer, pages] of Object.entries(renderers)) {
		expect(pages, renderer).toHaveLength(2);
		for (const { name, share, missed } of readExpected(pages, expected)) {
			expect(share, `${renderer}, ${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
		}
	}
	// Each embedded font passes the browser's font sanitizer (OTS), as a viewer's parser would.
	const fonts = await embeddedFonts(bytes);
	expect(fonts).toHaveLength(3);
	const loaded = await page.evaluate(
		(files) =>
			Promise.all(
				files.map((base64, i) =>
					new FontFace(
						`embedded-${i}`,
						Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
					)
						.load()
						.then(
							() => 'loaded',
							(error: Error) => error.message
						)
				)
			),
		fonts.map((font) => Buffer.from(font).toString('base64'))
	);
	expect(loaded).toEqual(['loaded', 'loaded', 'loaded']);
	// The text stays selectable and searchable.
	const unspaced = (text: string) => text.replace(/\s+/g, '');
	const extracted = unspaced((await pdfText(bytes.slice())).text.join(''));
	for (const sample of SCRIPT_SAMPLES) expect(extracted).toContain(unspaced(sample.text));

	// The shot list keeps the formula-like cells as text.
	dialog = await openExport(page, 'Shot list CSV');
	const csv = await download(page, 'Export CSV', test.info().outputPath('shots.csv'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	const rows = parseCsv(readFileSync(csv.path, 'utf8').slice(1));
	const column = (name: string) => rows[0]!.indexOf(name);
	expect([rows[9]![column('Title')], rows[9]![column('Description')]]).toEqual([
		`'=HYPERLINK("http://example.com","x")`,
		"'-1 take, @everyone"
	]);

	const log = await activityLog(page);
	await expect(log).toContainText(
		new RegExp(
			`Exported the PDF storyboard sheet “[^”]+ - storyboard\\.pdf” \\(${kb(size)}, [\\d.]+ s\\)\\.`
		)
	);
	await expect(log).toContainText(
		/Exported the shot list CSV “[^”]+ - shot list\.csv” \([\d.]+ K?B, (under )?[\d.]+ s\)\./
	);
});

test('dialogue and sound read back from the PDF sheet, and sit in the shot list CSV', async ({
	page
}) => {
	await useDownloads(page);
	await createStoryboard(page, 'Spoken lines');
	const shot = await addShot(page, 'Lantern stall', 'A lantern stall at dusk.');
	const lines = [
		['Mara', 'Keep the flame alive whatever happens before midnight, and run to the river gate.'],
		['Борис', 'Поезд уходит ровно в полночь, не опаздывай.']
	];
	for (const [index, [speaker, line]] of lines.entries()) {
		await shot.getByRole('button', { name: 'Add line' }).click();
		await shot.getByRole('textbox', { name: `Speaker ${index + 1}, shot 1` }).fill(speaker!);
		await shot.getByRole('textbox', { name: `Line ${index + 1}, shot 1` }).fill(line!);
	}
	await shot.getByRole('textbox', { name: 'Sound' }).fill('Firecrackers and a distant brass band');
	await addShot(page, 'Quiet river', 'The river, nobody speaks.');
	await expectSaved(page);

	let dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByLabel('Orientation').selectOption('portrait');
	const pdf = await download(page, 'Export PDF', test.info().outputPath('spoken.pdf'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	const pages = renderPdfPages(new Uint8Array(readFileSync(pdf.path)));
	expect(pages).toHaveLength(1);
	const read = readExpected(pages, [
		{ name: 'English line', ocr: 'eng', text: `MARA: ${lines[0]![1]}` },
		{ name: 'Russian line', ocr: 'rus', text: `БОРИС: ${lines[1]![1]}` },
		{ name: 'Sound', ocr: 'eng', text: 'Sound: Firecrackers and a distant brass band' },
		{ name: 'Camera notes below', ocr: 'eng', text: 'Medium Eye level Static Cut' }
	]);
	for (const { name, share, missed } of read)
		expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);

	dialog = await openExport(page, 'Shot list CSV');
	const csv = await download(page, 'Export CSV', test.info().outputPath('spoken.csv'));
	await dialog.getByRole('button', { name: 'Close' }).click();
	const rows = parseCsv(readFileSync(csv.path, 'utf8').slice(1));
	const column = (name: string) => rows[0]!.indexOf(name);
	expect(rows[1]![column('Dialogue')]).toBe(`MARA: ${lines[0]![1]}\nБОРИС: ${lines[1]![1]}`);
	expect(rows[1]![column('Sound')]).toBe('Firecrackers and a distant brass band');
	expect([rows[2]![column('Dialogue')], rows[2]![column('Sound')]]).toEqual(['', '']);

	// The animatic's caption says the lines under the shot's title (captions are on by default).
	dialog = await openExport(page, 'Animatic MP4');
	const mp4 = await download(page, 'Export MP4', test.info().outputPath('spoken.mp4'), 120_000);
	await dialog.getByRole('button', { name: 'Close' }).click();
	const band = 200;
	const caption = readFrame(mp4.path, 37, `crop=1280:${band}:0:${720 - band}`);
	const captionRead = readExpected(
		[caption],
		[
			{ name: 'Title', ocr: 'eng', text: '1 Lantern stall' },
			{ name: 'English line', ocr: 'eng', text: `MARA: ${lines[0]![1]}` },
			{ name: 'Russian line', ocr: 'rus', text: `БОРИС: ${lines[1]![1]}` }
		]
	);
	for (const { name, share, missed } of captionRead)
		expect(share, `caption, ${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
	// A shot without dialogue keeps the one-line caption.
	const quiet = readFrame(mp4.path, 112, `crop=1280:${band}:0:${720 - band}`);
	expect(ocr(quiet, 'eng')).not.toMatch(/MARA|Keep the flame/);
	expect(ocr(quiet, 'eng')).toContain('Quiet river');
});

/** The size as the activity log writes it (1 KB = 1000 bytes). */
function kb(bytes: number): string {
	const value = bytes / 1000;
	return `${value >= 100 ? Math.round(value) : value.toFixed(1)} KB`.replace('.', '\\.');
}

const BUNDLE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Café 夜市 — exports';
const fixture = unzipFile(BUNDLE);

test('the animatic puts every cut on its frame, and every shot shows its picture', async ({
	page
}) => {
	await useDownloads(page);
	await importStoryboard(page, BUNDLE, TITLE);
	// Durations whose cuts fall between frames: rounding each shot would give 107 frames.
	const durations = [1.22, 1.02, 0.86, 1.1];
	const shots = page.getByRole('article', { name: /^Shot \d+$/ });
	for (const [i, duration] of durations.entries()) {
		await shots
			.nth(i)
			.getByLabel(/Duration/)
			.fill(String(duration));
	}
	await expectSaved(page);
	const dialog = await openExport(page, 'Animatic MP4');
	const mp4 = await download(page, 'Export MP4', test.info().outputPath('animatic.mp4'), 120_000);
	await expect(dialog.getByRole('status')).toContainText('Saved the animatic (4.2 s).');
	await dialog.getByRole('button', { name: 'Close' }).click();

	const fps = 25;
	const total = durations.reduce((a, b) => a + b, 0);
	// Cuts at the frame nearest each running total: 31, 56, 78; 105 frames in all.
	let elapsed = 0;
	const starts = [0, ...durations.map((d) => Math.round((elapsed += d) * fps))];
	expect(starts).toEqual([0, 31, 56, 78, 105]);
	const video = ffprobe(mp4.path).streams.find((s) => s.codec_type === 'video')!;
	expect(Number(video.nb_frames)).toBe(Math.round(total * fps));

	const [w, h] = [160, 90];
	const frames = decodeFrames(mp4.path, w, h);
	expect(frames).toHaveLength(105);
	const same = (a: number, b: number) => psnr(frames[a]!, frames[b]!, w, h);
	// Shot 3 (a dissolve in) cuts hard into shot 4 at frame 78: no earlier, no later.
	expect(same(76, 77)).toBeGreaterThan(35);
	expect(same(77, 78)).toBeLessThan(20);
	expect(same(78, 79)).toBeGreaterThan(35);
	// Crossfades are centred on their cut: the frame on the cut is half of each picture.
	const fades = clipTimings(
		durations.map((durationS, i) => ({
			durationS,
			transition: i === 1 || i === 2 ? ('dissolve' as const) : ('cut' as const)
		})),
		fps
	).map((timing) => timing.fadeIn);
	expect(fades).toEqual([0, 12, 10, 0]);
	const transitions = [2, 3].map((shot) => ({ shot, fade: fades[shot - 1]! }));
	for (const { shot, fade } of transitions) {
		const cut = starts[shot - 1]!;
		const [before, after] = [cut - fade / 2 - 1, cut + fade / 2];
		expect(same(before - 1, before), `still before the fade into shot ${shot}`).toBeGreaterThan(35);
		expect(same(after, after + 1), `still after the fade into shot ${shot}`).toBeGreaterThan(35);
		const middle = psnr(frames[cut]!, halfway(frames[before]!, frames[after]!), w, h);
		expect(middle, `the frame on the cut into shot ${shot}`).toBeGreaterThan(30);
		expect(middle).toBeGreaterThan(same(cut, before) + 6);
		expect(middle).toBeGreaterThan(same(cut, after) + 6);
	}

	// The middle frame of each shot is its picture (outside the caption band), full size.
	const [fw, fh] = [1280, 720];
	const captionBand = 64;
	const pictures = ['t1a.png', 't2a.png', 'k3.png'];
	for (const [i, name] of pictures.entries()) {
		const middle = Math.floor((starts[i]! + starts[i + 1]!) / 2);
		const frame = decodeFrames(mp4.path, fw, fh, middle)[0]!;
		const expected = pictureAt(fixture[`assets/${name}`]!, fw, fh);
		expect(psnr(frame, expected, fw, fh - captionBand), `shot ${i + 1}`).toBeGreaterThanOrEqual(30);
	}
	// The burned-in caption and the title card can be read.
	const caption = readFrame(
		mp4.path,
		Math.floor(starts[1]! / 2),
		`crop=${fw}:${captionBand}:0:${fh - captionBand}`
	);
	expect(ocr(caption, 'fra')).toContain('Marché de nuit');
	const card = readFrame(mp4.path, Math.floor((starts[3]! + starts[4]!) / 2), 'null');
	expect(ocr(card, 'eng')).toMatch(/Shot 4[\s\S]*Title only/);

	const log = await activityLog(page);
	await expect(log).toContainText(
		/Exported the animatic MP4 “[^”]+ - animatic\.mp4” \([\d.]+ KB, [\d.]+ s\)\./
	);
});
