import {
	emptyHistory,
	HISTORY_LIMIT,
	type Fields,
	type History,
	type HistoryStep,
	type Snapshot
} from '$lib/domain/history';
import { clampDuration } from '$lib/domain/shot';
import { cleanTitle } from '$lib/domain/project';
import { restoreShot, restoreStyle, TEXT_LIMIT, type Warn } from './restore';

type Raw = Record<string, unknown>;
/** How one tracked field is read back: its value, `null` for unset, or undefined when unusable. */
type FieldReader = (value: unknown) => unknown;

const text: FieldReader = (value) =>
	typeof value === 'string' ? value.slice(0, TEXT_LIMIT) : undefined;
const optText: FieldReader = (value) => (value === null ? null : text(value));
const finite: FieldReader = (value) =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const optFinite: FieldReader = (value) => (value === null ? null : finite(value));

const SHOT_FIELDS: Record<string, FieldReader> = {
	order: finite,
	title: text,
	description: text,
	shotSize: text,
	angle: text,
	movement: text,
	durationS: (value) => (typeof value === 'number' ? clampDuration(value) : undefined),
	transition: (value) => (value === 'cut' || value === 'dissolve' ? value : undefined),
	notes: text,
	sourceTimeS: optFinite,
	keyframeAssetId: optText
};
const STYLE_FIELDS: Record<string, FieldReader> = {
	name: text,
	promptWords: text,
	referenceAssetId: optText,
	keyPool: optText
};
const PROJECT_FIELDS: Record<string, FieldReader> = {
	title: (value) => (typeof value === 'string' ? cleanTitle(value) : undefined),
	context: text
};

function isRecord(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
			const step = restoreStep(item, projectId);
			if (step) steps.push(step);
			else warn('An undo step that could not be read was dropped.');
		}
		return steps;
	};
	return { undo: list(raw.undo), redo: list(raw.redo) };
}

/** One step, or null when it cannot be undone safely. */
export function restoreStep(raw: unknown, projectId: string): HistoryStep | null {
	if (!isRecord(raw) || typeof raw.id !== 'string' || !raw.id) return null;
	if (typeof raw.label !== 'string' || !raw.label.trim()) return null;
	const time = finite(raw.time);
	if (typeof time !== 'number') return null;
	const sides = restoreSides(raw.before, raw.after, projectId);
	if (!sides) return null;
	const step: HistoryStep = { id: raw.id, label: raw.label.slice(0, 200), time, ...sides };
	const startedAt = finite(raw.startedAt);
	if (typeof startedAt === 'number') step.startedAt = startedAt;
	if (typeof raw.mergeKey === 'string') step.mergeKey = raw.mergeKey;
	return step;
}

function restoreSides(
	rawBefore: unknown,
	rawAfter: unknown,
	projectId: string
): { before: Snapshot; after: Snapshot } | null {
	if (!isRecord(rawBefore) || !isRecord(rawAfter)) return null;
	const before: Snapshot = {};
	const after: Snapshot = {};
	let broken = false;
	for (const kind of ['shots', 'styles'] as const) {
		const a = rawBefore[kind];
		const b = rawAfter[kind];
		if (a === undefined && b === undefined) continue;
		if (!isRecord(a) || !isRecord(b)) return null;
		const restoreWhole = kind === 'shots' ? restoreShot : restoreStyle;
		const readers = kind === 'shots' ? SHOT_FIELDS : STYLE_FIELDS;
		const sideA: Record<string, Fields | null> = {};
		const sideB: Record<string, Fields | null> = {};
		for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
			const pair = restorePair(a[id], b[id], id, projectId, restoreWhole, readers);
			if (!pair) {
				broken = true;
				break;
			}
			if (pair === 'empty') continue;
			sideA[id] = pair[0];
			sideB[id] = pair[1];
		}
		if (broken) return null;
		before[kind] = sideA;
		after[kind] = sideB;
	}
	if (rawBefore.takes !== undefined || rawAfter.takes !== undefined) {
		const a = restoreTakeFlags(rawBefore.takes);
		const b = restoreTakeFlags(rawAfter.takes);
		if (!a || !b) return null;
		before.takes = a;
		after.takes = b;
	}
	if (rawBefore.project !== undefined || rawAfter.project !== undefined) {
		const pair = restorePartial(rawBefore.project, rawAfter.project, PROJECT_FIELDS);
		if (!pair) return null;
		if (pair !== 'empty') [before.project, after.project] = pair;
	}
	const empty = (side: Snapshot) =>
		Object.values(side).every((records) => !records || Object.keys(records).length === 0);
	return empty(before) && empty(after) ? null : { before, after };
}

/** One record's two sides: whole against null, or the same fields on both. */
function restorePair(
	a: unknown,
	b: unknown,
	id: string,
	projectId: string,
	restoreWhole: (raw: unknown) => { id: string; projectId: string } | null,
	readers: Record<string, FieldReader>
): [Fields | null, Fields | null] | 'empty' | null {
	if (a === null || b === null) {
		const whole = a === null ? b : a;
		const record = restoreWhole(whole);
		if (!record || record.id !== id || record.projectId !== projectId) return null;
		return a === null ? [null, record] : [record, null];
	}
	return restorePartial(a, b, readers);
}

function restorePartial(
	a: unknown,
	b: unknown,
	readers: Record<string, FieldReader>
): [Fields, Fields] | 'empty' | null {
	if (!isRecord(a) || !isRecord(b)) return null;
	const sideA: Fields = {};
	const sideB: Fields = {};
	for (const [field, read] of Object.entries(readers)) {
		if (!(field in a) && !(field in b)) continue;
		const valueA = read(a[field] ?? null);
		const valueB = read(b[field] ?? null);
		if (valueA === undefined || valueB === undefined) return null;
		sideA[field] = valueA;
		sideB[field] = valueB;
	}
	return Object.keys(sideA).length === 0 ? 'empty' : [sideA, sideB];
}

function restoreTakeFlags(raw: unknown): Record<string, { chosen: boolean }> | null {
	if (raw === undefined) return {};
	if (!isRecord(raw)) return null;
	const flags: Record<string, { chosen: boolean }> = {};
	for (const [id, value] of Object.entries(raw)) {
		if (!isRecord(value) || typeof value.chosen !== 'boolean') return null;
		flags[id] = { chosen: value.chosen };
	}
	return flags;
}
