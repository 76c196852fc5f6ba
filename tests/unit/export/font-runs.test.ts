import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import {
	REPLACEMENT,
	coverText,
	missingNote,
	normalizeText,
	splitRuns,
	type Covers
} from '$lib/export/font-runs';
import { EXPORT_FONTS, fontsFor } from '$lib/export/fonts';

/** Stand-in fonts by range: Latin (with U+FFFD), CJK, Hangul; all three have space and digits. */
const common = (cp: number) => cp === 0x20 || (cp >= 0x30 && cp <= 0x39) || cp === 0x2e;
const latin: Covers = (cp) => common(cp) || cp < 0x250 || cp === 0xfffd || cp === 0x2014;
const cjk: Covers = (cp) => common(cp) || (cp >= 0x3000 && cp <= 0x9fff) || cp === 0x2014;
const hangul: Covers = (cp) => common(cp) || (cp >= 0xac00 && cp <= 0xd7af);
const fonts = [latin, cjk, hangul];

/** The real export fonts' coverage, read from the installed packages. */
const real: Covers[] = [
	'noto-sans/400Regular/NotoSans_400Regular.ttf',
	'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
	'noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'
].map((path) => {
	const font = fontkit.create(readFileSync(`node_modules/@expo-google-fonts/${path}`));
	return (cp) => font.hasGlyphForCodePoint(cp);
});

describe('splitRuns', () => {
	it('puts each letter in the first font that has it', () => {
		expect(splitRuns('Café夜市한국', fonts)).toEqual([
			{ font: 0, text: 'Café' },
			{ font: 1, text: '夜市' },
			{ font: 2, text: '한국' }
		]);
	});

	it('keeps spaces, digits and punctuation in the run they are in', () => {
		expect(splitRuns('1. 夜市 — 2 한국어 장면', fonts)).toEqual([
			{ font: 0, text: '1. ' },
			{ font: 1, text: '夜市 — 2 ' },
			{ font: 2, text: '한국어 장면' }
		]);
	});

	it('moves punctuation to a later font when the run’s font lacks it', () => {
		expect(splitRuns('한국—', fonts)).toEqual([
			{ font: 2, text: '한국' },
			{ font: 0, text: '—' }
		]);
	});

	it('gives a character no font has to the first font, and empty text no runs', () => {
		expect(splitRuns('😀', fonts)).toEqual([{ font: 0, text: '😀' }]);
		expect(splitRuns('', fonts)).toEqual([]);
	});

	it('keeps the runs’ text together, in order', () => {
		const text = 'Łódź, őszi — 夜市の追跡 · 한국어 장면 · crème brûlée';
		expect(
			splitRuns(text, real)
				.map((run) => run.text)
				.join('')
		).toBe(text);
	});

	it('draws Polish, Hungarian and French in Noto Sans, Chinese and kana in SC, Hangul in KR', () => {
		expect(splitRuns('Łódź, őszi, crème brûlée 夜市の追跡 한국어 장면', real)).toEqual([
			{ font: 0, text: 'Łódź, őszi, crème brûlée ' },
			{ font: 1, text: '夜市の追跡 ' },
			{ font: 2, text: '한국어 장면' }
		]);
	});
});

describe('coverText', () => {
	it('replaces characters no font has with U+FFFD and lists each once', () => {
		expect(coverText('a😀b😀🎬', fonts)).toEqual({
			text: `a${REPLACEMENT}b${REPLACEMENT}${REPLACEMENT}`,
			missing: ['😀', '🎬']
		});
	});

	it('uses "?" when even U+FFFD is missing', () => {
		expect(coverText('a😀', [cjk, hangul])).toEqual({ text: '??', missing: ['a', '😀'] });
	});

	it('keeps everything the real fonts have, and line breaks', () => {
		const text = 'Łódź, őszi\n한국어 장면 夜市 — “crème brûlée” Ωмега Việt';
		expect(coverText(text, real)).toEqual({ text, missing: [] });
	});
});

describe('normalizeText', () => {
	it('composes accents, drops invisible characters and turns controls into spaces', () => {
		expect(normalizeText('Cafe\u0301\u200b a\tb\r\nc\u0007d ❤\ufe0f')).toBe('Café a b\nc d ❤');
	});
});

describe('missingNote', () => {
	it('says nothing when every character had a font', () => {
		expect(missingNote([])).toBeUndefined();
	});

	it('names the characters, at most eight, and why when a font did not load', () => {
		expect(missingNote(['😀'])).toBe(`No font here has 😀: it shows as ${REPLACEMENT}.`);
		const many = [...'abcdefghij'];
		expect(missingNote(many, true)).toBe(
			`No font here has a b c d e f g h and 2 more: they show as ${REPLACEMENT}. ` +
				'A font could not be loaded: export again while online to draw them.'
		);
	});
});

describe('fontsFor', () => {
	const names = (text: string) => fontsFor(text).map((font) => font.name);

	it('loads only Noto Sans for Latin, Greek, Cyrillic and Vietnamese text', () => {
		expect(names('Łódź, őszi — “Ωмега” Việt € 12')).toEqual(['Noto Sans']);
	});

	it('adds SC for Chinese and kana, KR for Hangul, in order', () => {
		expect(names('夜市の')).toEqual(['Noto Sans', 'Noto Sans SC']);
		expect(names('한국어 夜')).toEqual(['Noto Sans', 'Noto Sans SC', 'Noto Sans KR']);
		expect(EXPORT_FONTS.map((font) => font.name)).toEqual([
			'Noto Sans',
			'Noto Sans SC',
			'Noto Sans KR'
		]);
	});

	it('fetches no fallback for characters none of them has', () => {
		expect(names('🎬😀')).toEqual(['Noto Sans']);
	});

	it('hints at each fallback for characters that font really has', () => {
		const samples = ['夜の→★①「」。Ａ', '한국ㄱᄀ'];
		for (const [index, text] of samples.entries()) {
			const font = EXPORT_FONTS[index + 1]!;
			for (const ch of text) {
				const cp = ch.codePointAt(0)!;
				expect([ch, font.hint!(cp), real[index + 1]!(cp)]).toEqual([ch, true, true]);
			}
		}
	});
});
