import { z } from 'zod';
import {
	always,
	amount,
	count,
	filled,
	id,
	list,
	note,
	num,
	optional,
	part,
	record,
	text,
	time,
	TIME_LIMIT
} from './lenient';
import {
	ASPECT_RATIOS,
	clampDuration,
	cleanTitle,
	DEFAULT_ASPECT_RATIO,
	DEFAULT_SHOT_COUNT,
	CAST_KINDS,
	DEFAULT_TITLE,
	firstBeatId,
	MAX_CAST_PICTURES,
	MAX_BEATS,
	PROJECT_KINDS,
	SCHEMA_VERSION,
	SHOT_DEFAULTS,
	SHOT_VIEWS,
	TRANSITIONS
} from './values';

/**
 * One zod schema per record Maestro keeps in IndexedDB and in bundles. The record types
 * (`types.ts`) are their outputs and the `restore` functions (`store/restore.ts`) their lenient
 * reading: defaults filled, out-of-range values repaired, text cut with a note, unknown fields
 * kept; a record without what identifies it is refused.
 */

const now = () => Date.now();
/** A time beyond what a Date holds becomes now. */
const timeOrNow = z.number().transform((t) => (Math.abs(t) <= TIME_LIMIT ? t : Date.now()));
const version = always(SCHEMA_VERSION);
/** `true`, and anything else `false`. */
const flag = z.unknown().transform((value) => value === true);

export const TransitionSchema = z.enum(TRANSITIONS);
export const AspectRatioSchema = z.enum(ASPECT_RATIOS);
export const ProjectKindSchema = z.enum(PROJECT_KINDS);

export const VideoProbeSchema = z.object({
	durationS: num.catch(0),
	width: num.catch(0),
	height: num.catch(0),
	fps: num.catch(0),
	codec: z.string().catch(''),
	rotation: num.catch(0),
	hasAudio: flag
});

export const ProjectSourceSchema = record({
	kind: ProjectKindSchema.catch('idea'),
	/** The premise typed by the person, for an idea. */
	prompt: optional(text('The premise').pipe(filled)),
	/** The clip, for a video project, once it has been added. */
	videoAssetId: optional(id),
	probe: optional(VideoProbeSchema)
});

export const SavedFrameSchema = part({
	assetId: z.string(),
	timeS: z.number(),
	role: z.enum(['context', 'middle', 'keyframe']).catch('context')
});

export const SavedCutShotSchema = part({
	startS: z.number(),
	endS: optional(z.number()),
	keyframeS: optional(z.number()),
	keyframeAssetId: z.string()
}).transform(({ startS, endS, keyframeS, keyframeAssetId }) => ({
	startS,
	endS: endS ?? startS,
	keyframeS: keyframeS ?? startS,
	keyframeAssetId
}));

/** What the local video pass found, kept on the project. */
export const VideoIntakeSchema = part({
	frames: list(SavedFrameSchema),
	cutsS: optional(
		z.array(z.unknown()).transform((cuts) => cuts.filter(Number.isFinite) as number[])
	),
	shots: optional(list(SavedCutShotSchema)),
	/** When the clip was deleted to save space (its frames and cuts stay). */
	clipRemovedAt: optional(z.number()),
	/** The clip was too large for the browser's storage, so only its frames and cuts are kept. */
	clipNotStored: optional(z.literal(true))
});

/** The project fields an undo step may set, read as the record reads them. */
export const PROJECT_VALUES = {
	title: text('The storyboard’s title').transform(cleanTitle),
	context: text('The context')
};

