import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { EXPORT_FONTS, loadFontBytes, loadFontSubsetter, type ExportFont } from './fonts';
import type { FontSubsetter } from './font-subset';
import { coverText, normalizeText, splitRuns, type Covers } from './font-runs';

/** A parsed font, asked which characters it has. */
interface ParsedFont {
	hasGlyphForCodePoint(codePoint: number): boolean;
	postscriptName: string | null;
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
 * The six capital letters that name a font subset in a PDF ("ABCDEF+NotoSans-Regular", ISO
 * 32000-1 §9.6.4), from the characters it holds: the same text gives the same name.
 */
export function subsetTag(codePoints: readonly number[]): string {
	let hash = 0x811c9dc5;
	for (const codePoint of codePoints) hash = Math.imul(hash ^ codePoint, 0x01000193) >>> 0;
	let tag = '';
	for (let i = 0; i < 6; i++, hash = Math.floor(hash / 26))
		tag += String.fromCharCode(65 + (hash % 26));
	return tag;
}

/**
 * What the sheet draws besides `texts` (page numbers, dates, labels, the stand-in for a missing
 * character): printable ASCII and U+FFFD, kept in every subset.
 */
const ALWAYS_DRAWN = [...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i), 0xfffd];

/**
 * Load the fonts `texts` need (the first always, a fallback only when a character is in its
 * scripts and no earlier font has it), embed those that draw something as subsets made by
 * `subsetter` (HarfBuzz's by default), and return the drawing helpers. A fallback that fails to
 * load leaves its characters replaced.
 */
export async function embedTextFonts(
	doc: PDFDocument,
	parser: FontParser,
	texts: Iterable<string>,
	subsetter: Promise<FontSubsetter> = loadFontSubsetter()
): Promise<PdfText> {
	const codePoints = new Set<number>(ALWAYS_DRAWN);
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
	const used: { bytes: ArrayBuffer; covers: Covers; name: string }[] = [];
	let uncovered = [...codePoints];
	for (const bytes of await Promise.all(loads)) {
		if (!bytes) continue;
		const face = parsed.get(bytes) ?? parser.create(new Uint8Array(bytes));
		parsed.set(bytes, face);
		const covers: Covers = (codePoint) => face.hasGlyphForCodePoint(codePoint);
		if (used.length > 0 && !uncovered.some(covers)) continue;
		used.push({ bytes, covers, name: face.postscriptName ?? 'Font' });
		uncovered = uncovered.filter((codePoint) => !covers(codePoint));
	}
	const subsets = await subsetter;
	const fonts: PDFFont[] = await Promise.all(
		used.map(({ bytes, covers, name }) => {
			const drawn = [...codePoints].filter(covers);
			return doc.embedFont(subsets.subset(new Uint8Array(bytes), drawn), {
				subset: false,
				customName: `${subsetTag(drawn)}+${name}`
			});
		})
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
