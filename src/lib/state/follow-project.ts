import { onOtherTabChange } from '$lib/store/changes';
import type { Snapshot } from '$lib/domain/history';
import type { NewStep } from './project.svelte';

/** Where a board records its undo steps and hears of undo and redo (the open storyboard). */
export interface StepRecorder {
	recordStep(step: NewStep): Promise<string | undefined>;
	onHistoryMove(listener: () => void): () => void;
	/** Fold a change into the step of the action running now; false when none runs. */
	includeInStep?(before: Snapshot, after: Snapshot): boolean;
}

/**
 * Call `refresh` whenever the storyboard's records may have changed under a board: an undo or
 * redo here, or a write in another tab. Returns the function that stops listening.
 */
export function followProject(
	projectId: string,
	history: StepRecorder | undefined,
	refresh: () => void
): () => void {
	const stopHistory = history?.onHistoryMove(refresh);
	const stopListening = onOtherTabChange((change) => {
		if (change.scope === 'project' && change.projectId === projectId) refresh();
	});
	return () => {
		stopHistory?.();
		stopListening();
	};
}
