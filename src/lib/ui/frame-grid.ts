/**
 * The arithmetic of the board's grid of frames: how wide a frame may get for the
 * storyboard's shape, which rows to mount on a long board, and where a dragged frame lands.
 * Pure (no DOM), so it is tested on its own; `ShotBoard.svelte` measures around it.
 */

/** Width over height of an aspect ratio written "16:9" or "2.39:1"; 16:9 for anything else. */
export function aspectValue(aspectRatio: string): number {
	const [width, height] = aspectRatio.split(':').map(Number);
	return width! > 0 && height! > 0 ? width! / height! : 16 / 9;
}

/**
 * The narrowest a frame may be before the grid drops a column: wide frames need more width
 * to read, tall ones less, so a 1,160 px board holds 4 frames of 16:9 and 6 of 9:16.
 */
export function frameMinWidth(aspectRatio: string): number {
	const ratio = aspectValue(aspectRatio);
	if (ratio >= 2) return 280;
	if (ratio >= 1.5) return 240;
	if (ratio >= 1.2) return 220;
	if (ratio >= 0.9) return 200;
	if (ratio >= 0.7) return 180;
	return 160;
}

/** The frames to mount and the space standing in for the rows above and below them. */
export interface GridWindow {
	start: number;
	end: number;
	spaceAbove: number;
	spaceBelow: number;
}

/**
 * Mount only the rows of frames between `top` and `bottom` (grid coordinates), whole rows,
 * when every row is `rowHeight` tall (gap included): frames are all one height on the board.
 */
export function gridWindow(
	count: number,
	columns: number,
	rowHeight: number,
	top: number,
	bottom: number
): GridWindow {
	const cols = Math.max(1, Math.floor(columns));
	const rows = Math.ceil(count / cols);
	if (rows === 0 || !(rowHeight > 0)) return { start: 0, end: count, spaceAbove: 0, spaceBelow: 0 };
	const firstRow = Math.min(rows - 1, Math.max(0, Math.floor(top / rowHeight)));
	const lastRow = Math.min(rows - 1, Math.max(firstRow, Math.ceil(bottom / rowHeight) - 1));
	return {
		start: firstRow * cols,
		end: Math.min(count, (lastRow + 1) * cols),
		spaceAbove: firstRow * rowHeight,
		spaceBelow: (rows - 1 - lastRow) * rowHeight
	};
}

/**
 * The position a frame dragged from `from` ends at when dropped before or after the frame
 * at `over` (positions before the move), as `moveItem` counts it.
 */
export function dropPosition(from: number, over: number, side: 'before' | 'after'): number {
	const gap = side === 'before' ? over : over + 1;
	return gap > from ? gap - 1 : gap;
}

/** The position one step away for an arrow key: ←/→ one frame, ↑/↓ one row; undefined for other keys. */
export function arrowTarget(
	key: string,
	index: number,
	columns: number,
	count: number
): number | undefined {
	const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns }[key];
	if (step === undefined) return undefined;
	return Math.max(0, Math.min(count - 1, index + step));
}
