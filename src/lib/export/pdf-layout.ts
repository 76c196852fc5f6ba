import type { AspectRatio } from '$lib/domain/types';
import type { Orientation, PaperSize, PdfOptions } from './meta';

/** A rectangle in PDF points, origin at the page's bottom left. */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Paper sizes in points (1/72 inch), portrait. */
export const PAPER_POINTS: Record<PaperSize, { width: number; height: number }> = {
	a4: { width: 595.28, height: 841.89 },
	letter: { width: 612, height: 792 }
};

export const MARGIN = 36;
export const HEADER_HEIGHT = 34;
export const FOOTER_HEIGHT = 20;
export const GAP = 14;
/**
 * Text lines under each image: number and title, description lines, the lines of dialogue and
 * sound when the storyboard has any, two lines of camera notes.
 */
export const TITLE_SIZE = 10;
export const BODY_SIZE = 8;
export const LINE_GAP = 1.3;

/** The page size for the paper and orientation. */
export function pageSize(paper: PaperSize, orientation: Orientation) {
	const { width, height } = PAPER_POINTS[paper];
	return orientation === 'portrait' ? { width, height } : { width: height, height: width };
}

/** Width over height of an aspect ratio such as "16:9". */
export function aspectValue(aspect: AspectRatio | string): number {
	const [w, h] = aspect.split(':').map(Number);
	return w && h ? w / h : 16 / 9;
}

/** Where one panel's parts go. */
export interface PanelLayout {
	image: Rect;
	/** Top of the text block under the image (y of the first baseline's top). */
	textTop: number;
	textWidth: number;
	x: number;
}

/** The grid of a sheet: panels per page, where each goes, and how much text fits. */
export interface SheetLayout {
	page: { width: number; height: number };
	columns: number;
	rows: number;
	perPage: number;
	/** Description lines each panel has room for. */
	descriptionLines: number;
	/** Lines for dialogue and sound each panel has room for (none when no shot has any). */
	speechLines: number;
	panels: PanelLayout[];
}

/** Lines of description per panel, fewer when panels are narrow. */
function descriptionLinesFor(columns: number): number {
	return columns === 1 ? 4 : columns === 2 ? 4 : 5;
}

/** Height of a panel's text block in points. */
export function textBlockHeight(descriptionLines: number, speechLines = 0): number {
	return TITLE_SIZE * LINE_GAP + (descriptionLines + speechLines + 2) * BODY_SIZE * LINE_GAP + 6;
}

/** Lines of dialogue a panel shows at most. */
export const DIALOGUE_LINES = 3;

/**
 * The room panels need for speech: lines of dialogue when any shot has some, one line of
 * sound when any has sound; none at all for a storyboard without either, so its sheet is
 * laid out as before.
 */
export function speechLinesFor(shots: readonly { hasDialogue: boolean; hasSound: boolean }[]) {
	const dialogue = shots.some((shot) => shot.hasDialogue) ? DIALOGUE_LINES : 0;
	return dialogue + (shots.some((shot) => shot.hasSound) ? 1 : 0);
}

/**
 * Lay out panels on a page: `columns` across, as many rows as fit, images in the storyboard's
 * aspect ratio (smaller when a single tall panel would not fit the page).
 */
export function sheetLayout(
	options: Pick<PdfOptions, 'paper' | 'orientation' | 'panelsPerRow'>,
	aspect: number,
	speechLines = 0
): SheetLayout {
	const page = pageSize(options.paper, options.orientation);
	const columns = options.panelsPerRow;
	const descriptionLines = descriptionLinesFor(columns);
	const contentWidth = page.width - 2 * MARGIN;
	const contentHeight = page.height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT;
	const cellWidth = (contentWidth - GAP * (columns - 1)) / columns;
	const text = textBlockHeight(descriptionLines, speechLines);
	let imageWidth = cellWidth;
	let imageHeight = cellWidth / aspect;
	if (imageHeight + text > contentHeight) {
		imageHeight = Math.max(40, contentHeight - text);
		imageWidth = Math.min(cellWidth, imageHeight * aspect);
	}
	const cellHeight = imageHeight + text;
	const rows = Math.max(1, Math.floor((contentHeight + GAP) / (cellHeight + GAP)));
	const top = page.height - MARGIN - HEADER_HEIGHT;
	const panels: PanelLayout[] = [];
	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const x = MARGIN + column * (cellWidth + GAP);
			const cellTop = top - row * (cellHeight + GAP);
			panels.push({
				x,
				image: {
					x: x + (cellWidth - imageWidth) / 2,
					y: cellTop - imageHeight,
					width: imageWidth,
					height: imageHeight
				},
				textTop: cellTop - imageHeight - 4,
				textWidth: cellWidth
			});
		}
	}
	return { page, columns, rows, perPage: rows * columns, descriptionLines, speechLines, panels };
}

/** The largest rectangle of the image's proportions that fits in `box`, centred (letterboxed). */
export function containRect(imageWidth: number, imageHeight: number, box: Rect): Rect {
	const scale = Math.min(box.width / imageWidth, box.height / imageHeight);
	const width = imageWidth * scale;
	const height = imageHeight * scale;
	return {
		x: box.x + (box.width - width) / 2,
		y: box.y + (box.height - height) / 2,
		width,
		height
	};
}

/** Pages needed for `count` panels. */
export function pageCount(count: number, perPage: number): number {
	return Math.max(1, Math.ceil(count / perPage));
}

const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/** Pieces a line may break between: words with their spaces, and each CJK character alone. */
function breakables(text: string): string[] {
	const pieces: string[] = [];
	for (const match of text.matchAll(/\S+\s*|\s+/g)) {
		const word = match[0];
		if (!CJK.test(word)) {
			pieces.push(word);
			continue;
		}
		let run = '';
		for (const ch of word) {
			if (CJK.test(ch)) {
				if (run) pieces.push(run);
				pieces.push(ch);
				run = '';
			} else run += ch;
		}
		if (run) pieces.push(run);
	}
	return pieces;
}

/**
 * Wrap `text` into at most `maxLines` lines no wider than `width` by `measure`; a cut-off
 * text ends with "…". Line breaks in the text are kept; a word too long for a line is split.
 */
export function wrapText(
	text: string,
	width: number,
	maxLines: number,
	measure: (text: string) => number
): string[] {
	const lines: string[] = [];
	let truncated = false;
	for (const paragraph of text.split(/\r?\n/)) {
		let line = '';
		for (const piece of breakables(paragraph)) {
			if (measure(line + piece) <= width || line === '') {
				if (measure(piece) > width && line === '') {
					// A very long word: put as many characters as fit, carry the rest.
					for (const ch of piece) {
						if (measure(line + ch) > width && line) {
							lines.push(line);
							line = '';
						}
						line += ch;
					}
				} else line += piece;
			} else {
				lines.push(line.trimEnd());
				line = piece.trimStart();
			}
		}
		lines.push(line.trimEnd());
	}
	while (lines.length > 0 && lines.at(-1) === '') lines.pop();
	if (lines.length > maxLines) {
		lines.length = maxLines;
		truncated = true;
	}
	if (truncated && maxLines > 0) {
		let last = lines[maxLines - 1]!;
		while (last && measure(`${last}…`) > width) last = [...last].slice(0, -1).join('');
		lines[maxLines - 1] = `${last.trimEnd()}…`;
	}
	return lines;
}
