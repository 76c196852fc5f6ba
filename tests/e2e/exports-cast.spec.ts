// The cast in the exports as a person meets it: the PDF's cast page rendered to pixels and read
// back with OCR, its pictures compared with the members' own; the ZIP's Cast folder unpacked and
// checked byte for byte against what the app stored.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { castPageLayout } from '../../src/lib/export/pdf-cast-layout';
import { containRect, pageSize, type Rect } from '../../src/lib/export/pdf-layout';
import { imageDimensions, sniffImageType } from '../../src/lib/util/image-bytes';
import { addShot, createStoryboard, expectSaved } from './support/app';
import { addMember, castPanel } from './support/cast';
import { openProjectId, storedRecords, type StoredBlob } from './support/stored';
import { download, openExport, parseCsv, unzipFile, useDownloads } from './support/exports';
import { ocr, readExpected, renderPdfPages } from './support/ocr';
import { STYLE_DIR } from './support/render';

test.describe.configure({ timeout: 180_000 });

const MARA = {
	name: 'Mara',
	description: 'Thirties, red raincoat, short dark hair, brass lantern'
};
const KEN = {
	name: '小林健',
	description: '五十代の漁師で、灰色のひげと古い帽子。港の近くに住んでいる'
};

/** A storyboard of two shots; Mara and Ken with a picture each, a key without one; shot 1 shows Ken then Mara. */
async function castStoryboard(page: Page) {
	await useDownloads(page);
	await createStoryboard(page, 'Harbour cast');
	await addShot(page, 'Pier at night', 'Ken mends a net while Mara waits.');
	await addShot(page, 'Empty ferry', 'Nobody on board.');
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await addMember(page, 'character', MARA.name, MARA.description, 'ink-wash-1600x900.png');
	await addMember(page, 'character', KEN.name, KEN.description, 'clean-line-640.webp');
	await panel.getByRole('button', { name: 'Add prop' }).click();
	await panel.getByRole('group', { name: 'Prop 1' }).getByLabel('Name').fill('Brass key');
	await panel.getByRole('group', { name: 'Prop 1' }).getByLabel('Name').press('Tab');
	await expect(panel.getByRole('group', { name: 'Brass key' })).toBeVisible();
	const shot = page.getByRole('article', { name: 'Shot 1' });
	await shot.getByLabel('Add to shot 1').selectOption({ label: KEN.name });
	await shot.getByLabel('Add to shot 1').selectOption({ label: MARA.name });
	await expect(shot.getByRole('button', { name: /^Remove .+ from shot 1$/ })).toHaveCount(2);
	await expectSaved(page);
}

/** Each member's stored pictures, main first, by name: the bytes the app keeps. */
async function storedPictures(page: Page): Promise<Record<string, Uint8Array[]>> {
	const projectId = openProjectId(page);
	const members = await storedRecords<{ name: string; referenceAssetIds: string[] }>(page, 'cast', {
		projectId
	});
	const assets = await storedRecords<{ id: string; blob: StoredBlob }>(page, 'assets', {
		keys: members.flatMap((member) => member.referenceAssetIds),
		blobs: 'bytes'
	});
	const bytes = (id: string) =>
		new Uint8Array(assets.find((asset) => asset.id === id)!.blob.bytes!);
	return Object.fromEntries(
		members.map((member) => [member.name, member.referenceAssetIds.map(bytes)])
	);
}

const DPI = 150;

/** A rectangle of a PDF page (points, origin bottom left) rendered by poppler as grey bytes. */
function greyArea(pdf: string, page: number, area: Rect, pageHeight: number) {
	const px = (points: number) => Math.round((points * DPI) / 72);
	const [x, y, width, height] = [
		px(area.x),
		px(pageHeight - area.y - area.height),
		px(area.width),
		px(area.height)
	];
	const out = join(mkdtempSync(join(tmpdir(), 'maestro-area-')), 'area');
	const args = ['-f', String(page), '-l', String(page), '-r', String(DPI), '-gray', '-singlefile'];
	const crop = ['-x', x, '-y', y, '-W', width, '-H', height].map(String);
	execFileSync('pdftoppm', [...args, ...crop, pdf, out]);
	const pgm = readFileSync(`${out}.pgm`);
	// P5 header: magic, width, height, maximum, each followed by one whitespace byte.
	const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
	return { width, height, grey: pgm.subarray(header[0].length) };
}

/** A picture file scaled by native ffmpeg to `width`x`height`, as grey bytes. */
function greyPicture(path: string, width: number, height: number): Buffer {
	return execFileSync('ffmpeg', [
		'-v',
		'error',
		'-i',
		path,
		'-vf',
		`scale=${width}:${height}:flags=area`,
		'-f',
		'rawvideo',
		'-pix_fmt',
		'gray',
		'-'
	]);
}

function psnr(a: Uint8Array, b: Uint8Array): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
	const mse = sum / a.length;
	return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