export const ProjectSchema = record({
	id,
	title: PROJECT_VALUES.title.catch(DEFAULT_TITLE),
	createdAt: time.catch(now),
	/** Filled with `createdAt` when missing. */
	updatedAt: optional(time),
	source: ProjectSourceSchema.catch(() => ({ kind: 'idea' as const })),
	context: PROJECT_VALUES.context.catch(''),
	shotCount: num
		.transform((n) => Math.min(10, Math.max(3, Math.round(n))))
		.catch(DEFAULT_SHOT_COUNT),
	aspectRatio: AspectRatioSchema.catch(DEFAULT_ASPECT_RATIO),
	models: z
		.record(z.string(), z.unknown())
		.catch({})
		.transform(
			(models) =>
				Object.fromEntries(
					Object.entries(models).filter((entry) => typeof entry[1] === 'string')
				) as Record<string, string>
		),
	costUsd: amount.catch(0),
	/** Rendering pauses before the project's cost would pass this (USD); none when unset. */
	spendingCapUsd: optional(z.number().positive()),
	/** The view the workspace opens on ("board" when unset); remembered per storyboard. */
	shotView: optional(z.enum(SHOT_VIEWS)),
	/** Set when the person deletes it; purged once the undo window has passed. */
	deletedAt: optional(timeOrNow),
	/** Raised on every write, so another tab can tell its copy is stale. */
	revision: count.catch(0),
	videoIntake: optional(VideoIntakeSchema),
	schemaVersion: version
}).transform((project) => {
	project.updatedAt ??= project.createdAt;
	return project as typeof project & { updatedAt: number };
});

/**
 * One spoken line of a shot. A line given as bare text (a hand-edited bundle, a model without
 * structured outputs) is read as a line with no speaker.
 */
export const DialogueLineSchema = z.preprocess(
	(value) => (typeof value === 'string' ? { line: value } : value),
	part({
		speaker: text('A speaker’s name').catch(''),
		line: text('A line of dialogue')
	})
);

/** A list of cast member ids: strings, not blank, each once, in the order given. */
function memberIds(ids: readonly unknown[]): string[] {
	const kept = ids.filter((id): id is string => typeof id === 'string' && id.trim() !== '');
	return [...new Set(kept)];
}

/**
 * One panel of a shot: a moment of its action, with its own camera note and, when set, its
 * part of the shot's duration (0–1; beats without one share what is left equally).
 */
export const BeatSchema = part({
	id,
	action: text('A beat’s action').catch(''),
	camera: text('A beat’s camera note').catch(''),
	share: optional(num.refine((share) => share > 0 && share <= 1)),
	/** Who and what of the cast appears in this beat, when it differs from the shot (member ids). */
	cast: optional(z.array(z.string()).transform(memberIds)),
	/** Where the beat's moment is in the source clip, when the analysis found it there. */
	sourceTimeS: optional(z.number()),
	keyframeAssetId: optional(id)
});

/** The beats of a shot as stored: ids unique, at most MAX_BEATS; `fix` leaves an empty list empty. */
const beatList = list(BeatSchema, (dropped) =>
	dropped === 1
		? 'A beat was unreadable and was left out.'
		: `${dropped} beats were unreadable and were left out.`
).transform((beats) => {
	const seen = new Set<string>();
	const kept = beats.filter((beat) => !seen.has(beat.id) && Boolean(seen.add(beat.id)));
	if (kept.length > MAX_BEATS)
		note(`A shot had ${kept.length} beats; the first ${MAX_BEATS} were kept.`);
	return kept.slice(0, MAX_BEATS);
});

/** The shot fields an undo step may set, read as the record reads them. */
export const SHOT_VALUES = {
	order: num,
	title: text('A shot’s title'),
	description: text('A shot’s description'),
	shotSize: text('A shot size'),
	angle: text('A camera angle'),
	movement: text('A camera movement'),
	durationS: num.transform(clampDuration),
	transition: TransitionSchema,
	notes: text('A shot’s notes'),
	/** What is said in the shot, line by line, in order. */
	dialogue: list(DialogueLineSchema, (dropped) =>
		dropped === 1
			? 'A line of dialogue was unreadable and was left out.'
			: `${dropped} lines of dialogue were unreadable and were left out.`
	),
	/** Sound effects and music notes. */
	sound: text('A shot’s sound notes'),
	/** The shot's panels, in order; a shot always has at least one. */
	beats: beatList,
	/** Who and what of the cast appears in the shot (member ids), in the order they matter. */
	cast: z.array(z.unknown()).transform(memberIds),
	/** Where the shot starts in the source clip, when it comes from one. */
	sourceTimeS: z.number(),
	keyframeAssetId: id
};

