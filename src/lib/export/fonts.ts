// The fonts exports draw text with, in the order they are tried for each character. They are
// served from our origin, fetched only when an export needs them and kept by the service
// worker's runtime cache for offline use; a PDF embeds only the glyphs it uses.
import sansUrl from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import scUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import krUrl from '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf?url';
import subsetterUrl from 'harfbuzzjs/dist/harfbuzz-subset.wasm?url';
import { createFontSubsetter, type FontSubsetter } from './font-subset';

/** One font of the fallback list. */
export interface ExportFont {
	name: string;
	url: string;
	/**
	 * Characters worth fetching this fallback for (it is megabytes): the scripts it is there
	 * for. Undefined for the first font, which is always loaded.
	 */
	hint?: (codePoint: number) => boolean;
}

const within = (ranges: readonly [number, number][]) => (codePoint: number) =>
	ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

/**
 * Noto Sans (0.6 MB: Latin, Greek, Cyrillic, Vietnamese), then Noto Sans SC (10 MB: Chinese,
 * kana, CJK punctuation, arrows and symbols), then Noto Sans KR (6 MB: Hangul).
 */
export const EXPORT_FONTS: readonly ExportFont[] = [
	{ name: 'Noto Sans', url: sansUrl },
	{
		name: 'Noto Sans SC',
		url: scUrl,
		hint: within([
			[0x2190, 0x2bff],
			[0x2e80, 0x9fff],
			[0xf900, 0xfaff],
			[0xfe10, 0xfe6f],
			[0xff00, 0xffef],
			[0x1f100, 0x1f2ff],
			[0x20000, 0x3ffff]
		])
	},
	{
		name: 'Noto Sans KR',
		url: krUrl,
		hint: within([
			[0x1100, 0x11ff],
			[0x3130, 0x318f],
			[0xa960, 0xa97f],
			[0xac00, 0xd7ff]
		])
	}
];

/** The fonts worth loading for `text`: the first, and each fallback one of its characters hints at. */
export function fontsFor(text: string): ExportFont[] {
	const codePoints = [...new Set(text)].map((ch) => ch.codePointAt(0)!);
	return EXPORT_FONTS.filter((font) => !font.hint || codePoints.some(font.hint));
}

const loading = new Map<string, Promise<unknown>>();

/** `load(url)`, started once per page load for `url` (dropped on failure so a retry works). */
function once<T>(url: string, load: (url: string) => Promise<T>): Promise<T> {
	let result = loading.get(url) as Promise<T> | undefined;
	if (!result) {
		const attempt = load(url);
		attempt.catch(() => {
			if (loading.get(url) === attempt) loading.delete(url);
		});
		loading.set(url, attempt);
		result = attempt;
	}
	return result;
}

async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${what} could not be loaded (HTTP ${response.status})`);
	return response.arrayBuffer();
}

/** A font's bytes, fetched once per page load. */
export function loadFontBytes(font: ExportFont): Promise<ArrayBuffer> {
	return once(font.url, (url) => fetchBytes(url, `the font ${font.name}`));
}

/** HarfBuzz's font subsetter (0.7 MB of WebAssembly), loaded once per page load. */
export function loadFontSubsetter(): Promise<FontSubsetter> {
	return once(subsetterUrl, async (url) =>
		createFontSubsetter(await fetchBytes(url, 'the font subsetter'))
	);
}
