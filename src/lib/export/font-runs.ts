/** Whether a font has a glyph for a code point. */
export type Covers = (codePoint: number) => boolean;

/** A piece of text drawn in one font: `font` is the index of its `Covers` in the list. */
export interface TextRun {
	font: number;
	text: string;
}

/** What stands in for a character no font has: visible, and copied out of the PDF as such. */
export const REPLACEMENT = '\uFFFD';

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const CONTROL = /(?!\n)\p{Cc}/gu;
/** Punctuation, digits, spaces and combining marks: drawn in the font of the text around them. */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * Text as fonts see it: composed (NFC, so "é" is one glyph), invisible format characters
 * (zero-width spaces, joiners, variation selectors) dropped, tabs and other control
 * characters as spaces. Line breaks stay.
 */
export function normalizeText(text: string): string {
	return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/**
 * `text` normalized with every character no font in `covers` has replaced by U+FFFD (or "?"
 * when even that is missing), and the characters replaced, each once.
 */
export function coverText(
	text: string,
	covers: readonly Covers[]
): { text: string; missing: string[] } {
	const covered = (ch: string) => ch === '\n' || covers.some((has) => has(ch.codePointAt(0)!));
	const stand = covered(REPLACEMENT) ? REPLACEMENT : '?';
	const missing = new Set<string>();
	let out = '';
	for (const ch of normalizeText(text)) {
		if (covered(ch)) out += ch;
		else {
			missing.add(ch);
			out += stand;
		}
	}
	return { text: out, missing: [...missing] };
}

/**
 * Split `text` into runs by font: each letter goes to the first font that has it; punctuation,
 * digits, spaces and marks stay in the font of the run they are in when it has them (so
 * "夜市 — 1" is one run, and the PDF's text reads back as typed). A character no font has
 * goes to the first font (`coverText` first, so there is none).
 */
export function splitRuns(text: string, covers: readonly Covers[]): TextRun[] {
	const runs: TextRun[] = [];
	let current: TextRun | undefined;
	for (const ch of text) {
		const codePoint = ch.codePointAt(0)!;
		let font: number;
		if (current && NEUTRAL.test(ch) && covers[current.font]!(codePoint)) font = current.font;
		else
			font = Math.max(
				0,
				covers.findIndex((has) => has(codePoint))
			);
		if (current?.font === font) current.text += ch;
		else {
			current = { font, text: ch };
			runs.push(current);
		}
	}
	return runs;
}

/** The sentence telling the person which characters no font had, or undefined when none. */
export function missingNote(
	missing: readonly string[],
	fontsUnavailable = false
): string | undefined {
	if (missing.length === 0) return undefined;
	const shown = missing.slice(0, 8).join(' ');
	const more = missing.length > 8 ? ` and ${missing.length - 8} more` : '';
	const why = fontsUnavailable
		? ' A font could not be loaded: export again while online to draw them.'
		: '';
	return `No font here has ${shown}${more}: ${missing.length === 1 ? 'it shows' : 'they show'} as ${REPLACEMENT}.${why}`;
}
