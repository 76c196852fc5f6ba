/** Whether keyboard focus is in a place that edits text (where the browser's own undo belongs). */
export function isTextEditing(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	if (target instanceof HTMLTextAreaElement) return !target.readOnly;
	if (target instanceof HTMLInputElement) {
		return (
			!target.readOnly &&
			!['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(
				target.type
			)
		);
	}
	return false;
}

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z or Ctrl+Y: the keys of undo and redo. */
export function isUndoKey(event: KeyboardEvent): 'undo' | 'redo' | undefined {
	if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
	return undefined;
}