test('the PDF sheet opens with a cast page a person can read, each member with their picture', async ({
	page
}) => {
	await castStoryboard(page);
	let dialog = await openExport(page, 'PDF storyboard sheet');
	const castPage = dialog.getByRole('checkbox', { name: /Cast page/ });
	await expect(castPage).toBeChecked();
	const pdf = await download(page, 'Export PDF', test.info().outputPath('cast.pdf'));
	await expect(dialog.getByRole('status')).toHaveText('Saved the storyboard sheet.');
	const pages = renderPdfPages(pdf.path);
	expect(pages).toHaveLength(2);

	const read = readExpected(
		[pages[0]!],
		[
			{
				name: 'Cast page',
				ocr: 'eng',
				text: `Harbour cast Cast ${MARA.name} Character ${MARA.description} Brass key Prop No picture Page 1 of 2`
			},
			{ name: 'Japanese member', ocr: 'jpn', text: `${KEN.name} ${KEN.description}` }
		]
	);
	for (const { name, share, missed } of read)
		expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
	expect(ocr(pages[1]!, 'eng')).toContain('Pier at night');

	// Mara's card shows Mara's picture: what poppler draws in her picture box matches her
	// picture, and not Ken's (a blank or wrong box would match neither).
	const size = pageSize('a4', 'landscape');
	const card = castPageLayout(size).cards[0]!;
	const drawn = containRect(1600, 900, card.picture);
	const area = greyArea(pdf.path, 1, drawn, size.height);
	const mara = greyPicture(`${STYLE_DIR}/ink-wash-1600x900.png`, area.width, area.height);
	const ken = greyPicture(`${STYLE_DIR}/clean-line-640.webp`, area.width, area.height);
	const spread = Math.max(...area.grey) - Math.min(...area.grey);
	expect(spread, 'the picture area is not one flat colour').toBeGreaterThan(60);
	expect(psnr(area.grey, mara), 'Mara’s picture in her box').toBeGreaterThan(22);
	expect(psnr(area.grey, ken), 'not Ken’s picture').toBeLessThan(psnr(area.grey, mara) - 6);
	await dialog.getByRole('button', { name: 'Close' }).click();

	// With the option off the sheet is its panels alone.
	dialog = await openExport(page, 'PDF storyboard sheet');
	await dialog.getByRole('checkbox', { name: /Cast page/ }).uncheck();
	const plain = await download(page, 'Export PDF', test.info().outputPath('plain.pdf'));
	const plainPages = renderPdfPages(plain.path);
	expect(plainPages).toHaveLength(1);
	const first = ocr(plainPages[0]!, 'eng');
	expect(first).toContain('Pier at night');
	expect(first).toContain('Page 1 of 1');
	expect(first).not.toContain('Thirties');
});

test('a storyboard without a cast offers no cast page', async ({ page }) => {
	await useDownloads(page);
	await createStoryboard(page, 'Nobody yet');
	await addShot(page, 'Empty pier');
	await expectSaved(page);
	const dialog = await openExport(page, 'PDF storyboard sheet');
	await expect(dialog.getByLabel('Orientation')).toBeVisible();
	await expect(dialog.getByRole('checkbox', { name: /Cast page/ })).toHaveCount(0);
});

test('the images ZIP carries a Cast folder with the stored pictures and cast.csv', async ({
	page
}) => {
	await castStoryboard(page);
	// Mara gets a second picture and makes it her main one: it becomes 1, the first becomes 2.
	const mara = castPanel(page).getByRole('group', { name: MARA.name });
	await mara
		.getByLabel(`Pictures of ${MARA.name}`)
		.setInputFiles('tests/fixtures/upscale/input-48x40.png');
	await expect(mara.getByRole('img')).toHaveCount(2);
	await mara.getByRole('button', { name: 'Make main' }).click();
	await expect
		.poll(() =>
			mara
				.getByRole('img')
				.first()
				.evaluate((image) => (image as HTMLImageElement).naturalWidth)
		)
		.toBe(48);
	await expectSaved(page);
	const stored = await storedPictures(page);
	const dialog = await openExport(page, 'Images (ZIP)');
	const zip = await download(page, 'Export ZIP', test.info().outputPath('images.zip'));
	await expect(dialog.getByRole('status')).toContainText('the Cast folder');
	const files = unzipFile(zip.path);
	const castPaths = Object.keys(files).filter((path) => path.startsWith('Cast/'));
	const extension = (bytes: Uint8Array) =>
		sniffImageType(bytes)!.replace('image/', '').replace('jpeg', 'jpg');
	const maraFiles = stored.Mara!.map((bytes, n) => `Cast/01_Mara/${n + 1}.${extension(bytes)}`);
	const kenFile = `Cast/02_小林健/1.${extension(stored[KEN.name]![0]!)}`;
	expect(castPaths).toEqual([...maraFiles, kenFile, 'Cast/cast.csv']);
	expect(imageDimensions(files[maraFiles[0]!]!)).toEqual({ width: 48, height: 40 });
	for (const [n, path] of maraFiles.entries())
		expect(Buffer.from(files[path]!).equals(Buffer.from(stored.Mara![n]!)), path).toBe(true);
	expect(Buffer.from(files[kenFile]!).equals(Buffer.from(stored[KEN.name]![0]!))).toBe(true);

	const cast = parseCsv(new TextDecoder().decode(files['Cast/cast.csv']).replace(/^\uFEFF/, ''));
	expect(cast).toEqual([
		['Order', 'Name', 'Kind', 'Description', 'Pictures'],
		[
			'1',
			MARA.name,
			'Character',
			MARA.description,
			maraFiles.map((path) => path.slice('Cast/'.length)).join('\n')
		],
		['2', KEN.name, 'Character', KEN.description, kenFile.slice('Cast/'.length)],
		['3', 'Brass key', 'Prop', '', '']
	]);
	// The shot list names each shot's cast in the order it matters to the shot.
	const shots = parseCsv(new TextDecoder().decode(files['shots.csv']).replace(/^\uFEFF/, ''));
	const column = shots[0]!.indexOf('Cast');
	expect(shots.slice(1).map((row) => row[column])).toEqual([`${KEN.name}, ${MARA.name}`, '']);
});
