// Reading exports as a person does: pages rendered to pixels (poppler's pdftoppm, or pdf.js in
// the browser) and read back with OCR (tesseract, Debian's tesseract-ocr with language data).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each page of a PDF as a greyscale PNG file rendered by poppler at `dpi`. */
export function renderPdfPages(pdf: Uint8Array | string, dpi = 300): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'maestro-pdf-'));
	const path = typeof pdf === 'string' ? pdf : join(dir, 'in.pdf');
	if (typeof pdf !== 'string') writeFileSync(path, pdf);
	execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', path, join(dir, 'page')]);
	return readdirSync(dir)
		.filter((name) => name.startsWith('page') && name.endsWith('.png'))
		.sort()
		.map((name) => join(dir, name));
}

/** The text tesseract reads in an image, with its language data (`eng`, `chi_sim`, `pol+hun`…). */
export function ocr(image: string | Uint8Array, languages: string): string {
	let path = image;
	if (typeof path !== 'string') {
		path = join(mkdtempSync(join(tmpdir(), 'maestro-ocr-')), 'image.png');
		writeFileSync(path, image);
	}
	return execFileSync('tesseract', [path, '-', '-l', languages, '--psm', '4'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore']
	});
}

/** Scripts written without spaces between words: compared by character pairs instead. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTERS = /[\p{L}\p{N}]+/gu;

/**
 * The units a person would read in `text`: words, or in Chinese and Japanese (no spaces) every
 * pair of neighbouring characters, so one misread character costs two pairs, not a sentence.
 */
export function readingUnits(text: string): string[] {
	const units: string[] = [];
	for (const word of text.normalize('NFC').match(LETTERS) ?? []) {
		if (!UNSPACED.test(word)) units.push(word);
		else {
			const chars = [...word];
			if (chars.length === 1) units.push(word);
			for (let i = 0; i + 1 < chars.length; i++) units.push(chars[i]! + chars[i + 1]!);
		}
	}
	return units;
}

/** How much of `expected` a reader got back from `read`: units found of units expected. */
export function readBack(
	expected: string,
	read: string
): { found: number; total: number; missed: string[] } {
	const readUnits = new Set(readingUnits(read));
	// OCR splits CJK text with spaces at random: read it joined too.
	for (const unit of readingUnits(read.replace(/\s+/g, ''))) readUnits.add(unit);
	const units = readingUnits(expected);
	const missed = units.filter((unit) => !readUnits.has(unit));
	return { found: units.length - missed.length, total: units.length, missed };
}
