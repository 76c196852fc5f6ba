import { clampDuration, createShot } from '$lib/domain/shot';
import {
	cleanTitle,
	DEFAULT_ASPECT_RATIO,
	ASPECT_RATIOS,
	DEFAULT_SHOT_COUNT
} from '$lib/domain/project';
import {
	SCHEMA_VERSION,
	type Asset,
	type AspectRatio,
	type Job,
	type JobItem,
	type LogEntry,
	type Project,
	type ProjectSource,
	type Shot,
	type Style,
	type Take,
	type VideoProbe
} from '$lib/domain/types';

/**
 * Restore functions turn whatever was saved (by this version, an older one, or a hand-edited
 * bundle) into the current shape: defaults filled, unknown fields kept, and a record too
 * broken to use reported through `warn` and dropped instead of thrown.
 */
export type Warn = (message: string) => void;

type Raw = Record<string, unknown>;

/** The longest text a field keeps (characters); longer text is cut, with a note. */
export const TEXT_LIMIT = 100_000;
/** How deep a field the format does not know may nest before it is dropped. */
export const EXTRA_DEPTH_LIMIT = 16;
/** The range of times a Date can hold (ms from 1970, either way). */
const TIME_LIMIT = 8.64e15;

/** How deep `value` nests, counted without recursion; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth + 1 > deepest) deepest = depth + 1;
		if (deepest > limit) return deepest;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/**
 * `raw` without the fields nested too deep to store (IndexedDB's copy of a value, like any
 * recursive reader, fails on thousands of levels). The fields the format knows are read again
 * on their own afterwards, so only unknown ones are lost.
 */
function keptFields(raw: Raw, warn: Warn): Raw {
	const kept: Raw = {};
	for (const [key, value] of Object.entries(raw)) {
		if (depthOf(value, EXTRA_DEPTH_LIMIT) > EXTRA_DEPTH_LIMIT) {
			warn(`A field “${key.slice(0, 40)}” nested too deep to keep was left out.`);
			continue;
		}
		kept[key] = value;
	}
	return kept;
}