export const ShotSchema = record({
	id,
	projectId: id,
	order: SHOT_VALUES.order.catch(0),
	title: SHOT_VALUES.title.catch(''),
	description: SHOT_VALUES.description.catch(''),
	shotSize: SHOT_VALUES.shotSize.catch(SHOT_DEFAULTS.shotSize),
	angle: SHOT_VALUES.angle.catch(SHOT_DEFAULTS.angle),
	movement: SHOT_VALUES.movement.catch(SHOT_DEFAULTS.movement),
	durationS: SHOT_VALUES.durationS.catch(SHOT_DEFAULTS.durationS),
	transition: SHOT_VALUES.transition.catch(SHOT_DEFAULTS.transition),
	notes: SHOT_VALUES.notes.catch(''),
	dialogue: SHOT_VALUES.dialogue,
	sound: SHOT_VALUES.sound.catch(''),
	beats: SHOT_VALUES.beats,
	cast: SHOT_VALUES.cast.catch([]),
	sourceTimeS: optional(SHOT_VALUES.sourceTimeS),
	keyframeAssetId: optional(SHOT_VALUES.keyframeAssetId),
	revision: count.catch(0),
	schemaVersion: version
}).transform((shot) => {
	// A shot saved before beats existed is one beat, with the id its takes are read with.
	if (shot.beats.length === 0) shot.beats = [{ id: firstBeatId(shot.id), action: '', camera: '' }];
	return shot;
});

/** The style fields an undo step may set, read as the record reads them. */
export const STYLE_VALUES = {
	name: text('A style’s name'),
	promptWords: text('A style’s words'),
	referenceAssetId: id,
	/** The named key pool its renders use; the default keys when unset. */
	keyPool: filled
};

export const StyleSchema = record({
	id,
	projectId: id,
	name: STYLE_VALUES.name.transform((name) => name.trim() || 'Style').catch('Style'),
	referenceAssetId: optional(STYLE_VALUES.referenceAssetId),
	promptWords: STYLE_VALUES.promptWords.catch(''),
	keyPool: optional(STYLE_VALUES.keyPool),
	order: num.catch(0),
	schemaVersion: version
});

/** The cast member fields an undo step may set, read as the record reads them. */
export const CAST_VALUES = {
	name: text('A cast member’s name'),
	kind: z.enum(CAST_KINDS),
	description: text('A cast member’s description'),
	/** Their pictures, main first (uploaded or designed), at most MAX_CAST_PICTURES. */
	referenceAssetIds: z
		.array(z.unknown())
		.transform((ids) => memberIds(ids).slice(0, MAX_CAST_PICTURES))
};

/** A character, prop or location that appears in several shots and should look the same in each. */
export const CastMemberSchema = record({
	id,
	projectId: id,
	name: CAST_VALUES.name.transform((name) => name.trim() || 'Unnamed').catch('Unnamed'),
	kind: CAST_VALUES.kind.catch('character'),
	description: CAST_VALUES.description.catch(''),
	referenceAssetIds: CAST_VALUES.referenceAssetIds.catch([]),
	order: num.catch(0),
	schemaVersion: version
});

