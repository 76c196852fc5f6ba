import type { Color, PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import type { Shot } from '$lib/domain/types';
import { assertSignal } from '$lib/util/abort';
import { loadPdfFont } from './font';
import type { PdfOptions } from './meta';
import {
	BODY_SIZE,
	FOOTER_HEIGHT,
	LINE_GAP,
	MARGIN,
	TITLE_SIZE,
	aspectValue,
	containRect,
	pageCount,
	sheetLayout,
	wrapText,
	type PanelLayout
} from './pdf-layout';
import { pickStyle, chosenTake, type Storyboard } from './storyboard';
import { toJpeg } from './images';

/** Progress as numbers: panels drawn of panels to draw. */
export type PdfProgress = (done: number, total: number) => void;

const INK = { r: 0.1, g: 0.1, b: 0.12 };
const MUTED = { r: 0.4, g: 0.4, b: 0.45 };

/** The camera line and timing line under a panel's description. */
export function panelNotes(shot: Shot): [string, string] {
	const camera = [shot.shotSize, shot.angle, shot.movement].filter(Boolean).join(' · ');
	const transition = shot.transition === 'dissolve' ? 'Dissolve' : 'Cut';
	return [camera || '—', `${Math.round(shot.durationS * 10) / 10} s · ${transition}`];
}

/** The date printed in the sheet's header, as YYYY-MM-DD. */
export function sheetDate(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The storyboard sheet as PDF bytes: a header with the title and date, panels of each shot's
 * chosen image (or its source keyframe) with number, title, description and camera notes,
 * page numbers. Text is real, selectable text in an embedded Unicode font.
 */
export async function makeStoryboardPdf(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: PdfOptions,
	onProgress?: PdfProgress,
	now = new Date()
): Promise<Uint8Array> {
	const [{ PDFDocument, rgb }, fontkit, fontBytes] = await Promise.all([
		import('pdf-lib'),
		import('@pdf-lib/fontkit').then((module) => module.default),
		loadPdfFont()
	]);
	assertSignal(signal);
	const doc: PDFDocument = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const { project } = board.graph;
	doc.setTitle(project.title || 'Storyboard');
	doc.setCreator('Maestro');
	doc.setCreationDate(now);
	const font = await doc.embedFont(fontBytes, { subset: true });
	const aspect = aspectValue(project.aspectRatio);
	const layout = sheetLayout(options, aspect);
	const pages = pageCount(board.shots.length, layout.perPage);
	const style = pickStyle(board, options.styleId);
	const color = (c: typeof INK) => rgb(c.r, c.g, c.b);
	const measure = (size: number) => (text: string) => font.widthOfTextAtSize(text, size);

	let page: PDFPage | undefined;
	for (const [index, shot] of board.shots.entries()) {
		assertSignal(signal);
		const slot = index % layout.perPage;
		if (slot === 0) {
			page = doc.addPage([layout.page.width, layout.page.height]);
			drawFrame(
				page,
				font,
				project.title || 'Storyboard',
				sheetDate(now),
				index / layout.perPage + 1,
				pages,
				color(INK),
				color(MUTED)
			);
		}
		const panel = layout.panels[slot]!;
		const take = style ? chosenTake(board, shot.id, style.id, 'image') : undefined;
		const assetId = take?.imageAssetId ?? shot.keyframeAssetId;
		const blob = assetId ? board.assets.get(assetId)?.blob : undefined;
		page!.drawRectangle({ ...panel.image, color: rgb(0.9, 0.9, 0.92) });
		const image = blob ? await embedImage(doc, blob).catch(() => undefined) : undefined;
		if (image) {
			page!.drawImage(image, containRect(image.width, image.height, panel.image));
		} else {
			const label = 'No image yet';
			const size = BODY_SIZE;
			page!.drawText(label, {
				x: panel.image.x + (panel.image.width - font.widthOfTextAtSize(label, size)) / 2,
				y: panel.image.y + panel.image.height / 2,
				size,
				font,
				color: color(MUTED)
			});
		}
		drawPanelText(
			page!,
			font,
			panel,
			shot,
			index + 1,
			layout.descriptionLines,
			measure,
			color(INK),
			color(MUTED)
		);
		onProgress?.(index + 1, board.shots.length);
	}
	if (!page) {
		page = doc.addPage([layout.page.width, layout.page.height]);
		drawFrame(
			page,
			font,
			project.title || 'Storyboard',
			sheetDate(now),
			1,
			1,
			color(INK),
			color(MUTED)
		);
	}
	return doc.save();
}

function drawFrame(
	page: PDFPage,
	font: PDFFont,
	title: string,
	date: string,
	number: number,
	count: number,
	ink: Color,
	muted: Color
): void {
	const { width, height } = page.getSize();
	const top = height - MARGIN - 14;
	const dateWidth = font.widthOfTextAtSize(date, 10);
	const room = width - 2 * MARGIN - dateWidth - 20;
	const shown = wrapText(title, room, 1, (t) => font.widthOfTextAtSize(t, 14))[0] ?? '';
	page.drawText(shown, { x: MARGIN, y: top, size: 14, font, color: ink });
	page.drawText(date, { x: width - MARGIN - dateWidth, y: top, size: 10, font, color: muted });
	const footer = `Page ${number} of ${count}`;
	page.drawText(footer, {
		x: (width - font.widthOfTextAtSize(footer, 8)) / 2,
		y: MARGIN + FOOTER_HEIGHT / 2 - 8,
		size: 8,
		font,
		color: muted
	});
}

function drawPanelText(
	page: PDFPage,
	font: PDFFont,
	panel: PanelLayout,
	shot: Shot,
	number: number,
	descriptionLines: number,
	measure: (size: number) => (text: string) => number,
	ink: Color,
	muted: Color
): void {
	let y = panel.textTop - TITLE_SIZE;
	const heading =
		wrapText(
			`${number}. ${shot.title || 'Untitled shot'}`,
			panel.textWidth,
			1,
			measure(TITLE_SIZE)
		)[0] ?? '';
	page.drawText(heading, { x: panel.x, y, size: TITLE_SIZE, font, color: ink });
	y -= TITLE_SIZE * (LINE_GAP - 1) + BODY_SIZE * LINE_GAP + 1;
	for (const line of wrapText(
		shot.description,
		panel.textWidth,
		descriptionLines,
		measure(BODY_SIZE)
	)) {
		page.drawText(line, { x: panel.x, y, size: BODY_SIZE, font, color: ink });
		y -= BODY_SIZE * LINE_GAP;
	}
	y = Math.min(
		y,
		panel.textTop - TITLE_SIZE * LINE_GAP - (descriptionLines + 1) * BODY_SIZE * LINE_GAP
	);
	for (const line of panelNotes(shot)) {
		const shown = wrapText(line, panel.textWidth, 1, measure(BODY_SIZE))[0] ?? '';
		page.drawText(shown, { x: panel.x, y, size: BODY_SIZE, font, color: muted });
		y -= BODY_SIZE * LINE_GAP;
	}
}

/** Longest side of an image in the PDF: about 150 dpi for the widest panel. */
const PDF_IMAGE_MAX_SIDE = 1600;

async function embedImage(doc: PDFDocument, blob: Blob): Promise<PDFImage> {
	const jpeg = await toJpeg(blob, 0.88, PDF_IMAGE_MAX_SIDE);
	return doc.embedJpg(new Uint8Array(await jpeg.arrayBuffer()));
}
