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
import {
	SCRIPT_SAMPLES,
	SCRIPT_TEXTS,
	readExpected,
	renderPdfPages,
	renderPdfWithPdfium
} from '../../e2e/support/ocr';
import { graph, shot } from './fixtures';
import { serveFontsFromDisk } from './serve-fonts';

const FONT_DIR = 'node_modules/@expo-google-fonts';
const NOTO_SANS = readFileSync(`${FONT_DIR}/noto-sans/400Regular/NotoSans_400Regular.ttf`);
const NOTO_SANS_SC = readFileSync(`${FONT_DIR}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`);
const NOTO_SANS_KR = readFileSync(`${FONT_DIR}/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf`);
const SUBSETTER_WASM = readFileSync('node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm');

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
			shots: SCRIPT_SAMPLES.map((script, index) =>
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

const SHEET_OPTIONS = {
	panelsPerRow: 2,
	paper: 'a4',
	orientation: 'portrait',
	castPage: true
} as const;

describe('makeStoryboardPdf', () => {
	it(
		'draws every script so OCR reads back at least 90% of its words',
		{ timeout: 120_000 },
		async () => {
			const { bytes } = await makeStoryboardPdf(undefined, sheetBoard(), SHEET_OPTIONS);
			const frame = {
				name: 'Sheet',
				ocr: 'eng',
				text: 'Test Page 1 of 2 Close-up Eye level Static 2.5 s Cut No image yet'
			};
			for (const { name, share, missed } of readExpected(renderPdfPages(bytes), [
				...SCRIPT_TEXTS,
				frame
			])) {
				expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
			}
		}
	);

	it('carries well under 1 MB of font data for a Latin-only sheet, about 10 kB', async () => {
		const board = sheetBoard();
		board.shots.splice(1);
		const { bytes } = await makeStoryboardPdf(undefined, board, SHEET_OPTIONS);
		expect(bytes.byteLength).toBeLessThan(60_000);
	});
});

describe('the OCR check', () => {
	it(
		'fails a PDF whose text extracts but whose glyphs are broken (fontkit’s own subset)',
		{ timeout: 60_000 },
		async () => {
			const doc = await PDFDocument.create();
			doc.registerFontkit(fontkit);
			const font = await doc.embedFont(NOTO_SANS, { subset: true });
			const page = doc.addPage([595, 842]);
			page.drawText(SCRIPT_TEXTS[0]!.text, { x: 40, y: 700, size: 10, font, color: rgb(0, 0, 0) });
			const pdf = await doc.save();
			for (const pages of [renderPdfPages(pdf), await renderPdfWithPdfium(pdf)]) {
				const [result] = readExpected(pages, [SCRIPT_TEXTS[0]!]);
				expect(result!.share).toBeLessThan(0.5);
			}
		}
	);
});