function isRecord(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

/** Text of a field, cut at TEXT_LIMIT characters with a note through `warn`. */
function text(value: unknown, what: string, warn: Warn, fallback = ''): string {
	const full = str(value, fallback);
	if (full.length <= TEXT_LIMIT) return full;
	warn(`${what} was ${Math.round(full.length / 1000)} KB long and was cut to 100 KB.`);
	return full.slice(0, TEXT_LIMIT);
}

/** A time a Date can show, or `fallback`. */
function time(value: unknown, fallback: number): number {
	const t = num(value, fallback);
	return Math.abs(t) <= TIME_LIMIT ? t : fallback;
}

function optStr(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown, fallback: number): number {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

function optNum(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function id(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function restoreProbe(raw: unknown): VideoProbe | undefined {
	if (!isRecord(raw)) return undefined;
	return {
		durationS: num(raw.durationS, 0),
		width: num(raw.width, 0),
		height: num(raw.height, 0),
		fps: num(raw.fps, 0),
		codec: str(raw.codec),
		rotation: num(raw.rotation, 0),
		hasAudio: raw.hasAudio === true
	};
}

function restoreSource(raw: unknown, warn: Warn): ProjectSource {
	const source = isRecord(raw) ? keptFields(raw, warn) : {};
	const kind = source.kind === 'video' ? 'video' : 'idea';
	const restored: ProjectSource = { ...source, kind };
	const prompt = optStr(text(source.prompt, 'The premise', warn));
	if (prompt) restored.prompt = prompt;
	else delete restored.prompt;
	const videoAssetId = id(source.videoAssetId);
	if (videoAssetId) restored.videoAssetId = videoAssetId;
	else delete restored.videoAssetId;
	const probe = restoreProbe(source.probe);
	if (probe) restored.probe = probe;
	else delete restored.probe;
	return restored;
}

function restoreModels(raw: unknown): Record<string, string> {
	if (!isRecord(raw)) return {};
	return Object.fromEntries(
		Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
	);
}

/** A project record in the current shape, or null when it has no usable id. */
export function restoreProject(raw: unknown, warn: Warn = () => {}): Project | null {
	if (!isRecord(raw) || !id(raw.id)) {
		warn('A storyboard record without an id was skipped.');
		return null;
	}
	const now = Date.now();
	const createdAt = time(raw.createdAt, now);
	const aspect = ASPECT_RATIOS.includes(raw.aspectRatio as AspectRatio)
		? (raw.aspectRatio as AspectRatio)
		: DEFAULT_ASPECT_RATIO;
	const project: Project = {
		...keptFields(raw, warn),
		id: raw.id as string,
		title: cleanTitle(text(raw.title, 'The storyboard’s title', warn)),
		createdAt,
		updatedAt: time(raw.updatedAt, createdAt),
		source: restoreSource(raw.source, warn),
		context: text(raw.context, 'The context', warn),
		shotCount: Math.min(10, Math.max(3, Math.round(num(raw.shotCount, DEFAULT_SHOT_COUNT)))),
		aspectRatio: aspect,
		models: restoreModels(raw.models),
		costUsd: Math.max(0, num(raw.costUsd, 0)),
		revision: Math.max(0, Math.floor(num(raw.revision, 0))),
		schemaVersion: SCHEMA_VERSION
	};
	const deletedAt = optNum(raw.deletedAt) === undefined ? undefined : time(raw.deletedAt, now);
	if (deletedAt === undefined) delete project.deletedAt;
	else project.deletedAt = deletedAt;
	const cap = optNum(raw.spendingCapUsd);
	if (cap !== undefined && cap > 0) project.spendingCapUsd = cap;
	else delete project.spendingCapUsd;
	return project;
}

/** A shot record in the current shape, or null when it has no id or project. */
export function restoreShot(raw: unknown, warn: Warn = () => {}): Shot | null {
	if (!isRecord(raw) || !id(raw.id) || !id(raw.projectId)) {
		warn('A shot without an id or storyboard was skipped.');
		return null;
	}
	const base = createShot(raw.projectId as string, 0);
	const shot: Shot = {
		...keptFields(raw, warn),
		id: raw.id as string,
		projectId: raw.projectId as string,
		order: num(raw.order, 0),
		title: text(raw.title, 'A shot’s title', warn),
		description: text(raw.description, 'A shot’s description', warn),
		shotSize: text(raw.shotSize, 'A shot size', warn, base.shotSize),
		angle: text(raw.angle, 'A camera angle', warn, base.angle),
		movement: text(raw.movement, 'A camera movement', warn, base.movement),
		durationS: clampDuration(num(raw.durationS, base.durationS)),
		transition: raw.transition === 'dissolve' ? 'dissolve' : 'cut',
		notes: text(raw.notes, 'A shot’s notes', warn),
		revision: Math.max(0, Math.floor(num(raw.revision, 0))),
		schemaVersion: SCHEMA_VERSION
	};
	const sourceTimeS = optNum(raw.sourceTimeS);
	if (sourceTimeS === undefined) delete shot.sourceTimeS;
	else shot.sourceTimeS = sourceTimeS;
	const keyframe = id(raw.keyframeAssetId);
	if (keyframe) shot.keyframeAssetId = keyframe;
	else delete shot.keyframeAssetId;
	return shot;
}

/** A style record in the current shape, or null. */
export function restoreStyle(raw: unknown, warn: Warn = () => {}): Style | null {
	if (!isRecord(raw) || !id(raw.id) || !id(raw.projectId)) {
		warn('A style without an id or storyboard was skipped.');
		return null;
	}
	const style: Style = {
		...keptFields(raw, warn),
		id: raw.id as string,
		projectId: raw.projectId as string,
		name: text(raw.name, 'A style’s name', warn).trim() || 'Style',
		promptWords: text(raw.promptWords, 'A style’s words', warn),
		order: num(raw.order, 0),
		schemaVersion: SCHEMA_VERSION
	};
	const ref = id(raw.referenceAssetId);
	if (ref) style.referenceAssetId = ref;
	else delete style.referenceAssetId;
	return style;
}

/** A take record in the current shape, or null when it points at nothing. */
export function restoreTake(raw: unknown, warn: Warn = () => {}): Take | null {
	if (
		!isRecord(raw) ||
		!id(raw.id) ||
		!id(raw.projectId) ||
		!id(raw.shotId) ||
		!id(raw.imageAssetId)
	) {
		warn('A take without its shot or image was skipped.');
		return null;
	}
	const take: Take = {
		...keptFields(raw, warn),
		id: raw.id as string,
		projectId: raw.projectId as string,
		shotId: raw.shotId as string,
		styleId: str(raw.styleId),
		kind: raw.kind === 'video' && id(raw.videoAssetId) ? 'video' : 'image',
		imageAssetId: raw.imageAssetId as string,
		model: text(raw.model, 'A take’s model name', warn),
		prompt: text(raw.prompt, 'A take’s prompt', warn),
		costUsd: Math.max(0, num(raw.costUsd, 0)),
		createdAt: time(raw.createdAt, Date.now()),
		chosen: raw.chosen === true,
		schemaVersion: SCHEMA_VERSION
	};
	const upscaled = id(raw.upscaledAssetId);
	if (upscaled) take.upscaledAssetId = upscaled;
	else delete take.upscaledAssetId;
	if (take.kind === 'video') take.videoAssetId = raw.videoAssetId as string;
	else delete take.videoAssetId;
	const itemKey = str(raw.jobItemKey);
	if (itemKey) take.jobItemKey = itemKey;
	else delete take.jobItemKey;
	return take;
}

/** An asset record; the Blob itself must be present. */
export function restoreAsset(raw: unknown, warn: Warn = () => {}): Asset | null {
	if (!isRecord(raw) || !id(raw.id) || !(raw.blob instanceof Blob)) {
		warn('A stored file that could not be read was skipped.');
		return null;
	}
	const blob = raw.blob;
	const asset: Asset = {
		id: raw.id as string,
		projectId: str(raw.projectId),
		blob,
		mime: str(raw.mime) || blob.type || 'application/octet-stream',
		schemaVersion: SCHEMA_VERSION
	};
	const width = optNum(raw.width);
	const height = optNum(raw.height);
	if (width !== undefined) asset.width = width;
	if (height !== undefined) asset.height = height;
	return asset;
}

const JOB_ITEM_STATUSES = new Set(['queued', 'running', 'done', 'failed', 'cancelled']);
const JOB_STATES = new Set(['running', 'paused', 'done', 'cancelled']);

function restoreJobItem(raw: unknown): JobItem | null {
	if (!isRecord(raw) || !id(raw.key)) return null;
	const item: JobItem = {
		...raw,
		key: raw.key as string,
		status: JOB_ITEM_STATUSES.has(raw.status as string)
			? (raw.status as JobItem['status'])
			: 'queued',
		attempts: Math.max(0, Math.floor(num(raw.attempts, 0)))
	};
	const lastError = optStr(raw.lastError);
	if (lastError) item.lastError = lastError;
	else delete item.lastError;
	return item;
}

/** A job record; items that cannot be read are dropped. */
export function restoreJob(raw: unknown, warn: Warn = () => {}): Job | null {
	if (!isRecord(raw) || !id(raw.id) || !id(raw.projectId)) {
		warn('A job without an id or storyboard was skipped.');
		return null;
	}
	const rawItems = Array.isArray(raw.items) ? raw.items : [];
	const items = rawItems.map(restoreJobItem).filter((item): item is JobItem => item !== null);
	if (items.length < rawItems.length)
		warn(`${rawItems.length - items.length} job items were skipped.`);
	const job: Job = {
		...keptFields(raw, warn),
		id: raw.id as string,
		projectId: raw.projectId as string,
		kind: str(raw.kind, 'unknown'),
		items,
		createdAt: time(raw.createdAt, Date.now()),
		state: JOB_STATES.has(raw.state as string) ? (raw.state as Job['state']) : 'paused',
		schemaVersion: SCHEMA_VERSION
	};
	const pauseReason = optStr(raw.pauseReason);
	if (pauseReason && job.state === 'paused') job.pauseReason = pauseReason;
	else delete job.pauseReason;
	return job;
}

/** A log line; one without a message is dropped. */
export function restoreLog(raw: unknown): LogEntry | null {
	if (!isRecord(raw) || !id(raw.projectId) || typeof raw.message !== 'string') return null;
	const level = raw.level === 'warn' || raw.level === 'error' ? raw.level : 'info';
	const entry: LogEntry = {
		projectId: raw.projectId as string,
		time: time(raw.time, Date.now()),
		level,
		message: raw.message.slice(0, 2000),
		schemaVersion: SCHEMA_VERSION
	};
	const logId = optNum(raw.id);
	if (logId !== undefined) entry.id = logId;
	return entry;
}

/** Restore a list, dropping what cannot be used. */
export function restoreAll<T>(
	raws: readonly unknown[],
	restore: (raw: unknown, warn: Warn) => T | null,
	warn: Warn = () => {}
): T[] {
	const result: T[] = [];
	for (const raw of raws) {
		const restored = restore(raw, warn);
		if (restored !== null) result.push(restored);
	}
	return result;
}
