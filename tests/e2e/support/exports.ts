import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';

/** Make exports use the `<a download>` path the tests can catch (not a native file picker). */
export async function useDownloads(page: Page) {
	await page.addInitScript(() => {
		delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
	});
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
