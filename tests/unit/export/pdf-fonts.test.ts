// The PDF sheet's text as a person sees it: pages rendered by poppler and read back with OCR,
// in every script the export fonts cover. Needs pdftoppm and tesseract (installed by .ci/run).
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFontSubsetter, type FontSubsetter } from '$lib/export/font-subset';
import { makeStoryboardPdf } from '$lib/export/pdf';
import { subsetTag } from '$lib/export/pdf-text';
import { storyboardOf } from '$lib/export/storyboard';
import { ocr, readBack, renderPdfPages } from '../../e2e/support/ocr';
import { graph, shot } from './fixtures';

const FONT_DIR = 'node_modules/@expo-google-fonts';
const NOTO_SANS = readFileSync(`${FONT_DIR}/noto-sans/400Regular/NotoSans_400Regular.ttf`);
const NOTO_SANS_SC = readFileSync(`${FONT_DIR}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`);
const NOTO_SANS_KR = readFileSync(`${FONT_DIR}/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf`);
const SUBSETTER_WASM = readFileSync('node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm');

/** Text in each script the sheet must draw, with the OCR languages that read it. */
const SCRIPTS = [
	{
		name: 'Latin',
		ocr: 'fra',
		title: 'Night market',
		text: 'Crème brûlée stall, the façade is lit by paper lanterns'
	},
	{
		name: 'Latin Extended-A',
		ocr: 'pol+hun',
		title: 'Łódź station',
		text: 'Żółta ściana w Łodzi, őszi eső és hűvös szél'
	},
	{ name: 'Greek', ocr: 'ell', title: 'Λιμάνι', text: 'Ο ψαράς δένει τη βάρκα στο λιμάνι' },
	{ name: 'Cyrillic', ocr: 'rus', title: 'Вокзал', text: 'Поезд медленно уходит в тёмную ночь' },
	{ name: 'Vietnamese', ocr: 'vie', title: 'Chợ đêm', text: 'Người bán hàng rong đi qua phố cổ' },
	{ name: 'Chinese', ocr: 'chi_sim', title: '北京的秋天', text: '老人在胡同里慢慢地走着' },
	{ name: 'Japanese', ocr: 'jpn', title: '夜市の追跡', text: '配達人が提灯を持って走る' },
	{ name: 'Korean', ocr: 'kor', title: '한국어 장면', text: '서울의 밤 거리를 걷는 사람들' }
] as const;

/** The files `fonts.ts` fetches, served from the installed packages. */
function serveFontsFromDisk() {
	vi.stubGlobal('fetch', async (url: string) => {
		const path = decodeURIComponent(String(url))
			.replace(/^\/@fs/, '')
			.replace(/^\//, '');
		return new Response(readFileSync(path));
	});
}

let subsetter: FontSubsetter;
beforeAll(async () => {
	subsetter = await createFontSubsetter(SUBSETTER_WASM);
	serveFontsFromDisk();
});
afterAll(() => vi.unstubAllGlobals());

describe('createFontSubsetter', () => {
	it('keeps every glyph outline of the characters asked for, and only those', () => {
		for (const [font, text] of [
			[NOTO_SANS, 'Crème brûlée Łódź őszi Ελληνικά Русский Tiếng Việt'],
			[NOTO_SANS_SC, '北京的秋天 夜市の追跡'],
			[NOTO_SANS_KR, '한국어 장면']
		] as const) {
			const full = fontkit.create(font);
			const codePoints = [...new Set(text)].map((ch) => ch.codePointAt(0)!);
			const subset = fontkit.create(subsetter.subset(font, codePoints));
			for (const codePoint of codePoints) {
				const char = String.fromCodePoint(codePoint);
				expect(subset.hasGlyphForCodePoint(codePoint), char).toBe(true);
				const [before, after] = [full, subset].map((f) => f.glyphForCodePoint(codePoint));
				expect(after!.path.toSVG(), char).toBe(before!.path.toSVG());
				expect(after!.advanceWidth, char).toBe(before!.advanceWidth);
			}
			expect(subset.hasGlyphForCodePoint('Q'.codePointAt(0)!)).toBe(false);
			// Mark and kerning closures add a few glyphs; the whole font has thousands.
			expect(subset.numGlyphs).toBeLessThan(codePoints.length * 2);
		}
	});

	it('answers a bad font with an error, not a crash, and keeps working', () => {
		expect(() => subsetter.subset(new Uint8Array([1, 2, 3]), [65])).toThrow(/could not be subset/);
		expect(subsetter.subset(NOTO_SANS, [65]).byteLength).toBeGreaterThan(100);
	});
});

describe('subsetTag', () => {
	it('names a subset with six capital letters that follow its characters', () => {
		expect(subsetTag([65, 66])).toMatch(/^[A-Z]{6}$/);
		expect(subsetTag([65, 66])).toBe(subsetTag([65, 66]));
		expect(subsetTag([65, 66])).not.toBe(subsetTag([65, 67]));
	});
});

/** A storyboard with one shot per script (no images: the panels say "No image yet"). */
function sheetBoard() {
	return storyboardOf(
		graph({
			shots: SCRIPTS.map((script, index) =>
				shot(`s${index}`, index, {
					title: script.title,
					description: script.text,
					shotSize: 'Close-up',
					durationS: 2.5
				})
			)
		})
	);
}

const SHEET_OPTIONS = { panelsPerRow: 2, paper: 'a4', orientation: 'portrait' } as const;

/** Everything OCR reads on the rendered pages, per language set. */
function readPages(pdf: Uint8Array, languages: readonly string[]): Map<string, string> {
	const pages = renderPdfPages(pdf);
	return new Map(
		languages.map((lang) => [lang, pages.map((page) => ocr(page, lang)).join('\n')] as const)
	);
}

describe('makeStoryboardPdf', () => {
	it('draws every script so OCR reads back at least 90% of its words', async () => {
		const { bytes } = await makeStoryboardPdf(undefined, sheetBoard(), SHEET_OPTIONS);
		const read = readPages(bytes, [...new Set(['eng', ...SCRIPTS.map((s) => s.ocr)])]);
		for (const script of SCRIPTS) {
			const result = readBack(`${script.title} ${script.text}`, read.get(script.ocr)!);
			expect(
				result.found / result.total,
				`${script.name}: missed ${result.missed}`
			).toBeGreaterThanOrEqual(0.9);
		}
		const english = readBack(
			'Test Page 1 of 2 Close-up Eye level Static 2.5 s Cut No image yet',
			read.get('eng')!
		);
		expect(english.found / english.total, `missed ${english.missed}`).toBeGreaterThanOrEqual(0.9);
	}, 60_000);

	it('carries well under 1 MB of font data for a Latin-only sheet, about 10 kB', async () => {
		const board = sheetBoard();
		board.shots.splice(1);
		const { bytes } = await makeStoryboardPdf(undefined, board, SHEET_OPTIONS);
		expect(bytes.byteLength).toBeLessThan(60_000);
	});
});

describe('the OCR check', () => {
	it('fails a PDF whose text extracts but whose glyphs are broken (fontkit’s own subset)', async () => {
		const doc = await PDFDocument.create();
		doc.registerFontkit(fontkit);
		const font = await doc.embedFont(NOTO_SANS, { subset: true });
		const page = doc.addPage([595, 842]);
		const text = SCRIPTS[0].text;
		page.drawText(text, { x: 40, y: 700, size: 10, font, color: rgb(0, 0, 0) });
		const read = readPages(await doc.save(), ['fra']).get('fra')!;
		const result = readBack(text, read);
		expect(result.found / result.total).toBeLessThan(0.5);
	});
});
