import { beatCastNames, fakeCast, shotCastNames, type FakeCast } from './cast';
import type { RequestSummary } from './types';
import { soundOf, spokenLines } from './speech';
import { hashString, isRecord, pick } from './util';

/** Words the director uses for camera fields when no json_schema enum says otherwise. */
export const VOCABULARY = {
	shotSize: [
		'extreme-wide',
		'wide',
		'full',
		'medium',
		'medium-close-up',
		'close-up',
		'extreme-close-up'
	],
	angle: ['eye-level', 'low-angle', 'high-angle', 'overhead', 'dutch', 'over-the-shoulder', 'pov'],
	movement: [
		'static',
		'pan',
		'tilt',
		'dolly-in',
		'dolly-out',
		'tracking',
		'handheld',
		'crane',
		'zoom'
	],
	transition: ['cut', 'dissolve']
} as const;

const NUMBER_WORDS = [
	'zero',
	'one',
	'two',
	'three',
	'four',
	'five',
	'six',
	'seven',
	'eight',
	'nine',
	'ten',
	'eleven',
	'twelve'
];

type Schema = Record<string, unknown>;

function resolveRef(schema: unknown, root: Schema): Schema | null {
	if (!isRecord(schema)) return null;
	if (typeof schema.$ref === 'string') {
		const path = schema.$ref.replace(/^#\//, '').split('/');
		let node: unknown = root;
		for (const key of path) node = isRecord(node) ? node[key] : undefined;
		return isRecord(node) ? node : null;
	}
	return schema;
}

/** The `shots` array schema inside a response_format schema, if there is one. */
export function shotsArraySchema(root: unknown): Schema | null {
	if (!isRecord(root)) return null;
	const props = isRecord(root.properties) ? root.properties : {};
	const shots = resolveRef(props.shots, root);
	return shots && (shots.type === 'array' || isRecord(shots.items)) ? shots : null;
}

/** How many shots to write and why: forced > `shot count: N` in the prompt > "exactly N shots" >
 * "N shots" > schema minItems = maxItems > schema bounds > 5; always kept inside minItems..maxItems. */
export function decideShotCount(
	summary: RequestSummary,
	forced: number | null
): { count: number; source: string } {
	if (forced !== null) return { count: forced, source: 'forced' };
	const shots = shotsArraySchema(summary.responseFormat?.schema);
	const min = typeof shots?.minItems === 'number' ? shots.minItems : null;
	const max = typeof shots?.maxItems === 'number' ? shots.maxItems : null;
	const clamp = (n: number) => Math.min(max ?? n, Math.max(min ?? n, n));
	const text = summary.text;
	const numberWord = `(\\d{1,2}|${NUMBER_WORDS.join('|')})`;
	const toNumber = (s: string) =>
		/^\d+$/.test(s) ? Number(s) : NUMBER_WORDS.indexOf(s.toLowerCase());
	const patterns: [RegExp, string][] = [
		[/shot[\s_-]*count\s*[:=]\s*(\d{1,2})/i, 'prompt "shot count: N"'],
		[new RegExp(`exactly\\s+${numberWord}\\s+shots?\\b`, 'i'), 'prompt "exactly N shots"'],
		[new RegExp(`\\b${numberWord}\\s+shots?\\b`, 'i'), 'prompt "N shots"']
	];
	for (const [pattern, source] of patterns) {
		const found = pattern.exec(text)?.[1];
		if (found && toNumber(found) > 0) return { count: clamp(toNumber(found)), source };
	}
	if (min !== null && min === max) return { count: min, source: 'schema minItems = maxItems' };
	if (min !== null || max !== null) return { count: clamp(5), source: 'schema bounds' };
	return { count: 5, source: 'default' };
}

/** The idea or scene the director works from: the text after "premise:", "idea:" or "context:", else the last user text. */
export function subjectOf(summary: RequestSummary): string {
	const labelled = /(?:premise|idea|context|scene description)\s*:\s*([^\n]+)/i.exec(
		summary.text
	)?.[1];
	const lines = summary.text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	const subject = (labelled ?? lines[lines.length - 1] ?? 'a quiet street at dusk').replace(
		/[[\]{}"`]/g,
		''
	);
	return subject.length > 90 ? `${subject.slice(0, 87).trimEnd()}...` : subject;
}

const OPENINGS = [
	'Establishing view of the whole setting:',
	'The main character enters the frame,',
	'A detail that matters to the story:',
	'Reaction on a face, eyes catching the light,',
	'The space from above, figures small against it,',
	'Hands at work in the foreground,',
	'A pause: the room holds still,',
	'Movement toward the threshold,',
	'The reveal, seen from behind the subject,',
	'Closing image, the light fading,'
];

const TITLES = [
	'Arrival',
	'First Glance',
	'The Detail',
	'Turning Point',
	'From Above',
	'Hands',
	'Stillness',
	'Threshold',
	'Reveal',
	'Fade Out'
];

interface ShotContext {
	index: number;
	count: number;
	subject: string;
	hash: number;
	fromClip: boolean;
	clipSeconds: number;
	/** The clip's spans between cuts listed in the prompt ("0.0–2.4 s"); shot N starts on span N. */
	spans: ClipSpan[];
	/** Beats of every shot when forced (`mode.beatsPerShot`), else null. */
	beatsPerShot: number | null;
	/** Vocabulary words named in the request (e.g. a regenerate note "low-angle close-up"). */
	wishes: Partial<Record<keyof typeof VOCABULARY, string>>;
	/** Lines spoken in the brief: the first shot says them. */
	speech: { speaker: string; line: string }[];
	/** A sound the brief names: the first shot has it. */
	sound: string;
	/** The cast the answer proposes and names; null when the fake writes none. */
	cast: FakeCast | null;
}

interface ClipSpan {
	startS: number;
	endS: number;
}

/** The spans the director's prompt lists as "0.0–2.4 s, 2.4–6.0 s", in order. */
function spansOf(text: string): ClipSpan[] {
	return [...text.matchAll(/(\d+(?:\.\d+)?)–(\d+(?:\.\d+)?) s\b/g)].map((match) => ({
		startS: Number(match[1]),
		endS: Number(match[2])
	}));
}

/** Where shot `index` is in the clip: its span when the prompt lists one, else an equal part. */
function shotSpanOf(ctx: ShotContext): ClipSpan {
	const listed = ctx.spans[ctx.index];
	if (listed) return listed;
	const part = ctx.clipSeconds / ctx.count;
	return { startS: ctx.index * part, endS: (ctx.index + 1) * part };
}

const MOMENTS = [
	'the subject steps into the light',
	'the subject turns toward the sound',
	'the subject sees what waits ahead',
	'a hand closes around the handle',
	'the light flickers and holds'
];
const BEAT_CAMERA = ['push in slightly', 'pan to follow', 'rack focus to the background'];

/**
 * How many beats shot `index` has: as forced; else a rewrite of one shot has 2, and in a
 * storyboard the second shot has 3 (its action unfolds) and the others 1 (static).
 */
export function fakeBeatCount(index: number, count: number, forced: number | null = null): number {
	if (forced !== null) return forced;
	if (count === 1) return 2;
	return index === 1 ? 3 : 1;
}

/** The beats of a shot, with the keys the schema's beat object asks for (action, camera, sourceTimeS by default). */
function beatsValue(ctx: ShotContext, schema: Schema | null, root: Schema): unknown[] {
	const itemSchema = resolveRef(schema?.items, root);
	const keys = isRecord(itemSchema?.properties)
		? Object.keys(itemSchema.properties)
		: ['action', 'camera', ...(ctx.fromClip ? ['sourceTimeS'] : []), ...(ctx.cast ? ['cast'] : [])];
	const n = fakeBeatCount(ctx.index, ctx.count, ctx.beatsPerShot);
	const span = shotSpanOf(ctx);
	return Array.from({ length: n }, (_, m) => {
		const beat: Record<string, unknown> = {};
		for (const key of keys) {
			const name = normalise(key);
			if (name === 'action') beat[key] = pick(MOMENTS, ctx.index + m);
			else if (name === 'camera') beat[key] = m === 0 ? '' : pick(BEAT_CAMERA, ctx.index + m);
			else if (name === 'cast') beat[key] = beatCastNames(ctx.cast, ctx.index, ctx.count, m, n);
			else if (name.startsWith('sourcetime'))
				beat[key] =
					Math.round((span.startS + ((m + 0.5) * (span.endS - span.startS)) / n) * 10) / 10;
			else beat[key] = valueFromSchema(key, null, ctx, root);
		}
		return beat;
	});
}

function vocabularyValue(
	field: keyof typeof VOCABULARY,
	ctx: ShotContext,
	options?: readonly unknown[]
): unknown {
	const list: readonly unknown[] = options ?? VOCABULARY[field];
	const wish = ctx.wishes[field];
	// A schema's enum may spell the wish differently ("Low angle" for "low-angle").
	const granted =
		wish && list.find((value) => typeof value === 'string' && normalise(value) === normalise(wish));
	if (ctx.count === 1 && granted) return granted;
	if (field === 'transition') return ctx.index % 3 === 2 && list.length > 1 ? list[1] : list[0];
	return pick(list, ctx.hash + ctx.index * 3 + field.length);
}

function normalise(name: string): string {
	return name.toLowerCase().replace(/[^a-z]/g, '');
}

function knownValue(name: string, ctx: ShotContext, schema: Schema | null): unknown {
	const key = normalise(name);
	const enumValues = Array.isArray(schema?.enum) ? schema.enum : undefined;
	if (key === 'title') return `${ctx.index + 1}. ${pick(TITLES, ctx.index)}`;
	if (key === 'description' || key === 'prompt' || key === 'visual')
		return `${pick(OPENINGS, ctx.index)} ${ctx.subject}. Shot ${ctx.index + 1} of ${ctx.count}.`;
	if (['shotsize', 'size', 'framing'].includes(key))
		return vocabularyValue('shotSize', ctx, enumValues);
	if (['angle', 'cameraangle'].includes(key)) return vocabularyValue('angle', ctx, enumValues);
	if (['movement', 'cameramovement', 'camera'].includes(key))
		return vocabularyValue('movement', ctx, enumValues);
	if (key === 'transition') return vocabularyValue('transition', ctx, enumValues);
	if (key.startsWith('duration')) return 2 + ((ctx.hash >>> (ctx.index % 16)) % 5);
	if (key.startsWith('sourcetime') || key === 'timestamp')
		return ctx.fromClip ? Math.round(shotSpanOf(ctx).startS * 10) / 10 : null;
	if (key === 'notes' || key === 'note')
		return ctx.index === 0
			? 'Hold a beat before the first action.'
			: `Keep continuity with shot ${ctx.index}.`;
	if (key === 'dialogue') return ctx.index === 0 ? ctx.speech : [];
	if (key === 'sound') return ctx.index === 0 ? ctx.sound : '';
	if (key === 'index' || key === 'number' || key === 'shotnumber') return ctx.index + 1;
	return undefined;
}

/**
 * A `cast` value: at the root (a list of objects) the proposed members with the keys the schema
 * asks for, in a shot (a list of names) who the shot names.
 */
function castValue(ctx: ShotContext, schema: Schema | null, root: Schema): unknown[] {
	const items = resolveRef(schema?.items, root);
	const ofObjects = items?.type === 'object' || isRecord(items?.properties);
	if (!ofObjects) return shotCastNames(ctx.cast, ctx.index, ctx.count);
	const keys = isRecord(items?.properties) ? Object.keys(items.properties) : [];
	return (ctx.cast?.proposals ?? []).map((member) =>
		Object.fromEntries(
			keys.map((key) => {
				const known = (member as unknown as Record<string, unknown>)[key];
				return [key, known ?? valueFromSchema(key, null, ctx, root)];
			})
		)
	);
}

function valueFromSchema(
	name: string,
	schema: Schema | null,
	ctx: ShotContext,
	root: Schema
): unknown {
	if (normalise(name) === 'beats') return beatsValue(ctx, schema, root);
	if (normalise(name) === 'cast') return castValue(ctx, schema, root);
	const known = knownValue(name, ctx, schema);
	const types = Array.isArray(schema?.type)
		? schema.type.map(String)
		: [String(schema?.type ?? 'string')];
	if (known !== undefined && !(known === null && !types.includes('null'))) return known;
	if (Array.isArray(schema?.enum) && schema.enum.length > 0)
		return pick(schema.enum, ctx.hash + ctx.index);
	if (types.includes('integer') || types.includes('number')) {
		const min = typeof schema?.minimum === 'number' ? schema.minimum : 0;
		return min + ctx.index;
	}
	if (types.includes('boolean')) return false;
	if (types.includes('array')) return [];
	if (types.includes('object')) return objectFromSchema(schema, ctx, root);
	if (types.includes('null') && !types.includes('string')) return null;
	return `${name} for shot ${ctx.index + 1}`;
}

function objectFromSchema(
	schema: Schema | null,
	ctx: ShotContext,
	root: Schema
): Record<string, unknown> {
	const props = isRecord(schema?.properties) ? schema.properties : {};
	return Object.fromEntries(
		Object.entries(props).map(([name, sub]) => [
			name,
			valueFromSchema(name, resolveRef(sub, root), ctx, root)
		])
	);
}

const DEFAULT_FIELDS = [
	'title',
	'description',
	'shotSize',
	'angle',
	'movement',
	'durationS',
	'transition',
	'sourceTimeS',
	'notes',
	'dialogue',
	'sound',
	'beats',
	'cast'
];

/** The director's answer as a JS value: `{shots:[...]}` shaped by the json_schema when one is sent. */
export function directorResult(
	summary: RequestSummary,
	count: number,
	beatsPerShot: number | null = null,
	proposeCast = true
): Record<string, unknown> {
	const subject = subjectOf(summary);
	const hash = hashString(subject);
	const root = isRecord(summary.responseFormat?.schema) ? summary.responseFormat.schema : null;
	// Without a schema the cast is written only when the request spells it out ("cast":[…]).
	const cast = fakeCast(
		subject,
		summary.text,
		hash,
		proposeCast && (root !== null || summary.text.includes('"cast"'))
	);
	const fromClip =
		summary.imageCount > 0 ||
		/\b(source ?time|timestamps?|from the clip|sourceTimeS)\b/i.test(summary.text);
	const clipSeconds = Number(
		/duration\D{0,20}(\d+(?:\.\d+)?)/i.exec(summary.text)?.[1] ?? count * 4
	);
	const lines = summary.text.split('\n');
	const wishes: ShotContext['wishes'] = {};
	// The last line (the note) speaks first; the two before it only fill what it leaves open.
	for (const text of [lines.slice(-1), lines.slice(-3)].map((l) => l.join(' ').toLowerCase())) {
		for (const field of Object.keys(VOCABULARY) as (keyof typeof VOCABULARY)[]) {
			if (wishes[field]) continue;
			// Longest words first, so "extreme-close-up" is not read as "close-up".
			const words = [...VOCABULARY[field]].sort((a, b) => b.length - a.length);
			const found = words.find(
				(word) => text.includes(word) || text.includes(word.replace(/-/g, ' '))
			);
			if (found) wishes[field] = found;
		}
	}
	const itemSchema = root ? resolveRef(shotsArraySchema(root)?.items, root) : null;
	const speech = spokenLines(summary.text);
	const sound = soundOf(summary.text);
	const spans = spansOf(summary.text);
	const answer: Omit<ShotContext, 'index'> = {
		count,
		subject,
		hash,
		fromClip,
		clipSeconds,
		spans,
		beatsPerShot,
		wishes,
		speech,
		sound,
		cast
	};
	const shots = Array.from({ length: count }, (_, index) => {
		const ctx: ShotContext = { ...answer, index };
		if (root && itemSchema) return objectFromSchema(itemSchema, ctx, root);
		const shot: Record<string, unknown> = {};
		for (const field of DEFAULT_FIELDS) {
			if (field === 'cast' && !cast) continue;
			const value =
				field === 'beats'
					? beatsValue(ctx, null, {})
					: field === 'cast'
						? shotCastNames(cast, index, count)
						: knownValue(field, ctx, null);
			if (value !== null && value !== undefined) shot[field] = value;
		}
		return shot;
	});
	// In words the request asks for the cast before the shots (a rewrite of one shot does not).
	if (!root) return cast && count > 1 ? { cast: cast.proposals, shots } : { shots };
	const top = objectFromSchema(root, { ...answer, index: 0 }, root);
	return { ...top, shots };
}

/** The director's text for a JSON style: plain JSON, JSON fenced in prose, or prose around bare JSON. */
export function directorText(result: unknown, style: 'plain' | 'fenced' | 'prose'): string {
	const json = JSON.stringify(result, null, 2);
	if (style === 'fenced')
		return `Here is the shot list you asked for.\n\n\`\`\`json\n${json}\n\`\`\`\n\nLet me know if you want to change any shot.`;
	if (style === 'prose')
		return `Sure! Here are the shots for your storyboard:\n${json}\nI hope this helps your production.`;
	return json;
}

const SETTINGS = [
	'a narrow street at dusk',
	'a sunlit kitchen',
	'a rooftop above the city',
	'a forest path after rain',
	'an empty train platform',
	'a cluttered workshop'
];
const LIGHT = [
	'warm low sun from the left',
	'cool overcast daylight',
	'mixed neon and tungsten',
	'soft window light',
	'hard overhead light'
];
const ACTION = [
	'a figure walks toward the camera',
	'two people talk, then one turns away',
	'a hand reaches for an object on a table',
	'a cyclist crosses the frame',
	'someone waits, checking the time'
];

/** A plausible scene description that says how many images it was given. */
export function sceneDescription(summary: RequestSummary): string {
	const n = summary.imageCount;
	const hash = hashString(
		summary.images.map((i) => i.sha256 ?? i.url ?? '').join('|') + summary.text
	);
	const what = n === 1 ? '1 image' : `${n} images`;
	const opening =
		n > 0
			? `Scene analysis of ${what} (frames in order).`
			: 'Scene analysis from the text alone (no images received).';
	return [
		opening,
		`The clip takes place in ${pick(SETTINGS, hash)}, lit by ${pick(LIGHT, hash >>> 3)}.`,
		`Across the frames ${pick(ACTION, hash >>> 6)}; the camera stays mostly at eye level with a slight drift to the right.`,
		n > 1
			? `Frame 1 opens wide; by frame ${n} the framing has tightened to a medium shot of the main subject.`
			: 'The single frame is a medium-wide composition with the subject left of centre.',
		'The palette is muted with one saturated accent, and the mood is quiet and expectant.',
		'Sound cues are not visible, but the pacing suggests an unhurried scene of about ten seconds.'
	].join(' ');
}

/** The reasoning a reasoning model streams before its answer. */
export function reasoningText(summary: RequestSummary, count: number | null): string {
	const what = count === null ? 'an answer' : `${count} shots`;
	return `The user wants ${what}. Let me look at the request: ${summary.messageCount} messages, ${summary.imageCount} images. I should keep each shot visual and concrete, vary the framing, and make sure the JSON is valid.`;
}
