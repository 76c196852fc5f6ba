// Noto Sans SC covers Latin with accents, Greek, Cyrillic, kana and Chinese characters. The file
// (about 10 MB) is served from our origin, fetched only when a PDF is made, and kept by the
// service worker's runtime cache for offline use; each PDF embeds only the glyphs it uses.
import fontUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';

let loading: Promise<ArrayBuffer> | undefined;

/** The PDF font's bytes, fetched once per page load (dropped on failure so a retry works). */
export function loadPdfFont(): Promise<ArrayBuffer> {
	if (!loading) {
		const attempt = fetch(fontUrl).then(async (response) => {
			if (!response.ok) throw new Error(`the font could not be loaded (HTTP ${response.status})`);
			return response.arrayBuffer();
		});
		attempt.catch(() => {
			if (loading === attempt) loading = undefined;
		});
		loading = attempt;
	}
	return loading;
}
