// Reading exports as a person does: pages rendered to pixels (poppler's pdftoppm, or pdf.js in
// the browser) and read back with OCR (tesseract, Debian's tesseract-ocr with language data).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** A title and a line in each script exports must draw, with the OCR languages that read it. */
export const SCRIPT_SAMPLES = [
	{
		name: 'Latin',
		ocr: 'fra',
		title: 'Night market',
		text: 'Crème brûlée stall at dusk, the façade is lit by paper lanterns and the crowd moves past'
	},
	{
		name: 'Latin Extended-A',
		ocr: 'pol+hun',
		title: 'Łódź station',
		text: 'Żółta ściana dworca w Łodzi, pociąg odjeżdża; őszi eső és hűvös szél fúj a peronon'
	},
	{
		name: 'Greek',
		ocr: 'ell',
		title: 'Λιμάνι',
		text: 'Ο ψαράς δένει τη βάρκα στο λιμάνι και κοιτάζει τον ουρανό πριν από τη βροχή'
	},
	{
		name: 'Cyrillic',
		ocr: 'rus',
		title: 'Вокзал',
		text: 'Поезд медленно уходит в тёмную ночь, а на перроне остаётся девушка с красным зонтом'
	},
	{
		name: 'Vietnamese',
		ocr: 'vie',
		title: 'Chợ đêm',
		text: 'Người bán hàng rong đi qua phố cổ, tiếng rao vang lên giữa đêm khuya yên tĩnh'
	},
	{
		name: 'Chinese',
		ocr: 'chi_sim',
		title: '北京的秋天',
		text: '老人在胡同里慢慢地走着，手里提着一只鸟笼，远处传来自行车的铃声'
	},
	{
		name: 'Japanese',
		ocr: 'jpn',
		title: '夜市の追跡',
		text: '配達人が提灯を持って走る。屋台の明かりが雨に濡れた石畳に映っている'
	},
	{
		name: 'Korean',
		ocr: 'kor',
		title: '한국어 장면',
		text: '서울의 밤 거리를 걷는 사람들 사이로 버스가 천천히 지나가고 네온사인이 깜빡이며 비가 조용히 내린다'
	}
] as const;

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
		stdio: ['ignore', 'pipe', 'ignore'],
		// One thread: tesseract's OpenMP threads spin against each other (5x slower on 2 cores).
		env: { ...process.env, OMP_THREAD_LIMIT: '1' }
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

/**
 * Each page of a PDF rendered by pdf.js (Firefox's PDF viewer) inside the browser at `dpi`, as
 * PNG bytes: the library is served to the page from node_modules under `/__pdfjs/`.
 */
export async function renderPdfInBrowser(
	page: Page,
	pdf: Uint8Array,
	dpi = 300
): Promise<Uint8Array[]> {
	await page.route('**/__pdfjs/*', (route) => {
		const name = new URL(route.request().url()).pathname.split('/').pop()!;
		return route.fulfill({
			path: `node_modules/pdfjs-dist/build/${name}`,
			contentType: 'text/javascript',
			headers: { 'Cross-Origin-Resource-Policy': 'same-origin' }
		});
	});
	const pages = await page.evaluate(
		async ({ base64, scale }) => {
			const pdfjs = await import(/* @vite-ignore */ `${location.origin}/__pdfjs/pdf.min.mjs`);
			pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/__pdfjs/pdf.worker.min.mjs`;
			const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const doc = await pdfjs.getDocument({ data }).promise;
			const out: string[] = [];
			for (let n = 1; n <= doc.numPages; n++) {
				const pdfPage = await doc.getPage(n);
				const viewport = pdfPage.getViewport({ scale });
				const canvas = document.createElement('canvas');
				canvas.width = Math.ceil(viewport.width);
				canvas.height = Math.ceil(viewport.height);
				await pdfPage.render({ canvas, viewport }).promise;
				out.push(canvas.toDataURL('image/png').split(',')[1]!);
			}
			await doc.destroy();
			return out;
		},
		{ base64: Buffer.from(pdf).toString('base64'), scale: dpi / 72 }
	);
	await page.unroute('**/__pdfjs/*');
	return pages.map((png) => new Uint8Array(Buffer.from(png, 'base64')));
}

/** Text expected on rendered pages and the OCR languages that read it. */
export interface ExpectedText {
	name: string;
	ocr: string;
	text: string;
}

/** The samples as expected text: each script's title and line. */
export const SCRIPT_TEXTS: ExpectedText[] = SCRIPT_SAMPLES.map((s) => ({
	name: s.name,
	ocr: s.ocr,
	text: `${s.title} ${s.text}`
}));

/**
 * For each expected text, the share of its words (or CJK character pairs) that OCR reads back
 * from the pages, with the words it missed. Each language set reads every page once.
 */
export function readExpected(
	pages: readonly (string | Uint8Array)[],
	expected: readonly ExpectedText[]
): { name: string; share: number; missed: string[] }[] {
	const read = new Map<string, string>();
	for (const { ocr: languages } of expected) {
		if (!read.has(languages))
			read.set(languages, pages.map((page) => ocr(page, languages)).join('\n'));
	}
	return expected.map(({ name, ocr: languages, text }) => {
		const result = readBack(text, read.get(languages)!);
		return { name, share: result.found / result.total, missed: result.missed };
	});
}

/**
 * Each page of a PDF rendered by PDFium (Chrome's and Edge's PDF engine, compiled to
 * WebAssembly by @hyzyla/pdfium) at `dpi`, as greyscale PGM files.
 */
export async function renderPdfWithPdfium(pdf: Uint8Array, dpi = 300): Promise<string[]> {
	const { PDFiumLibrary } = await import('@hyzyla/pdfium');
	const library = await PDFiumLibrary.init();
	const dir = mkdtempSync(join(tmpdir(), 'maestro-pdfium-'));
	try {
		const document = await library.loadDocument(pdf);
		const files: string[] = [];
		for (const page of document.pages()) {
			const image = await page.render({ scale: dpi / 72, colorSpace: 'Gray', render: 'bitmap' });
			const file = join(dir, `page-${page.number}.pgm`);
			const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`);
			writeFileSync(file, Buffer.concat([header, Buffer.from(image.data)]));
			files.push(file);
		}
		document.destroy();
		return files;
	} finally {
		library.destroy();
	}
}

/**
 * What tesseract reads as one line in a rectangle of a PDF page (PDF points, origin at the
 * bottom left, `top` its upper edge), rendered by poppler at `dpi`: a panel's label alone.
 */
export function ocrPdfLine(
	pdf: string,
	page: number,
	area: { x: number; top: number; width: number; height: number },
	pageHeight: number,
	languages = 'eng',
	dpi = 300
): string {
	const scale = dpi / 72;
	const out = join(mkdtempSync(join(tmpdir(), 'maestro-line-')), 'line');
	const crop = {
		'-x': area.x,
		'-y': pageHeight - area.top,
		'-W': area.width,
		'-H': area.height
	};
	const args = Object.entries(crop).flatMap(([flag, value]) => [
		flag,
		String(Math.round(value * scale))
	]);
	execFileSync('pdftoppm', [
		'-f',
		String(page),
		'-l',
		String(page),
		'-r',
		String(dpi),
		...args,
		'-gray',
		'-png',
		'-singlefile',
		pdf,
		out
	]);
	return execFileSync('tesseract', [`${out}.png`, '-', '-l', languages, '--psm', '7'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
		env: { ...process.env, OMP_THREAD_LIMIT: '1' }
	}).trim();
}
