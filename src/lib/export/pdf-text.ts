import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { EXPORT_FONTS, loadFontBytes, type ExportFont } from './fonts';
import { coverText, normalizeText, splitRuns, type Covers } from './font-runs';

/** A parsed font, asked which characters it has. */
interface ParsedFont {
	hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The part of fontkit used here: parse a font. */
interface FontParser {
	create(bytes: Uint8Array): ParsedFont;
}

/** Fonts parsed for their coverage, by their bytes (loaded once per page load). */
const parsed = new WeakMap<ArrayBuffer, ParsedFont>();

/** Text drawn in a PDF with the fallback fonts, each character in the first font that has it. */
export interface PdfText {
	/** `text` as it is drawn: normalized, characters no font has replaced (and remembered). */
	prepare(text: string): string;
	/** Width of prepared text in points, run by run, as `draw` places it. */
	width(text: string, size: number): number;
	/** Draw prepared text on one line from (x, y), each run in its font. */
	draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; color: Color }): void;
	/** Characters replaced so far, each once. */
	readonly missing: readonly string[];
	/** A fallback font the text needed could not be loaded (offline before its first use). */
	readonly unavailable: boolean;
}

/**
 * Load the fonts `texts` need (the first always, a fallback only when a character is in its
 * scripts and no earlier font has it), embed those that draw something as subsets, and return
 * the drawing helpers. A fallback that fails to load leaves its characters replaced.
 */
export async function embedTextFonts(
	doc: PDFDocument,
	parser: FontParser,
	texts: Iterable<string>
): Promise<PdfText> {
	const codePoints = new Set<number>();
	for (const text of texts) {
		for (const ch of normalizeText(text)) codePoints.add(ch.codePointAt(0)!);
	}
	const [first, ...fallbacks] = EXPORT_FONTS as [ExportFont, ...ExportFont[]];
	let unavailable = false;
	const loads = [first, ...fallbacks.filter((font) => [...codePoints].some(font.hint!))].map(
		(font, index) =>
			loadFontBytes(font).catch((error: unknown) => {
				if (index === 0) throw error;
				unavailable = true;
				return undefined;
			})
	);
	const used: { bytes: ArrayBuffer; covers: Covers }[] = [];
	let uncovered = [...codePoints];
	for (const bytes of await Promise.all(loads)) {
		if (!bytes) continue;
		const face = parsed.get(bytes) ?? parser.create(new Uint8Array(bytes));
		parsed.set(bytes, face);
		const covers: Covers = (codePoint) => face.hasGlyphForCodePoint(codePoint);
		if (used.length > 0 && !uncovered.some(covers)) continue;
		used.push({ bytes, covers });
		uncovered = uncovered.filter((codePoint) => !covers(codePoint));
	}
	const fonts: PDFFont[] = await Promise.all(
		used.map(({ bytes }) => doc.embedFont(bytes, { subset: true }))
	);
	const covers = used.map((font) => font.covers);
	const missing = new Set<string>();
	const runs = (text: string) => splitRuns(text, covers);
	return {
		prepare(text) {
			const covered = coverText(text, covers);
			for (const ch of covered.missing) missing.add(ch);
			return covered.text;
		},
		width: (text, size) =>
			runs(text).reduce((sum, run) => sum + fonts[run.font]!.widthOfTextAtSize(run.text, size), 0),
		draw(page, text, { x, y, size, color }) {
			for (const run of runs(text)) {
				const font = fonts[run.font]!;
				page.drawText(run.text, { x, y, size, font, color });
				x += font.widthOfTextAtSize(run.text, size);
			}
		},
		get missing() {
			return [...missing];
		},
		get unavailable() {
			return unavailable;
		}
	};
}
