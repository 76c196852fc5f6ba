import { z } from 'zod';
import { CAMERA_ANGLES, clampDuration, MOVEMENTS, SHOT_SIZES } from '$lib/domain/shot';
import { SHOT_VALUES } from '$lib/domain/records';
import type { Shot } from '$lib/domain/types';
import { portableSchema } from '$lib/ai/portable-schema';
import type { ShotSource } from './meta';
import {
	castNamesSchema,
	DIRECTOR_MAX_CAST,
	directorCastMemberSchema,
	lenientCastNames
} from './cast-schema';
import { modelBeatsSchema, toStoredBeats } from './model-beats';
import { clampSourceTime, shotSpan } from './source-time';

const hasClip = (source: ShotSource): source is ShotSource & { clipDurationS: number } =>
	typeof source.clipDurationS === 'number' &&
	Number.isFinite(source.clipDurationS) &&
	source.clipDurationS > 0;

/** The most beats the director is asked for; a person may add more, up to MAX_BEATS. */
export const DIRECTOR_MAX_BEATS = 4;

/** One beat of a shot as the director writes it; from a clip, with where its moment is. */
function directorBeatSchema(source: ShotSource) {
	const beat = z.object({
		action: z
			.string()
			.describe('This moment of the shot, a few present-tense words ("she turns to the door").'),
		camera: z
			.string()
			.describe('How the camera changes in this moment; empty when it does not change.'),
		cast: castNamesSchema('beat')
	});
	if (!hasClip(source)) return beat;
	return beat.extend({
		sourceTimeS: z
			.number()
			.min(0)
			.max(source.clipDurationS)
			.describe('Where this moment is in the source clip, in seconds.')
	});
}

/**
 * One shot of the director's answer, exactly as the structured output asks for it. Every field
 * is required (OpenAI's strict mode wants every property listed in `required`); a storyboard
 * from an idea has no source time at all, one from a clip has one inside the clip.
 */
export function directorShotSchema(source: ShotSource = {}) {
	const shot = z.object({
		title: z.string().describe('A short name for the shot.'),
		description: z.string().describe('What the image must show: subjects, action, setting, light.'),
		beats: z
			.array(directorBeatSchema(source))
			.min(1)
			.max(DIRECTOR_MAX_BEATS)
			.describe(
				'The panels of this one camera set-up, in order: one for a static shot, two to four where the action or the camera changes inside it.'
			),
		shotSize: z.enum(SHOT_SIZES),
		angle: z.enum(CAMERA_ANGLES),
		movement: z.enum(MOVEMENTS),
		durationS: z.number().describe('Seconds on screen.'),
		transition: z.enum(['cut', 'dissolve']),
		notes: z.string().describe('Props, continuity, anything else; empty when none.'),
		dialogue: z
			.array(
				z.object({
					speaker: z.string().describe('Who speaks, by name or role; empty when unknown.'),
					line: z.string().describe('What is said, word for word.')
				})
			)
			.describe('The lines spoken in this shot, in order; empty when nobody speaks.'),
		sound: z.string().describe('Sound effects and music heard in this shot; empty when none.'),
		cast: castNamesSchema('shot')
	});
	if (!hasClip(source)) return shot;
	return shot.extend({
		sourceTimeS: z
			.number()
			.min(0)
			.max(source.clipDurationS)
			.describe('Where this shot starts in the source clip, in seconds.')
	});
}

/** What the answer holds besides its shots: a storyboard's answer proposes cast first, a rewrite does not. */
export interface AnswerShape {
	proposeCast: boolean;
}

const shotList = (count: number, source: ShotSource) =>
	z.array(directorShotSchema(source)).min(count).max(count);

/**
 * The director's whole answer: the cast it proposes, then exactly `count` shots. The cast comes
 * first so it streams (and is added to the storyboard) before the shots that name it.
 */
export function directorAnswerSchema(count: number, source: ShotSource = {}) {
	return z.object({
		cast: z
			.array(directorCastMemberSchema)
			.max(DIRECTOR_MAX_CAST)
			.describe(
				'New people, props and places that recur or matter to the story, each once; not the existing cast; empty when none.'
			),
		shots: shotList(count, source)
	});
}

/** The answer to a rewrite of one shot: the shot alone, naming the cast the storyboard has. */
export function rewriteAnswerSchema(source: ShotSource = {}) {
	return z.object({ shots: shotList(1, source) });
}

/**
 * The JSON Schema sent as `response_format.json_schema.schema`, derived from the answer schema:
 * without `$schema` (Gemini's subset does not know it) and with its bounds in words (Anthropic
 * refuses them); the parsed answer is still held to them.
 */
export function directorJsonSchema(
	count: number,
	source: ShotSource = {},
	shape: AnswerShape = { proposeCast: true }
): Record<string, unknown> {
	const { $schema: _dialect, ...schema } = z.toJSONSchema(
		shape.proposeCast ? directorAnswerSchema(count, source) : rewriteAnswerSchema(source)
	);
	return portableSchema(schema);
}

