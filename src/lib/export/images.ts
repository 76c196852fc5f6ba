import type { PDFDocument, PDFImage } from 'pdf-lib';
import { EXPORT_FONTS, fontsFor, loadFontBytes, type ExportFont } from './fonts';
import { wrapText } from './pdf-layout';

/**
 * Re-encode an image as JPEG, no longer than `maxSide` pixels on its long side (transparent
 * parts on white). The PDF embeds these: the browser's encoder is far faster than decoding and
 * recompressing PNGs in JavaScript, and the file is much smaller.
 */
export async function toJpeg(blob: Blob, quality = 0.88, maxSide = Infinity): Promise<Blob> {
	const bitmap = await createImageBitmap(blob);
	try {
		const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
		const width = Math.max(1, Math.round(bitmap.width * scale));
		const height = Math.max(1, Math.round(bitmap.height * scale));
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.imageSmoothingQuality = 'high';
		context.drawImage(bitmap, 0, 0, width, height);
		return await canvas.convertToBlob({ type: 'image/jpeg', quality });
	} finally {
		bitmap.close();
	}
}

/** Longest side of an image in the PDF: about 150 dpi for the widest panel. */
const PDF_IMAGE_MAX_SIDE = 1600;

/** A picture embedded in a PDF as a JPEG no larger than the sheet needs. */
export async function embedPdfImage(doc: PDFDocument, blob: Blob): Promise<PDFImage> {
	const jpeg = await toJpeg(blob, 0.88, PDF_IMAGE_MAX_SIDE);
	return doc.embedJpg(new Uint8Array(await jpeg.arrayBuffer()));
}

/** The CSS family of one export font as a caption face. */
const captionFamily = (font: ExportFont) => `Maestro ${font.name}`;

/** Every export font in order, then the system's: canvas falls back character by character. */
const CAPTION_FAMILIES = [
	...EXPORT_FONTS.map((font) => `"${captionFamily(font)}"`),
	'system-ui',
	'sans-serif'
].join(', ');

const faces = new Map<ExportFont, Promise<void>>();

/**
 * Make sure the export fonts `text` needs are loaded as font faces, so burned-in text looks
 * the same on every machine and as in the PDF (system fonts may lack CJK or Hangul). A font
 * that cannot be loaded is left out: the next one, or the system's, draws those characters.
 */
async function captionFonts(text: string): Promise<string> {
	await Promise.all(
		fontsFor(text).map((font) => {
			let face = faces.get(font);
			if (!face) {
				face = loadFontBytes(font)
					.then(async (bytes) => {
						const loaded = await new FontFace(captionFamily(font), bytes).load();
						document.fonts.add(loaded);
					})
					.catch(() => {
						faces.delete(font);
					});
				faces.set(font, face);
			}
			return face;
		})
	);
	return CAPTION_FAMILIES;
}

/** What a frame of the animatic shows besides its picture. */
export interface StillText {
	/** The panel's label: "2", or "2.3" for a beat of a shot with several. */
	label: string;
	title: string;
	/** Burn the number and title in a band at the bottom. */
	caption: boolean;
	/** The shot's dialogue ("MARA: Run."), burned in under the title like subtitles. */
	dialogue?: readonly string[];
}

/** Wrapped lines of dialogue a caption shows at most. */
const CAPTION_DIALOGUE_LINES = 3;

/**
 * One still of the animatic at exactly `width` x `height`: the picture letterboxed on black
 * (or a title card when there is none), with the caption burned in. JPEG, since the engine
 * decodes it once and JPEG decodes fastest.
 */
export async function renderStill(
	picture: Blob | undefined,
	width: number,
	height: number,
	text: StillText
): Promise<Blob> {
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d')!;
	context.fillStyle = '#000';
	context.fillRect(0, 0, width, height);
	const bitmap = picture ? await createImageBitmap(picture).catch(() => undefined) : undefined;
	const family =
		!bitmap || text.caption
			? await captionFonts(`Shot ${text.label} ${text.title} ${(text.dialogue ?? []).join(' ')}`)
			: '';
	if (bitmap) {
		const scale = Math.min(width / bitmap.width, height / bitmap.height);
		const w = bitmap.width * scale;
		const h = bitmap.height * scale;
		context.imageSmoothingQuality = 'high';
		context.drawImage(bitmap, (width - w) / 2, (height - h) / 2, w, h);
		bitmap.close();
	} else {
		drawTitleCard(context, width, height, text, family);
	}
	if (text.caption) drawCaption(context, width, height, text, family);
	return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}

function drawTitleCard(
	context: OffscreenCanvasRenderingContext2D,
	width: number,
	height: number,
	text: StillText,
	family: string
): void {
	context.fillStyle = '#1c1f27';
	context.fillRect(0, 0, width, height);
	context.textAlign = 'center';
	context.textBaseline = 'middle';
	context.fillStyle = '#9aa3b5';
	context.font = `${Math.round(height * 0.05)}px ${family}`;
	context.fillText(`Shot ${text.label}`, width / 2, height * 0.4, width * 0.9);
	context.fillStyle = '#f2f4f8';
	context.font = `600 ${Math.round(height * 0.08)}px ${family}`;
	context.fillText(text.title || 'Untitled shot', width / 2, height * 0.53, width * 0.9);
	context.textAlign = 'start';
	context.textBaseline = 'alphabetic';
}

/**
 * The caption band: the number and title, and under them the dialogue, centred like subtitles
 * and wrapped to the frame. A shot without dialogue keeps the one-line band.
 */
function drawCaption(
	context: OffscreenCanvasRenderingContext2D,
	width: number,
	height: number,
	text: StillText,
	family: string
): void {
	const size = Math.round(height * 0.04);
	const lineHeight = Math.round(size * 1.35);
	context.font = `${size}px ${family}`;
	const spoken = wrapText(
		(text.dialogue ?? []).join('\n'),
		width - 2 * size,
		CAPTION_DIALOGUE_LINES,
		(line) => context.measureText(line).width
	);
	const band = spoken.length === 0 ? Math.round(size * 2) : lineHeight * (spoken.length + 1) + size;
	context.fillStyle = 'rgba(0, 0, 0, 0.55)';
	context.fillRect(0, height - band, width, band);
	context.textBaseline = 'middle';
	const caption = `${text.label}  ${text.title}`.trim();
	const headingY =
		spoken.length === 0 ? height - band / 2 : height - band + size / 2 + lineHeight / 2;
	context.fillStyle = spoken.length === 0 ? '#fff' : '#c9ced8';
	context.fillText(caption, size, headingY, width - 2 * size);
	context.fillStyle = '#fff';
	context.textAlign = 'center';
	for (const [index, line] of spoken.entries())
		context.fillText(line, width / 2, headingY + (index + 1) * lineHeight, width - 2 * size);
	context.textAlign = 'start';
	context.textBaseline = 'alphabetic';
}