export const TakeSchema = record({
	id,
	projectId: id,
	shotId: id,
	/** The beat it shows; a take saved before beats existed shows its shot's first beat. */
	beatId: optional(id),
	styleId: z.string().catch(''),
	/** An image take is a rendered still; a video take is an animated clip of a still. */
	kind: z.enum(['image', 'video']).catch('image'),
	/** The still: the rendered image, or for a video take the frame it started from. */
	imageAssetId: id,
	upscaledAssetId: optional(id),
	/** The clip, for a video take (one without its clip is read as an image take). */
	videoAssetId: optional(id),
	/** A video take made on this device (pan and zoom over the still), not by a video model. */
	local: optional(z.boolean()),
	/** The render job item that made it, so a resumed job never asks for it again. */
	jobItemKey: optional(filled),
	model: text('A take’s model name').catch(''),
	prompt: text('A take’s prompt').catch(''),
	costUsd: amount.catch(0),
	createdAt: time.catch(now),
	chosen: flag,
	schemaVersion: version
}).transform((take) => {
	const beatId = take.beatId ?? firstBeatId(take.shotId);
	if (take.kind === 'video' && take.videoAssetId === undefined) take.kind = 'image';
	if (take.kind === 'image') delete take.videoAssetId;
	return { ...take, beatId };
});

export const AssetSchema = part({
	id,
	projectId: z.string().catch(''),
	blob: z.instanceof(Blob),
	mime: z.string().catch(''),
	width: optional(z.number()),
	height: optional(z.number()),
	schemaVersion: version
}).transform((asset) => {
	asset.mime ||= asset.blob.type || 'application/octet-stream';
	return asset;
});

export const JobItemSchema = record({
	key: id,
	status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']).catch('queued'),
	attempts: count.catch(0),
	lastError: optional(filled)
});

export const JobSchema = record({
	id,
	projectId: id,
	kind: z.string().catch('unknown'),
	items: list(JobItemSchema, (dropped) => `${dropped} job items were skipped.`),
	createdAt: time.catch(now),
	state: z.enum(['running', 'paused', 'done', 'cancelled']).catch('paused'),
	/** Why a paused job stopped (a spending cap, a failed save), shown next to "Resume". */
	pauseReason: optional(filled),
	schemaVersion: version
}).transform((job) => {
	if (job.state !== 'paused') delete job.pauseReason;
	return job;
});

export const LogEntrySchema = part({
	id: optional(z.number()),
	projectId: id,
	time: time.catch(now),
	level: z.enum(['info', 'warn', 'error']).catch('info'),
	message: z.string().transform((message) => message.slice(0, 2000)),
	schemaVersion: version
});

/** Fields of a record as one side of an undo step saw them; `null` stands for an unset field. */
const FieldsSchema = z.record(z.string(), z.unknown());
type Fields = z.output<typeof FieldsSchema>;
const SideRecordsSchema = z.record(z.string(), FieldsSchema.nullable());

/**
 * What an undo step changed, as it was on one side (before or after). A record that is `null`
 * did not exist on this side; its other side then holds the whole record, to put back.
 * Otherwise each side holds only the fields the step changed.
 */
export const SnapshotSchema = z.object({
	shots: SideRecordsSchema.optional(),
	styles: SideRecordsSchema.optional(),
	cast: SideRecordsSchema.optional(),
	/** Which takes were chosen. Takes themselves (paid renders and clips) are never removed. */
	takes: z.record(z.string(), z.object({ chosen: z.boolean() })).optional(),
	project: FieldsSchema.optional()
});
type Snapshot = z.output<typeof SnapshotSchema>;

/** The fields a step may set on a record: the record's own values, `null` for unset ones. */
function stepFields(values: Record<string, z.ZodType>, unsettable: readonly string[] = []) {
	const shape = Object.fromEntries(
		Object.entries(values).map(([key, value]) => [
			key,
			unsettable.includes(key) ? value.nullable() : value
		])
	);
	return { keys: Object.keys(shape), schema: z.object(shape).partial() };
}

const SHOT_STEP = stepFields(SHOT_VALUES, ['sourceTimeS', 'keyframeAssetId']);
const STYLE_STEP = stepFields(STYLE_VALUES, ['referenceAssetId', 'keyPool']);
const CAST_STEP = stepFields(CAST_VALUES);
const PROJECT_STEP = stepFields(PROJECT_VALUES);

