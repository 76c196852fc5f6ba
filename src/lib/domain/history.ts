import { z } from 'zod';
import { list, part } from './lenient';
import {
	HistoryStepSchema,
	PROJECT_VALUES,
	SHOT_VALUES,
	STEP_RECORD_KINDS,
	STYLE_VALUES,
	type SnapshotSchema
} from './records';
import { sameValue } from './same-value';

/** The most steps a storyboard's history keeps; the oldest go first. */
export const HISTORY_LIMIT = 100;
/**
 * The most text (characters of the saved steps) a history keeps: long scene descriptions
 * edited many times would otherwise make every saved step rewrite megabytes.
 */
export const HISTORY_TEXT_LIMIT = 4_000_000;
/** Typing in one field that rests no longer than this between keystrokes is one step. */
export const TYPING_PAUSE_MS = 1000;

/** Fields of a record as one side of a step saw them; `null` stands for a field that was unset. */
export type Fields = Record<string, unknown>;

/** What a step changed, as it was on one side (before or after): see `SnapshotSchema`. */
export type Snapshot = z.output<typeof SnapshotSchema>;

/** One undoable change of a storyboard. */
export type HistoryStep = z.output<typeof HistoryStepSchema>;

/** One list of a saved history: its newest HISTORY_LIMIT steps, unreadable ones dropped with a note. */
const savedSteps = z
	.array(z.unknown())
	.catch([])
	.transform((steps) => steps.slice(-HISTORY_LIMIT))
	.pipe(
		list(
			HistoryStepSchema,
			(dropped) =>
				`${dropped} undo ${dropped === 1 ? 'step' : 'steps'} that could not be read ${dropped === 1 ? 'was' : 'were'} dropped.`
		)
	);

/**
 * A storyboard's history record: steps to undo (newest last) and undone steps to redo (newest
 * last). The store adds `projectId` and `schemaVersion` when it saves one.
 */
export const HistorySchema = part({ undo: savedSteps, redo: savedSteps });

/** A storyboard's history: steps to undo and undone steps to redo, the newest last in each. */
export type History = z.output<typeof HistorySchema>;

export function emptyHistory(): History {
	return { undo: [], redo: [] };
}

/**
 * The history after a new step: typing into the field the last step typed into, without a
 * longer pause than TYPING_PAUSE_MS, extends that step; anything new clears what could be
 * redone; only the newest HISTORY_LIMIT steps are kept. A step that changes nothing is left out.
 */
export function recordStep(history: History, step: HistoryStep): History {
	const last = history.undo.at(-1);
	const merges =
		step.mergeKey !== undefined &&
		last?.mergeKey === step.mergeKey &&
		history.redo.length === 0 &&
		(step.startedAt ?? step.time) - last.time <= TYPING_PAUSE_MS;
	if (merges) {
		const merged: HistoryStep = {
			...last,
			time: step.time,
			before: mergeSnapshots(step.before, last.before),
			after: mergeSnapshots(last.after, step.after)
		};
		const rest = history.undo.slice(0, -1);
		// Typing that ends where it began (typed, then erased) leaves nothing to undo.
		return { undo: isNoChange(merged) ? rest : [...rest, merged], redo: [] };
	}
	if (isNoChange(step)) return history;
	return { undo: bounded([...history.undo, step]), redo: [] };
}

/** The newest steps within HISTORY_LIMIT and HISTORY_TEXT_LIMIT (the newest one always stays). */
export function bounded(steps: readonly HistoryStep[]): HistoryStep[] {
	const kept = steps.slice(-HISTORY_LIMIT);
	let size = 0;
	for (let i = kept.length - 1; i >= 0; i--) {
		size += JSON.stringify(kept[i]).length;
		if (size > HISTORY_TEXT_LIMIT && i < kept.length - 1) return kept.slice(i + 1);
	}
	return kept;
}

/** The history once its newest step was undone (as `undone`, with what the undo captured). */
export function afterUndo(history: History, undone: HistoryStep): History {
	return {
		undo: history.undo.slice(0, -1),
		redo: bounded([...history.redo, undone])
	};
}

/** The history once its newest undone step was done again. */
export function afterRedo(history: History, redone: HistoryStep): History {
	return {
		undo: bounded([...history.undo, redone]),
		redo: history.redo.slice(0, -1)
	};
}

/** `base` with `over`'s records laid on top (field by field where both sides hold fields). */
export function mergeSnapshots(base: Snapshot, over: Snapshot): Snapshot {
	const merged: Snapshot = { ...base };
	for (const kind of STEP_RECORD_KINDS) {
		const a = base[kind];
		const b = over[kind];
		if (!b) continue;
		const records: Record<string, Fields | null> = { ...a };
		for (const [id, fields] of Object.entries(b)) {
			const prior = records[id];
			records[id] = fields && prior ? { ...prior, ...fields } : fields;
		}
		merged[kind] = records;
	}
	if (over.takes) merged.takes = { ...base.takes, ...over.takes };
	if (over.project) merged.project = { ...base.project, ...over.project };
	return merged;
}

/** Whether a step's two sides are the same (nothing to undo). */
export function isNoChange(step: Pick<HistoryStep, 'before' | 'after'>): boolean {
	return JSON.stringify(canonical(step.before)) === JSON.stringify(canonical(step.after));
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value !== 'object' || value === null) return value ?? null;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, canonical((value as Record<string, unknown>)[key])])
	);
}

/** Shot fields a step records when a shot changes (the rest are bookkeeping). */
export const TRACKED_SHOT_FIELDS = Object.keys(SHOT_VALUES) as (keyof typeof SHOT_VALUES)[];

/** Style fields a step records. */
export const TRACKED_STYLE_FIELDS = Object.keys(STYLE_VALUES) as (keyof typeof STYLE_VALUES)[];

/** Project fields a step records. */
export const TRACKED_PROJECT_FIELDS = Object.keys(
	PROJECT_VALUES
) as (keyof typeof PROJECT_VALUES)[];

/**
 * The two sides of a change of records: a record only on one side is whole on that side and
 * `null` on the other; one on both sides gives the tracked fields that differ.
 */
export function diffRecords<T extends { id: string }>(
	before: readonly T[],
	after: readonly T[],
	fields: readonly string[]
): { before: Record<string, Fields | null>; after: Record<string, Fields | null> } {
	const sides = {
		before: {} as Record<string, Fields | null>,
		after: {} as Record<string, Fields | null>
	};
	const old = new Map(before.map((record) => [record.id, record]));
	const now = new Map(after.map((record) => [record.id, record]));
	for (const [id, record] of old) {
		const next = now.get(id);
		if (!next) {
			sides.before[id] = { ...record };
			sides.after[id] = null;
			continue;
		}
		const a: Fields = {};
		const b: Fields = {};
		for (const field of fields) {
			const was = (record as Record<string, unknown>)[field] ?? null;
			const is = (next as Record<string, unknown>)[field] ?? null;
			if (!sameValue(was, is)) {
				a[field] = was;
				b[field] = is;
			}
		}
		if (Object.keys(a).length > 0) {
			sides.before[id] = a;
			sides.after[id] = b;
		}
	}
	for (const [id, record] of now) {
		if (old.has(id)) continue;
		sides.before[id] = null;
		sides.after[id] = { ...record };
	}
	return sides;
}

/** "1 shot", "4 shots". */
export function countShots(count: number): string {
	return `${count} ${count === 1 ? 'shot' : 'shots'}`;
}
