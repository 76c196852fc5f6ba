/** A rectangle in viewport pixels, as `getBoundingClientRect` gives it. */
export interface Box {
	left: number;
	top: number;
	width: number;
	height: number;
}

/** Where a floating menu goes and how large it may grow (viewport pixels, for `position: fixed`). */
export interface Placement {
	left: number;
	top: number;
	maxWidth: number;
	maxHeight: number;
}

/** Which edge of the menu lines up with the same edge of its button, when it fits. */
export type MenuAlign = 'start' | 'end';

/** Space kept between a menu and the viewport's edges, and between a menu and its button. */
export const VIEWPORT_MARGIN = 8;
export const ANCHOR_GAP = 4;

/**
 * Place a menu by the button that opens it so that it lies wholly inside the viewport: under
 * the button (over it when there is more room above), one edge on the button's edge (the other
 * edge when the preferred one would leave the screen), else pushed inside the margins; never
 * wider or taller than the room there is (the menu scrolls inside then).
 */
export function placeMenu(
	anchor: Box,
	menu: { width: number; height: number },
	viewport: { width: number; height: number },
	align: MenuAlign = 'end'
): Placement {
	const maxWidth = Math.max(0, viewport.width - 2 * VIEWPORT_MARGIN);
	const width = Math.min(menu.width, maxWidth);
	const startLeft = anchor.left;
	const endLeft = anchor.left + anchor.width - width;
	const fits = (left: number) =>
		left >= VIEWPORT_MARGIN && left + width <= viewport.width - VIEWPORT_MARGIN;
	const [preferred, other] = align === 'end' ? [endLeft, startLeft] : [startLeft, endLeft];
	const left = fits(preferred)
		? preferred
		: fits(other)
			? other
			: clamp(preferred, VIEWPORT_MARGIN, viewport.width - VIEWPORT_MARGIN - width);

	const anchorBottom = anchor.top + anchor.height;
	const below = viewport.height - VIEWPORT_MARGIN - anchorBottom - ANCHOR_GAP;
	const above = anchor.top - ANCHOR_GAP - VIEWPORT_MARGIN;
	if (menu.height <= below || below >= above) {
		const maxHeight = Math.max(0, below);
		return { left, top: anchorBottom + ANCHOR_GAP, maxWidth, maxHeight };
	}
	const maxHeight = Math.max(0, above);
	return {
		left,
		top: anchor.top - ANCHOR_GAP - Math.min(menu.height, maxHeight),
		maxWidth,
		maxHeight
	};
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(value, max));
}
