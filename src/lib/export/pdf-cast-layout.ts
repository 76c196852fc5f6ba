import { FOOTER_HEIGHT, GAP, HEADER_HEIGHT, LINE_GAP, MARGIN, type Rect } from './pdf-layout';

/** Side of a cast member's square picture box on the cast page, in points. */
export const CAST_PICTURE_SIZE = 120;
/** Type sizes on the cast page: the page's heading, a member's name, kind and description. */
export const CAST_HEADING_SIZE = 14;
export const CAST_NAME_SIZE = 13;
export const CAST_KIND_SIZE = 9;
export const CAST_TEXT_SIZE = 10;
/** Room under the header for the "Cast" heading. */
const HEADING_ROOM = 26;
/** Space between a picture and its text. */
const PICTURE_GAP = 12;
/** Pages at least this wide (landscape) hold two columns of members; narrower ones one. */
const TWO_COLUMNS_FROM = 700;

/** How far below a card's text top each baseline sits: the name, the kind, the description's first line. */
export const CAST_BASELINES = {
	name: CAST_NAME_SIZE,
	kind: CAST_NAME_SIZE + CAST_KIND_SIZE * LINE_GAP + 2,
	description: CAST_NAME_SIZE + CAST_KIND_SIZE * LINE_GAP + CAST_TEXT_SIZE * LINE_GAP + 4
};

/** Where one member's card goes: its picture box and its text beside it. */
export interface CastCardLayout {
	picture: Rect;
	/** Left edge and top of the text beside the picture. */
	textX: number;
	textTop: number;
	textWidth: number;
}

/** The cards of a cast page: members per page, where each goes, and how much description fits. */
export interface CastPageLayout {
	/** Baseline of the "Cast" heading. */
	headingY: number;
	perPage: number;
	/** Lines of description beside each picture. */
	descriptionLines: number;
	cards: CastCardLayout[];
}

/**
 * Lay out a cast page: a heading, then members in rows (two columns on a landscape page), each a
 * square picture with the name, kind and description beside it.
 */
export function castPageLayout(page: { width: number; height: number }): CastPageLayout {
	const columns = page.width >= TWO_COLUMNS_FROM ? 2 : 1;
	const top = page.height - MARGIN - HEADER_HEIGHT;
	const cardsTop = top - HEADING_ROOM;
	const room = cardsTop - MARGIN - FOOTER_HEIGHT;
	const rows = Math.max(1, Math.floor((room + GAP) / (CAST_PICTURE_SIZE + GAP)));
	const cellWidth = (page.width - 2 * MARGIN - GAP * (columns - 1)) / columns;
	const textWidth = cellWidth - CAST_PICTURE_SIZE - PICTURE_GAP;
	const cards: CastCardLayout[] = [];
	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const x = MARGIN + column * (cellWidth + GAP);
			const cellTop = cardsTop - row * (CAST_PICTURE_SIZE + GAP);
			cards.push({
				picture: {
					x,
					y: cellTop - CAST_PICTURE_SIZE,
					width: CAST_PICTURE_SIZE,
					height: CAST_PICTURE_SIZE
				},
				textX: x + CAST_PICTURE_SIZE + PICTURE_GAP,
				textTop: cellTop,
				textWidth
			});
		}
	}
	const lineHeight = CAST_TEXT_SIZE * LINE_GAP;
	// The last line's descenders stay inside the picture's height.
	const below = CAST_PICTURE_SIZE - CAST_BASELINES.description - CAST_TEXT_SIZE * 0.3;
	const descriptionLines = Math.max(0, Math.floor(below / lineHeight) + 1);
	return {
		headingY: top - CAST_HEADING_SIZE,
		perPage: cards.length,
		descriptionLines,
		cards
	};
}
