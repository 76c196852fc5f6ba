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

function isRecord(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
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

function restoreSource(raw: unknown): ProjectSource {
	const source = isRecord(raw) ? raw : {};
	const kind = source.kind === 'video' ? 'video' : 'idea';
	const restored: ProjectSource = { ...source, kind };
	const prompt = optStr(source.prompt);
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
	const createdAt = num(raw.createdAt, now);
	const aspect = ASPECT_RATIOS.includes(raw.aspectRatio as AspectRatio)
		? (raw.aspectRatio as AspectRatio)
		: DEFAULT_ASPECT_RATIO;
	const project: Project = {
		...raw,
		id: raw.id as string,
		title: cleanTitle(str(raw.title)),
		createdAt,
		updatedAt: num(raw.updatedAt, createdAt),
		source: restoreSource(raw.source),
		context: str(raw.context),
		shotCount: Math.min(10, Math.max(3, Math.round(num(raw.shotCount, DEFAULT_SHOT_COUNT)))),
		aspectRatio: aspect,
		models: restoreModels(raw.models),
		costUsd: Math.max(0, num(raw.costUsd, 0)),
		revision: Math.max(0, Math.floor(num(raw.revision, 0))),
		schemaVersion: SCHEMA_VERSION
	};
	const deletedAt = optNum(raw.deletedAt);
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
		...raw,
		id: raw.id as string,
		projectId: raw.projectId as string,
		order: num(raw.order, 0),
		title: str(raw.title),
		description: str(raw.description),
		shotSize: str(raw.shotSize, base.shotSize),
		angle: str(raw.angle, base.angle),
		movement: str(raw.movement, base.movement),
		durationS: clampDuration(num(raw.durationS, base.durationS)),
		transition: raw.transition === 'dissolve' ? 'dissolve' : 'cut',
		notes: str(raw.notes),
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
		...raw,
		id: raw.id as string,
		projectId: raw.projectId as string,
		name: str(raw.name).trim() || 'Style',
		promptWords: str(raw.promptWords),
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
		...raw,
		id: raw.id as string,
		projectId: raw.projectId as string,
		shotId: raw.shotId as string,
		styleId: str(raw.styleId),
		kind: raw.kind === 'video' && id(raw.videoAssetId) ? 'video' : 'image',
		imageAssetId: raw.imageAssetId as string,
		model: str(raw.model),
		prompt: str(raw.prompt),
		costUsd: Math.max(0, num(raw.costUsd, 0)),
		createdAt: num(raw.createdAt, Date.now()),
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
		...raw,
		id: raw.id as string,
		projectId: raw.projectId as string,
		kind: str(raw.kind, 'unknown'),
		items,
		createdAt: num(raw.createdAt, Date.now()),
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
		time: num(raw.time, Date.now()),
		level,
		message: raw.message,
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
