// Font subsets made by HarfBuzz's subsetter (hb-subset, compiled to WebAssembly by harfbuzzjs).
// pdf-lib's own subsetter (fontkit) writes broken glyph tables for Noto Sans: viewers draw
// stray letters while the text layer still extracts, so the PDF is embedded from these instead.

/** The C functions of `harfbuzz-subset.wasm` used here (pointers are numbers into `memory`). */
interface HarfBuzzSubsetExports {
	memory: WebAssembly.Memory;
	malloc(size: number): number;
	free(pointer: number): void;
	hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
	hb_blob_destroy(blob: number): void;
	hb_blob_get_data(blob: number, length: number): number;
	hb_face_create(blob: number, index: number): number;
	hb_face_destroy(face: number): void;
	hb_face_reference_blob(face: number): number;
	hb_set_add(set: number, value: number): void;
	hb_subset_input_create_or_fail(): number;
	hb_subset_input_destroy(input: number): void;
	hb_subset_input_set(input: number, which: number): number;
	hb_subset_input_set_flags(input: number, flags: number): void;
	hb_subset_or_fail(face: number, input: number): number;
}

/** `hb_memory_mode_t`: HarfBuzz may write into the bytes we hand it (we free them after). */
const HB_MEMORY_MODE_WRITABLE = 2;
/** `hb_subset_sets_t` members. */
const HB_SUBSET_SETS_UNICODE = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
/** `hb_subset_flags_t`: hinting is for screens at small pixel sizes, not for PDF viewers. */
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

const tag = (name: string) =>
	[...name].reduce((value, ch) => ((value << 8) | ch.charCodeAt(0)) >>> 0, 0);

/**
 * Tables left out of every subset. Without GSUB, each character is drawn as its own glyph
 * (no ligature such as "fi" that would have no Unicode value in the PDF's ToUnicode map), so the
 * text copies out exactly as typed; kerning and mark positions (GPOS) stay.
 */
const DROPPED_TABLES = ['GSUB', 'DSIG'].map(tag);

/** Makes font subsets; one per loaded subsetter instance (its memory is reused). */
export interface FontSubsetter {
	/** The font reduced to the glyphs of `codePoints` (and .notdef), as a TrueType/OpenType file. */
	subset(font: Uint8Array, codePoints: Iterable<number>): Uint8Array;
}

/** A subsetter from the bytes (or compiled module) of `harfbuzzjs/dist/harfbuzz-subset.wasm`. */
export async function createFontSubsetter(
	wasm: BufferSource | WebAssembly.Module
): Promise<FontSubsetter> {
	const instance =
		wasm instanceof WebAssembly.Module
			? await WebAssembly.instantiate(wasm, {})
			: (await WebAssembly.instantiate(wasm, {})).instance;
	const hb = instance.exports as unknown as HarfBuzzSubsetExports;
	return {
		subset(font, codePoints) {
			const fontPointer = hb.malloc(font.byteLength);
			new Uint8Array(hb.memory.buffer).set(font, fontPointer);
			const blob = hb.hb_blob_create(fontPointer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
			const face = hb.hb_face_create(blob, 0);
			hb.hb_blob_destroy(blob);
			const input = hb.hb_subset_input_create_or_fail();
			try {
				if (!input) throw new Error('the font subsetter is out of memory');
				const unicodes = hb.hb_subset_input_set(input, HB_SUBSET_SETS_UNICODE);
				for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
				const dropped = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
				for (const table of DROPPED_TABLES) hb.hb_set_add(dropped, table);
				hb.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
				const subsetFace = hb.hb_subset_or_fail(face, input);
				if (!subsetFace) throw new Error('the font could not be subset');
				const result = hb.hb_face_reference_blob(subsetFace);
				const lengthPointer = hb.malloc(4);
				const data = hb.hb_blob_get_data(result, lengthPointer);
				const length = new Uint32Array(hb.memory.buffer, lengthPointer, 1)[0]!;
				const bytes = new Uint8Array(hb.memory.buffer, data, length).slice();
				hb.free(lengthPointer);
				hb.hb_blob_destroy(result);
				hb.hb_face_destroy(subsetFace);
				if (length === 0) throw new Error('the font could not be subset');
				return bytes;
			} finally {
				if (input) hb.hb_subset_input_destroy(input);
				hb.hb_face_destroy(face);
				hb.free(fontPointer);
			}
		}
	};
}
