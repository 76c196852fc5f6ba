import { emptyHistory, HISTORY_LIMIT, type History, type HistoryStep } from '$lib/domain/history';
import { isRecord, restorer, type Warn } from '$lib/domain/lenient';
import { HistoryStepSchema } from '$lib/domain/records';

const readStep = restorer(HistoryStepSchema);

/** Whether every whole record the step puts back belongs to the storyboard. */
function belongsTo(step: HistoryStep, projectId: string): boolean {
	return [step.before, step.after].every((side) =>
		[side.shots, side.styles].every((records) =>
			Object.values(records ?? {}).every(
				(record) => record === null || !('projectId' in record) || record.projectId === projectId
			)
		)
	);
}

/** One step, or null when it cannot be undone safely (also when it touches another storyboard). */
export function restoreStep(
	raw: unknown,
	projectId: string,
	warn: Warn = () => {}
): HistoryStep | null {
	const step = readStep(raw, warn);
	return step && belongsTo(step, projectId) ? step : null;
}

/**
 * A storyboard's history as saved, in the current shape: steps that cannot be read (or that
 * would touch another storyboard) are dropped with a warning, and only the newest
 * HISTORY_LIMIT of each list are kept. Never throws.
 */
export function restoreHistory(raw: unknown, projectId: string, warn: Warn = () => {}): History {
	if (!isRecord(raw)) return emptyHistory();
	const list = (value: unknown): HistoryStep[] => {
		const items = Array.isArray(value) ? value.slice(-HISTORY_LIMIT) : [];
		const steps: HistoryStep[] = [];
		for (const item of items) {
			const step = restoreStep(item, projectId, warn);
			if (step) steps.push(step);
			else warn('An undo step that could not be read was dropped.');
		}
		return steps;
	};
	return { undo: list(raw.undo), redo: list(raw.redo) };
}
