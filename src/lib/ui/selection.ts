/**
 * Which frames of the board are selected, and the frame a Shift+click range starts from.
 * Pure and immutable, like a file manager's selection: a click picks one, Ctrl/Cmd+click
 * adds or takes away one, Shift+click picks the run from the anchor to the frame clicked.
 */
export interface Selection {
	ids: ReadonlySet<string>;
	anchor: string | undefined;
}

export const NO_SELECTION: Selection = { ids: new Set(), anchor: undefined };

/** Select one frame alone. */
export function selectOne(id: string): Selection {
	return { ids: new Set([id]), anchor: id };
}

/** Add a frame to the selection, or take it out; it becomes the anchor. */
export function toggleOne(selection: Selection, id: string): Selection {
	const ids = new Set(selection.ids);
	if (ids.has(id)) ids.delete(id);
	else ids.add(id);
	return { ids, anchor: id };
}

/** Select every frame from the anchor to `id` in board order (only `id` when there is no anchor). */
export function selectRange(selection: Selection, order: readonly string[], id: string): Selection {
	const from = selection.anchor === undefined ? -1 : order.indexOf(selection.anchor);
	const to = order.indexOf(id);
	if (from < 0 || to < 0) return selectOne(id);
	const [low, high] = from <= to ? [from, to] : [to, from];
	return { ids: new Set(order.slice(low, high + 1)), anchor: selection.anchor };
}

/** The selection without frames that no longer exist (deleted here or in another tab). */
export function keepExisting(selection: Selection, existing: ReadonlySet<string>): Selection {
	if ([...selection.ids].every((id) => existing.has(id))) return selection;
	const ids = new Set([...selection.ids].filter((id) => existing.has(id)));
	const anchor =
		selection.anchor !== undefined && existing.has(selection.anchor) ? selection.anchor : undefined;
	return { ids, anchor };
}

/** The selected ids in board order. */
export function inOrder(selection: Selection, order: readonly string[]): string[] {
	return order.filter((id) => selection.ids.has(id));
}
