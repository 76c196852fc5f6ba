/**
 * The arithmetic of a windowed list: rows of different heights, only those near the view
 * mounted, the rest standing in as space. Heights are measured where rows were on screen and
 * estimated elsewhere, so the scrollbar stays about right without rendering every row.
 * Pure (no DOM), so it is tested on its own; `ShotList.svelte` does the measuring around it.
 */

/** Rows' rendered heights by row id, and the height assumed for a row not measured yet. */
export class RowHeights {
	#measured = new Map<string, number>();
	#sum = 0;
	readonly #fallback: number;

	/** `fallback` is the height assumed before any row was measured. */
	constructor(fallback: number) {
		this.#fallback = fallback;
	}

	/** Note a row's rendered height; returns whether it differs from what was known. */
	set(id: string, height: number): boolean {
		if (!Number.isFinite(height) || height < 0) return false;
		const known = this.#measured.get(id);
		if (known !== undefined && Math.abs(known - height) < 0.05) return false;
		this.#sum += height - (known ?? 0);
		this.#measured.set(id, height);
		return true;
	}

	/** The measured height of a row, if it was ever on screen. */
	get(id: string): number | undefined {
		return this.#measured.get(id);
	}

	/** How many rows were measured. */
	get measured(): number {
		return this.#measured.size;
	}

	/** The height assumed for a row not measured yet: the mean of the measured ones. */
	get estimate(): number {
		return this.#measured.size > 0 ? this.#sum / this.#measured.size : this.#fallback;
	}
}

/** Where each row starts: `offsets[i]` is row i's top, `offsets[ids.length]` the list's height. */
export interface RowLayout {
	ids: readonly string[];
	offsets: Float64Array;
}

/** Lay rows out one under another, each at its measured height or the estimate. */
export function layoutRows(ids: readonly string[], heights: RowHeights): RowLayout {
	const offsets = new Float64Array(ids.length + 1);
	const estimate = heights.estimate;
	for (let i = 0; i < ids.length; i++) {
		offsets[i + 1] = offsets[i]! + (heights.get(ids[i]!) ?? estimate);
	}
	return { ids, offsets };
}

/** The list's whole height. */
export function totalHeight(layout: RowLayout): number {
	return layout.offsets[layout.ids.length]!;
}

/** The index of the row that holds `y` (list coordinates), clamped to the rows there are; -1 for none. */
export function rowAt(layout: RowLayout, y: number): number {
	const count = layout.ids.length;
	if (count === 0) return -1;
	// The last row whose top is at or above y.
	let low = 0;
	let high = count - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (layout.offsets[middle]! <= y) low = middle;
		else high = middle - 1;
	}
	return low;
}

/** A run of rows to mount: `start` included, `end` not. */
export interface RowRange {
	start: number;
	end: number;
}

/**
 * The rows that meet the span from `top` to `bottom` (list coordinates: the view plus a
 * margin). A span wholly above or below the list still mounts the row nearest to it, so
 * there is always something to measure and to move focus to.
 */
export function rowsToMount(layout: RowLayout, top: number, bottom: number): RowRange {
	const count = layout.ids.length;
	if (count === 0) return { start: 0, end: 0 };
	const start = rowAt(layout, top);
	const last = rowAt(layout, Math.max(top, bottom));
	// A row that ends exactly at `bottom`'s row top is not needed, but one row always is.
	const end = layout.offsets[last]! < bottom || last === start ? last + 1 : last;
	return { start, end: Math.max(end, start + 1) };
}

/**
 * Where the view's top must move when the rows are laid out again (a row measured, the
 * estimate changed, rows added or gone), so what the person sees stays put: the row at the
 * top of the view, or, when the list's end is in view (`viewBottom` at or past it), the end,
 * so a view scrolled to the end stays there as the last rows are measured. Coordinates are
 * the list's; a view at or above the list's top has nothing above it that could move it.
 */
export function keepAnchor(
	before: RowLayout,
	after: RowLayout,
	viewTop: number,
	viewBottom = viewTop
): number {
	if (viewTop <= 0) return viewTop;
	if (viewBottom >= totalHeight(before) && before.ids.length > 0) {
		return viewTop + totalHeight(after) - totalHeight(before);
	}
	const index = rowAt(before, viewTop);
	if (index < 0) return viewTop;
	const id = before.ids[index]!;
	// Usually the same index; look further only when rows moved.
	const moved = after.ids[index] === id ? index : after.ids.indexOf(id);
	if (moved < 0) return viewTop;
	return after.offsets[moved]! + (viewTop - before.offsets[index]!);
}
