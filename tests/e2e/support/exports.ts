import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { showShotsAs } from './app';

/** Make exports use the `<a download>` path the tests can catch (not a native file picker). */
export async function useDownloads(page: Page) {
	await page.addInitScript(() => {
		delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
	});
}

/**
 * Give the page a `showSaveFilePicker` that picks a real file in the Origin Private File System
 * (its `createWritable()` is the browser's own streaming writer), as a person picking a file
 * would; `cancelNextPick` makes the next call reject as closing the picker does.
 */
export async function usePickedFiles(page: Page) {
	await page.addInitScript(() => {
		const state = window as unknown as PickerState;
		state.pickedNames = [];
		state.cancelNextPick = false;
		state.cancelledPicks = 0;
		(window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (options: {
			suggestedName: string;
		}) => {
			if (state.cancelNextPick) {
				state.cancelNextPick = false;
				state.cancelledPicks++;
				throw new DOMException('The user aborted a request.', 'AbortError');
			}
			state.pickedNames.push(options.suggestedName);
			const root = await navigator.storage.getDirectory();
			return root.getFileHandle(options.suggestedName, { create: true });
		};
	});
}

/** What the stand-in file picker keeps on `window`. */
interface PickerState {
	pickedNames: string[];
	cancelNextPick: boolean;
	cancelledPicks: number;
}

/** Make the next file picker the page opens be closed without picking. */
export async function cancelNextPick(page: Page) {
	await page.evaluate(() => {
		(window as unknown as PickerState).cancelNextPick = true;
	});
}

/** The names files were picked under, in order, and how many pickers were closed instead. */
export function picks(page: Page): Promise<{ names: string[]; cancelled: number }> {
	return page.evaluate(() => {
		const state = window as unknown as PickerState;
		return { names: state.pickedNames, cancelled: state.cancelledPicks };
	});
}

/** The bytes of a picked file as the page's Origin Private File System has them. */
export async function readPickedFile(page: Page, name: string): Promise<Uint8Array> {
	const base64 = await page.evaluate(async (fileName) => {
		const root = await navigator.storage.getDirectory();
		const file = await (await root.getFileHandle(fileName)).getFile();
		const url = await new Promise<string>((resolve, reject) => {
			const reader = new FileReader();
			reader.onload = () => resolve(reader.result as string);
			reader.onerror = () => reject(reader.error);
			reader.readAsDataURL(file);
		});
		return url.slice(url.indexOf(',') + 1);
	}, name);
	return new Uint8Array(Buffer.from(base64, 'base64'));
}

/**
 * Page count and text of each page of a PDF, read with pdf.js, and each piece of text with the
 * font it is drawn in (a subset's name, such as "NotoSansKR-Regular-1186").
 */
export async function pdfText(
	data: Uint8Array
): Promise<{ pages: number; text: string[]; pieces: { text: string; font: string }[] }> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await pdfjs.getDocument({ data }).promise;
	const text: string[] = [];
	const pieces: { text: string; font: string }[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const content = await page.getTextContent();
		await page.getOperatorList(); // loads the fonts into commonObjs
		const items = content.items.filter((item) => 'str' in item);
		// Pieces of one line (runs in different fonts) join as they are; lines end with "\n".
		text.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
		for (const item of items) {
			if (item.str.trim()) {
				pieces.push({ text: item.str, font: page.commonObjs.get(item.fontName).name });
			}
		}
	}
	return { pages: doc.numPages, text, pieces };
}

/** Import a `.maestro` file from the library and open the storyboard it made. */
export async function importStoryboard(page: Page, path: string, title: string) {
	await page.goto('/');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(path);
	await expect(page.getByText(`Imported “${title}”.`)).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByLabel('Storyboard title')).toHaveValue(title);
	await showShotsAs(page, 'list');
}

/** Open one export's dialog from the Export menu. */
export async function openExport(page: Page, item: string) {
	await page.getByRole('button', { name: 'Export', exact: true }).click();
	await page.getByRole('menuitem', { name: item }).click();
	return page.getByRole('dialog', { name: item });
}

/** Click the dialog's export button and return the downloaded file's path and name. */
export async function download(page: Page, button: string, saveAs: string, timeout = 60_000) {
	const waiting = page.waitForEvent('download', { timeout });
	await page.getByRole('button', { name: button }).click();
	const file = await waiting;
	await file.saveAs(saveAs);
	return { path: saveAs, name: file.suggestedFilename() };
}

/** Parse RFC 4180 CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += ch;
	}
	if (field || row.length) rows.push([...row, field]);
	return rows;
}

/** The files inside a zip on disk, by path. */
export function unzipFile(path: string): Record<string, Uint8Array> {
	return unzipSync(new Uint8Array(readFileSync(path)));
}

/** What native ffprobe says of a media file. */
export interface Probe {
	format: { duration: string };
	streams: {
		codec_type: string;
		codec_name: string;
		width?: number;
		height?: number;
		pix_fmt?: string;
		duration?: string;
		r_frame_rate?: string;
		avg_frame_rate?: string;
		nb_frames?: string;
	}[];
}

/** Stream facts of a media file from native ffprobe. */
export function ffprobe(path: string): Probe {
	return JSON.parse(
		execFileSync(
			'ffprobe',
			['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
			{
				encoding: 'utf8'
			}
		)
	);
}

/** The font files a PDF embeds (FontFile, FontFile2 and FontFile3 streams, decoded). */
export async function embeddedFonts(pdf: Uint8Array): Promise<Uint8Array[]> {
	const { PDFDocument, PDFDict, PDFName, PDFRawStream, decodePDFRawStream } =
		await import('pdf-lib');
	const doc = await PDFDocument.load(pdf);
	const fonts: Uint8Array[] = [];
	for (const [, object] of doc.context.enumerateIndirectObjects()) {
		if (!(object instanceof PDFDict)) continue;
		for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
			const stream = doc.context.lookup(object.get(PDFName.of(key)));
			if (stream instanceof PDFRawStream) fonts.push(decodePDFRawStream(stream).decode());
		}
	}
	return fonts;
}
