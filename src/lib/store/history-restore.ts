import { emptyHistory, HistorySchema, type History, type HistoryStep } from '$lib/domain/history';
import { restorer, type Warn } from '$lib/domain/lenient';
import { STEP_RECORD_KINDS } from '$lib/domain/records';

const readHistory = restorer(HistorySchema);

/** Whether every whole record the step puts back belongs to the storyboard. */
function belongsTo(step: HistoryStep, projectId: string): boolean {
	return [step.before, step.after].every((side) =>
		STEP_RECORD_KINDS.map((kind) => side[kind]).every((records) =>
			Object.values(records ?? {}).every(
				(record) => record === null || !('projectId' in record) || record.projectId === projectId
			)
		)
	);
}

/**
 * A storyboard's history as saved, in the current shape (`HistorySchema`): steps that cannot be
 * read, or that would touch another storyboard, are dropped with a warning, and only the newest
 * HISTORY_LIMIT of each list are kept. Never throws.
 */
export function restoreHistory(raw: unknown, projectId: string, warn: Warn = () => {}): History {
	const history = readHistory(raw, warn) ?? emptyHistory();
	const own = (steps: HistoryStep[]) => {
		const kept = steps.filter((step) => belongsTo(step, projectId));
		const dropped = steps.length - kept.length;
		if (dropped > 0) {
			warn(
				`${dropped} undo ${dropped === 1 ? 'step' : 'steps'} that would change another storyboard ${dropped === 1 ? 'was' : 'were'} dropped.`
			);
		}
		return kept;
	};
	return { undo: own(history.undo), redo: own(history.redo) };
}
