import type { Color, PDFDocument, PDFPage } from 'pdf-lib';
import type { CastMember } from '$lib/domain/types';
import { assertSignal } from '$lib/util/abort';
import { missingNote } from './font-runs';
import type { PdfOptions } from './meta';
import { castPageCount, castPageTexts, drawCastPages } from './pdf-cast';
import { castPageLayout } from './pdf-cast-layout';
import { panelTexts, type PanelText } from './pdf-panels';
import { embedTextFonts, type PdfText } from './pdf-text';
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
	type SheetLayout,
	speechLinesFor,
	wrapText,
	type PanelLayout
} from './pdf-layout';
import { pickStyle, chosenTake, type Storyboard } from './storyboard';
import { embedPdfImage } from './images';

/** Progress as numbers: panels drawn of panels to draw. */
export type PdfProgress = (done: number, total: number) => void;

const INK = { r: 0.1, g: 0.1, b: 0.12 };
const MUTED = { r: 0.4, g: 0.4, b: 0.45 };

/** The date printed in the sheet's header, as YYYY-MM-DD. */
export function sheetDate(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The finished sheet, and what the person should know about its text. */
export interface PdfResult {
	bytes: Uint8Array;
	/** Which characters no font had (they show as U+FFFD); undefined when none. */
	note?: string;
}

/** The texts of the sheet that may need a fallback font (the rest is plain English). */
function sheetTexts(
	panels: readonly PanelText[],
	title: string,
	cast: readonly CastMember[]
): string[] {
	return [
		title,
		...castPageTexts(cast),
		...panels.flatMap((panel) => [
			panel.heading,
			panel.action,
			panel.description,
			...panel.dialogue,
			panel.sound,
			...panel.notes
		])
	];
}

/**
 * The storyboard sheet as PDF bytes: with `castPage`, first the cast (see `drawCastPages`); then
 * on every page a header with the title and date, a panel for each beat
 * with its chosen image (or its source keyframe), its number ("2", or "2.3" for a beat of
 * several) and action, and under a shot's first beat the shot's title, description, dialogue
 * and sound, and camera notes; page numbers. Text is real, selectable text, each character in the first of the export
 * fonts that has it (see `fonts.ts`), embedded as subsets.
 */
export async function makeStoryboardPdf(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: PdfOptions,
	onProgress?: PdfProgress,
	now = new Date()
): Promise<PdfResult> {
	const [{ PDFDocument, rgb }, fontkit] = await Promise.all([
		import('pdf-lib'),
		import('@pdf-lib/fontkit').then((module) => module.default)
	]);
	assertSignal(signal);
	const doc: PDFDocument = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const { project } = board.graph;
	const title = project.title || 'Storyboard';
	const date = sheetDate(now);
	doc.setTitle(title);
	doc.setCreator('Maestro');
	doc.setCreationDate(now);
	const aspect = aspectValue(project.aspectRatio);
	const panels = panelTexts(board.shots);
	const speech = speechLinesFor(
		panels.map((panel) => ({
			hasDialogue: panel.dialogue.length > 0,
			hasSound: panel.sound !== ''
		}))
	);
	const layout = sheetLayout(options, aspect, speech);
	const cast = options.castPage ? board.cast : [];
	const castLayout = castPageLayout(layout.page);
	const castPages = castPageCount(cast.length, castLayout.perPage);
	// A storyboard with a cast and no shots yet is its cast pages alone.
	const panelPages =
		panels.length === 0 && castPages > 0 ? 0 : pageCount(panels.length, layout.perPage);
	const pages = castPages + panelPages;
	const text = await embedTextFonts(doc, fontkit, sheetTexts(panels, title, cast));
	assertSignal(signal);
	const style = pickStyle(board, options.styleId);
	const color = (c: typeof INK) => rgb(c.r, c.g, c.b);
	const frame = (page: PDFPage, number: number) =>
		drawFrame(page, text, title, date, number, pages, color(INK), color(MUTED));
	let pagesDrawn = 0;
	const addPage = () => {
		const added = doc.addPage([layout.page.width, layout.page.height]);
		frame(added, ++pagesDrawn);
		return added;
	};
	await drawCastPages(signal, doc, cast, board.assets, text, castLayout, addPage, {
		ink: color(INK),
		muted: color(MUTED),
		box: rgb(0.9, 0.9, 0.92)
	});

	let page: PDFPage | undefined;
	for (const [index, panelText] of panels.entries()) {
		const { shot, beat } = panelText;
		assertSignal(signal);
		const slot = index % layout.perPage;
		if (slot === 0) page = addPage();
		const panel = layout.panels[slot]!;
		const take = style ? chosenTake(board, beat.id, style.id, 'image') : undefined;
		const assetId = take?.imageAssetId ?? beat.keyframeAssetId ?? shot.keyframeAssetId;
		const blob = assetId ? board.assets.get(assetId)?.blob : undefined;
		page!.drawRectangle({ ...panel.image, color: rgb(0.9, 0.9, 0.92) });
		const image = blob ? await embedPdfImage(doc, blob).catch(() => undefined) : undefined;
		if (image) {
			page!.drawImage(image, containRect(image.width, image.height, panel.image));
		} else {
			const label = 'No image yet';
			text.draw(page!, label, {
				x: panel.image.x + (panel.image.width - text.width(label, BODY_SIZE)) / 2,
				y: panel.image.y + panel.image.height / 2,
				size: BODY_SIZE,
				color: color(MUTED)
			});
		}
		drawPanelText(page!, text, panel, panelText, layout, color(INK), color(MUTED));
		onProgress?.(index + 1, panels.length);
	}
	if (pagesDrawn === 0) addPage();
	const note = missingNote(text.missing, text.unavailable);
	return { bytes: await doc.save(), ...(note ? { note } : {}) };
}

function drawFrame(
	page: PDFPage,
	text: PdfText,
	title: string,
	date: string,
	number: number,
	count: number,
	ink: Color,
	muted: Color
): void {
	const { width, height } = page.getSize();
	const top = height - MARGIN - 14;
	const dateWidth = text.width(date, 10);
	const room = width - 2 * MARGIN - dateWidth - 20;
	const shown = wrapText(text.prepare(title), room, 1, (t) => text.width(t, 14))[0] ?? '';
	text.draw(page, shown, { x: MARGIN, y: top, size: 14, color: ink });
	text.draw(page, date, { x: width - MARGIN - dateWidth, y: top, size: 10, color: muted });
	const footer = `Page ${number} of ${count}`;
	text.draw(page, footer, {
		x: (width - text.width(footer, 8)) / 2,
		y: MARGIN + FOOTER_HEIGHT / 2 - 8,
		size: 8,
		color: muted
	});
}

/** Lines of a beat's action under the first panel of a shot, before its description. */
const FIRST_ACTION_LINES = 2;

function drawPanelText(
	page: PDFPage,
	text: PdfText,
	panel: PanelLayout,
	content: PanelText,
	{ descriptionLines, speechLines }: Pick<SheetLayout, 'descriptionLines' | 'speechLines'>,
	ink: Color,
	muted: Color
): void {
	const measure = (size: number) => (line: string) => text.width(line, size);
	const lines = (value: string, size: number, count: number) =>
		count > 0 ? wrapText(text.prepare(value), panel.textWidth, count, measure(size)) : [];
	let y = panel.textTop - TITLE_SIZE;
	const write = (line: string, color: Color) => {
		text.draw(page, line, { x: panel.x, y, size: BODY_SIZE, color });
		y -= BODY_SIZE * LINE_GAP;
	};
	const heading = lines(content.heading, TITLE_SIZE, 1)[0] ?? '';
	text.draw(page, heading, { x: panel.x, y, size: TITLE_SIZE, color: ink });
	y -= TITLE_SIZE * (LINE_GAP - 1) + BODY_SIZE * LINE_GAP + 1;
	// A later beat has the whole block for its action; a first beat's action comes before the
	// shot's description and leaves it the rest.
	const actionRoom =
		content.description || content.dialogue.length ? FIRST_ACTION_LINES : descriptionLines;
	const action = content.action ? lines(content.action, BODY_SIZE, actionRoom) : [];
	for (const line of action) write(line, ink);
	const description = lines(content.description, BODY_SIZE, descriptionLines - action.length);
	for (const line of description) write(line, ink);
	// Dialogue follows the description and may use the lines a short description left free.
	const sound = speechLines > 0 ? content.sound : '';
	const used = action.length + description.length;
	const room = descriptionLines - used + speechLines - (sound ? 1 : 0);
	const spoken = speechLines > 0 ? content.dialogue.join('\n') : '';
	for (const line of spoken ? lines(spoken, BODY_SIZE, room) : []) write(line, ink);
	if (sound) write(lines(sound, BODY_SIZE, 1)[0] ?? '', muted);
	// The camera notes line up across a row, under the room every panel has.
	y = Math.min(
		y,
		panel.textTop -
			TITLE_SIZE * LINE_GAP -
			(descriptionLines + speechLines + 1) * BODY_SIZE * LINE_GAP
	);
	for (const note of content.notes) write(lines(note, BODY_SIZE, 1)[0] ?? '', muted);
}