/** The kinds of record a step may hold whole or by field, with how each is read. */
export const STEP_RECORD_KINDS = ['shots', 'styles', 'cast'] as const;
const STEP_READERS = {
	shots: { whole: ShotSchema, step: SHOT_STEP },
	styles: { whole: StyleSchema, step: STYLE_STEP },
	cast: { whole: CastMemberSchema, step: CAST_STEP }
} as const;

/** The same fields read on both sides, 'empty' when the step sets none, null when one is unreadable. */
function pairFields(
	a: Fields | null | undefined,
	b: Fields | null | undefined,
	step: ReturnType<typeof stepFields>
): [Fields, Fields] | 'empty' | null {
	if (!a || !b) return null;
	const keys = step.keys.filter((key) => key in a || key in b);
	if (keys.length === 0) return 'empty';
	const side = (fields: Fields) =>
		Object.fromEntries(keys.map((key) => [key, fields[key] ?? null]));
	const readA = step.schema.safeParse(side(a));
	const readB = step.schema.safeParse(side(b));
	return readA.success && readB.success ? [readA.data, readB.data] : null;
}

/** One record's two sides: whole against null, or the same fields on both. */
function pairRecord(
	a: Fields | null | undefined,
	b: Fields | null | undefined,
	id: string,
	whole: z.ZodType<{ id: string }>,
	step: ReturnType<typeof stepFields>
): [Fields | null, Fields | null] | 'empty' | null {
	if (a !== null && b !== null) return pairFields(a, b, step);
	const read = whole.safeParse(a === null ? b : a);
	if (!read.success || read.data.id !== id) return null;
	return a === null ? [null, read.data] : [read.data, null];
}

/** A step's two sides read together, or null when they do not make a step that can be undone. */
function pairSides(a: Snapshot, b: Snapshot): { before: Snapshot; after: Snapshot } | null {
	const before: Snapshot = {};
	const after: Snapshot = {};
	for (const kind of STEP_RECORD_KINDS) {
		const sideA = a[kind];
		const sideB = b[kind];
		if (sideA === undefined && sideB === undefined) continue;
		if (!sideA || !sideB) return null;
		const pairedA: Record<string, Fields | null> = {};
		const pairedB: Record<string, Fields | null> = {};
		for (const id of new Set([...Object.keys(sideA), ...Object.keys(sideB)])) {
			const { whole, step } = STEP_READERS[kind];
			const pair = pairRecord(sideA[id], sideB[id], id, whole, step);
			if (!pair) return null;
			if (pair === 'empty') continue;
			[pairedA[id], pairedB[id]] = pair;
		}
		before[kind] = pairedA;
		after[kind] = pairedB;
	}
	if (a.takes !== undefined || b.takes !== undefined) {
		before.takes = a.takes ?? {};
		after.takes = b.takes ?? {};
	}
	if (a.project !== undefined || b.project !== undefined) {
		const pair = pairFields(a.project, b.project, PROJECT_STEP);
		if (!pair) return null;
		if (pair !== 'empty') [before.project, after.project] = pair;
	}
	const empty = (side: Snapshot) =>
		Object.values(side).every((records) => !records || Object.keys(records).length === 0);
	return empty(before) && empty(after) ? null : { before, after };
}

/** One undoable change of a storyboard; a step whose sides do not pair up is refused. */
export const HistoryStepSchema = part({
	id: filled,
	/** What the step did, in words that follow "Undo" or "Redo" ("delete shot 3"). */
	label: z
		.string()
		.refine((label) => label.trim() !== '')
		.transform((label) => label.slice(0, 200)),
	/** When it was made (for typing, the last keystroke). */
	time: z.number(),
	/** Typing: when its first keystroke was, and what it typed into, so near keystrokes merge. */
	startedAt: optional(z.number()),
	mergeKey: optional(z.string()),
	before: SnapshotSchema,
	after: SnapshotSchema
}).transform((step, context) => {
	const sides = pairSides(step.before, step.after);
	if (sides) return { ...step, ...sides };
	context.addIssue({ code: 'custom', message: 'The two sides of the step do not pair up.' });
	return z.NEVER;
});
