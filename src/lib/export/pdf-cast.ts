import type { Color, PDFDocument, PDFPage } from 'pdf-lib';
import type { Asset, CastMember } from '$lib/domain/types';
import { assertSignal } from '$lib/util/abort';
import { castKindName, mainPicture } from './cast';
import { embedPdfImage } from './images';
import {
	CAST_BASELINES,
	CAST_HEADING_SIZE,
	CAST_KIND_SIZE,
	CAST_NAME_SIZE,
	CAST_TEXT_SIZE,
	type CastCardLayout,
	type CastPageLayout
} from './pdf-cast-layout';
import { containRect, LINE_GAP, MARGIN, wrapText } from './pdf-layout';
import type { PdfText } from './pdf-text';

/** What a member without a picture shows in its box. */
export const NO_PICTURE = 'No picture';

/** The texts of the cast pages, for choosing and subsetting their fonts. */
export function castPageTexts(cast: readonly CastMember[]): string[] {
	if (cast.length === 0) return [];
	return [
		'Cast',
		NO_PICTURE,
		...cast.flatMap((member) => [member.name, castKindName(member.kind), member.description])
	];
}

/** Pages the cast takes: none without a cast, else as many as its members fill. */
export function castPageCount(members: number, perPage: number): number {
	return members === 0 ? 0 : Math.ceil(members / perPage);
}

/** The colours the cast page draws in. */
export interface CastColors {
	ink: Color;
	muted: Color;
	/** Behind a picture, and inside the box of a member without one. */
	box: Color;
}

/**
 * Draw the cast pages: each member in cast order with its main picture (or a labelled empty
 * box), name, kind and description; `addPage` makes a page with the sheet's header and footer.
 */
export async function drawCastPages(
	signal: AbortSignal | undefined,
	doc: PDFDocument,
	cast: readonly CastMember[],
	assets: ReadonlyMap<string, Asset>,
	text: PdfText,
	layout: CastPageLayout,
	addPage: () => PDFPage,
	colors: CastColors
): Promise<void> {
	let page: PDFPage | undefined;
	for (const [index, member] of cast.entries()) {
		assertSignal(signal);
		const slot = index % layout.perPage;
		if (slot === 0) {
			page = addPage();
			text.draw(page, 'Cast', {
				x: MARGIN,
				y: layout.headingY,
				size: CAST_HEADING_SIZE,
				color: colors.ink
			});
		}
		const card = layout.cards[slot]!;
		await drawPicture(doc, page!, mainPicture(member, assets), card, text, colors);
		drawMemberText(page!, member, card, layout.descriptionLines, text, colors);
	}
}

async function drawPicture(
	doc: PDFDocument,
	page: PDFPage,
	picture: Asset | undefined,
	{ picture: box }: CastCardLayout,
	text: PdfText,
	colors: CastColors
): Promise<void> {
	const image = picture ? await embedPdfImage(doc, picture.blob).catch(() => undefined) : undefined;
	if (image) {
		page.drawRectangle({ ...box, color: colors.box });
		page.drawImage(image, containRect(image.width, image.height, box));
		return;
	}
	page.drawRectangle({
		...box,
		color: colors.box,
		borderColor: colors.muted,
		borderWidth: 1,
		borderDashArray: [4, 3]
	});
	text.draw(page, NO_PICTURE, {
		x: box.x + (box.width - text.width(NO_PICTURE, CAST_TEXT_SIZE)) / 2,
		y: box.y + box.height / 2 - CAST_TEXT_SIZE / 3,
		size: CAST_TEXT_SIZE,
		color: colors.muted
	});
}

function drawMemberText(
	page: PDFPage,
	member: CastMember,
	card: CastCardLayout,
	descriptionLines: number,
	text: PdfText,
	{ ink, muted }: CastColors
): void {
	const fit = (value: string, size: number, lines: number) =>
		wrapText(text.prepare(value), card.textWidth, lines, (line) => text.width(line, size));
	const name = fit(member.name, CAST_NAME_SIZE, 1)[0] ?? '';
	const top = card.textTop;
	text.draw(page, name, {
		x: card.textX,
		y: top - CAST_BASELINES.name,
		size: CAST_NAME_SIZE,
		color: ink
	});
	text.draw(page, castKindName(member.kind), {
		x: card.textX,
		y: top - CAST_BASELINES.kind,
		size: CAST_KIND_SIZE,
		color: muted
	});
	let y = top - CAST_BASELINES.description;
	for (const line of fit(member.description, CAST_TEXT_SIZE, descriptionLines)) {
		text.draw(page, line, { x: card.textX, y, size: CAST_TEXT_SIZE, color: ink });
		y -= CAST_TEXT_SIZE * LINE_GAP;
	}
}
