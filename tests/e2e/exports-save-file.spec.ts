// Exports into a file the person picks (File System Access). Headless Chromium cannot show the
// picker, so the page gets one that hands out a real file in the Origin Private File System,
// whose `createWritable()` is the browser's own streaming writer.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { defaultPdfOptions } from '../../src/lib/export/meta';
import { aspectValue, pageCount, sheetLayout } from '../../src/lib/export/pdf-layout';
import {
	cancelNextPick,
	ffprobe,
	importStoryboard,
	openExport,
	pdfText,
	picks,
	readPickedFile,
	unzipFile,
	usePickedFiles
} from './support/exports';

const BUNDLE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Café 夜市 — exports';

test.describe.configure({ timeout: 180_000 });

test('exports stream whole into the picked file, and closing the picker changes nothing', async ({
	page
}) => {
	const fixture = unzipFile(BUNDLE);
	await usePickedFiles(page);
	await importStoryboard(page, BUNDLE, TITLE);
	let downloads = 0;
	page.on('download', () => downloads++);

	// Images ZIP of every style: entries streamed one by one into the file.
	let dialog = await openExport(page, 'Images (ZIP)');
	await dialog.getByLabel('Every style').check();
	await dialog.getByRole('button', { name: 'Export ZIP' }).click();
	await expect(dialog.getByText('Saved 5 images with shots.csv and project.json.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Close' }).click();
	const entries = unzipSync(await readPickedFile(page, `${TITLE} - images.zip`));
	expect(Object.keys(entries).sort()).toEqual([
		'Ink & wash/Shot_01/Beat_1.1.png',
		'Ink & wash/Shot_02/Beat_2.1.png',
		'Noir Film/Shot_01/Beat_1.1.png',
		'Noir Film/Shot_02/Beat_2.1.png',
		'Noir Film/Shot_03/Beat_3.1.png',
		'project.json',
		'shots.csv'
	]);
	expect(entries['Ink & wash/Shot_01/Beat_1.1.png']).toEqual(fixture['assets/t1a.png']);
	expect(entries['Noir Film/Shot_03/Beat_3.1.png']).toEqual(fixture['assets/n3.png']);
	expect(JSON.parse(new TextDecoder().decode(entries['project.json'])).project.title).toBe(TITLE);

	// PDF storyboard sheet, default options.
	dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByRole('button', { name: 'Export PDF' }).click();
	await expect(dialog.getByRole('status')).toHaveText('Saved the storyboard sheet.');
	const pdf = await pdfText(await readPickedFile(page, `${TITLE} - storyboard.pdf`));
	const layout = sheetLayout(defaultPdfOptions, aspectValue('16:9'));
	expect(pdf.pages).toBe(pageCount(4, layout.perPage));
	expect(pdf.text.join('\n')).toContain('4. Title only');

	// Closing the picker: no message, nothing running, and the next export works.
	await cancelNextPick(page);
	await dialog.getByRole('button', { name: 'Export PDF' }).click();
	await expect.poll(async () => (await picks(page)).cancelled).toBe(1);
	await expect(dialog.getByRole('button', { name: 'Export PDF' })).toBeEnabled();
	await expect(dialog.getByRole('alert')).toHaveCount(0);
	await expect(dialog.getByRole('status')).toHaveCount(0);
	await expect(dialog.getByRole('progressbar')).toHaveCount(0);
	await dialog.getByRole('button', { name: 'Close' }).click();

	// Animatic MP4 (four shots, 4 s) after the cancelled pick.
	dialog = await openExport(page, 'Animatic MP4');
	await dialog.getByRole('button', { name: 'Export MP4' }).click();
	await expect(dialog.getByText(/^Saved the animatic \(4\.0 s\)/)).toBeVisible({
		timeout: 120_000
	});
	const mp4 = test.info().outputPath('picked.mp4');
	writeFileSync(mp4, await readPickedFile(page, `${TITLE} - animatic.mp4`));
	const probe = ffprobe(mp4);
	expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');
	expect(Math.abs(Number(probe.format.duration) - 4)).toBeLessThanOrEqual(0.04);

	expect(await picks(page)).toEqual({
		names: [`${TITLE} - images.zip`, `${TITLE} - storyboard.pdf`, `${TITLE} - animatic.mp4`],
		cancelled: 1
	});
	expect(downloads).toBe(0);
});