/**
 * The same shot as parsing reads it: lenient where models without structured outputs differ
 * (numbers as strings, camera terms of their own, missing extras), strict where it matters.
 */
function lenientShotSchema(source: ShotSource) {
	return directorShotSchema(source).extend({
		title: z.string().trim().min(1).max(200),
		description: z.string().trim().min(1),
		shotSize: z.string().optional(),
		angle: z.string().optional(),
		movement: z.string().optional(),
		durationS: z.coerce.number().positive().optional(),
		transition: z.string().optional(),
		notes: z.string().optional(),
		dialogue: SHOT_VALUES.dialogue,
		sound: z.string().optional().catch(undefined),
		beats: modelBeatsSchema,
		cast: lenientCastNames,
		sourceTimeS: hasClip(source)
			? z.coerce.number().nonnegative().optional().catch(undefined)
			: z.unknown().transform(() => undefined)
	});
}

export type ModelShot = z.infer<ReturnType<typeof lenientShotSchema>>;

const SYNONYMS: Record<string, string> = {
	overhead: "Bird's-eye",
	birdseye: "Bird's-eye",
	topdown: "Bird's-eye",
	wormseye: "Worm's-eye",
	dutch: 'Dutch angle',
	pov: 'Point of view',
	ots: 'Over the shoulder',
	ecu: 'Extreme close-up',
	cu: 'Close-up',
	mcu: 'Medium close-up',
	ms: 'Medium',
	ws: 'Wide',
	ews: 'Extreme wide',
	zoom: 'Zoom in',
	dolly: 'Dolly in',
	track: 'Tracking',
	steadicam: 'Tracking'
};

const fold = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z]/g, '')
		.replace(/shot$/, '');

/** A camera term mapped onto our vocabulary when it names one ("eye-level" → "Eye level"). */
export function normaliseCameraTerm(
	value: string | undefined,
	vocabulary: readonly string[],
	fallback: string
): string {
	const raw = value?.trim();
	if (!raw) return fallback;
	const key = fold(raw);
	const match = vocabulary.find((term) => fold(term) === key) ?? SYNONYMS[key];
	if (match) return match;
	return raw.charAt(0).toUpperCase() + raw.slice(1);
}

/**
 * The shot fields Maestro stores, from one validated model shot. A source time is kept only
 * when the storyboard has a clip, rounded to the centisecond and held inside the clip; its
 * beats' source times are held inside the shot's span of the clip.
 */
export function toShotFields(shot: ModelShot, source: ShotSource = {}): Partial<Shot> {
	const fields: Partial<Shot> = {
		title: shot.title,
		description: shot.description,
		shotSize: normaliseCameraTerm(shot.shotSize, SHOT_SIZES, 'Medium'),
		angle: normaliseCameraTerm(shot.angle, CAMERA_ANGLES, 'Eye level'),
		movement: normaliseCameraTerm(shot.movement, MOVEMENTS, 'Static'),
		durationS: clampDuration(shot.durationS ?? 3),
		transition: /dissolve|fade|cross/i.test(shot.transition ?? '') ? 'dissolve' : 'cut',
		notes: shot.notes?.trim() ?? '',
		dialogue: shot.dialogue
			.map((line) => ({ speaker: line.speaker.trim(), line: line.line.trim() }))
			.filter((line) => line.line !== ''),
		sound: shot.sound?.trim() ?? ''
	};
	if (hasClip(source) && typeof shot.sourceTimeS === 'number') {
		fields.sourceTimeS = clampSourceTime(shot.sourceTimeS, source.clipDurationS);
	}
	// No beats written: the shot is saved with its one plain beat.
	if (shot.beats.length > 0) {
		fields.beats = toStoredBeats(
			shot.beats,
			hasClip(source)
				? {
						clipDurationS: source.clipDurationS,
						span: shotSpan(fields.sourceTimeS, source.cutSpans ?? [], source.clipDurationS)
					}
				: undefined
		);
	}
	return fields;
}

/** The cast names a model shot uses: its own, and each stored beat's (same order as `toShotFields`' beats). */
export interface ShotCastNames {
	shot: string[];
	beats: string[][];
	/** Whether the answer said who is in the shot at all (an empty list says: nobody). */
	answered?: boolean;
}

/** Who the shot and each of its beats name, as written (names, not yet members). */
export function castNamesOf(shot: ModelShot): ShotCastNames {
	return {
		shot: shot.cast ?? [],
		beats: shot.beats.map((beat) => beat.cast ?? []),
		answered: shot.cast !== undefined
	};
}

/** Parse one shot object's JSON text; the reason in words when it is not a usable shot. */
export function parseModelShot(
	json: string,
	source: ShotSource = {}
): { ok: true; shot: ModelShot } | { ok: false; reason: string } {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { ok: false, reason: 'it is not valid JSON' };
	}
	const result = lenientShotSchema(source).safeParse(value);
	if (result.success) return { ok: true, shot: result.data };
	const issue = result.error.issues[0];
	return {
		ok: false,
		reason: `${issue?.path.join('.') || 'shot'}: ${issue?.message ?? 'invalid'}`
	};
}
