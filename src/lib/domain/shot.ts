import { blankBeat, firstBeatId } from './beats';
import { newId } from './ids';
import type { DialogueLine, ProjectSource, Shot } from './types';
import { DEFAULT_DURATION_S, SCHEMA_VERSION, SHOT_DEFAULTS } from './values';

export {
	clampDuration,
	DEFAULT_DURATION_S,
	MAX_DURATION_S,
	MIN_DURATION_S,
	SHOT_DEFAULTS,
	TRANSITIONS
} from './values';

export const SHOT_SIZES = [
	'Extreme wide',
	'Wide',
	'Full',
	'Medium wide',
	'Medium',
	'Medium close-up',
	'Close-up',
	'Extreme close-up',
	'Insert'
] as const;

export const CAMERA_ANGLES = [
	'Eye level',
	'High angle',
	'Low angle',
	"Bird's-eye",
	"Worm's-eye",
	'Dutch angle',
	'Over the shoulder',
	'Point of view'
] as const;

export const MOVEMENTS = [
	'Static',
	'Pan',
	'Tilt',
	'Dolly in',
	'Dolly out',
	'Tracking',
	'Crane',
	'Handheld',
	'Zoom in',
	'Zoom out'
] as const;

/** The fields a person edits on a shot card. */
export type EditableShotField =
	| 'title'
	| 'description'
	| 'shotSize'
	| 'angle'
	| 'movement'
	| 'durationS'
	| 'transition'
	| 'notes'
	| 'dialogue'
	| 'sound'
	| 'beats';

export type ShotPatch = Partial<Pick<Shot, EditableShotField>>;

/** What a write may set on a shot: the edited fields, and who of the cast is in it. */
export type ShotFields = ShotPatch & Partial<Pick<Shot, 'cast'>>;

/** Every field a person (or the director) edits, in card order. */
export const EDITABLE_SHOT_FIELDS: readonly EditableShotField[] = [
	'title',
	'description',
	'shotSize',
	'angle',
	'movement',
	'durationS',
	'transition',
	'notes',
	'dialogue',
	'sound',
	'beats'
];

/** A shot with sensible blanks, placed after `order`. */
export function createShot(projectId: string, order: number, fields: Partial<Shot> = {}): Shot {
	const id = fields.id ?? newId();
	return {
		id,
		projectId,
		order,
		title: '',
		description: '',
		...SHOT_DEFAULTS,
		notes: '',
		dialogue: [],
		sound: '',
		cast: [],
		revision: 0,
		...fields,
		beats: fields.beats?.length ? fields.beats : [blankBeat(firstBeatId(id))],
		schemaVersion: SCHEMA_VERSION
	};
}

/** Shots sorted for display: by order, then by id so ties are stable. */
export function sortShots<T extends Pick<Shot, 'order' | 'id'>>(shots: readonly T[]): T[] {
	return [...shots].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
	const result = [...items];
	if (from < 0 || from >= result.length) return result;
	const target = Math.max(0, Math.min(result.length - 1, to));
	const [item] = result.splice(from, 1);
	result.splice(target, 0, item as T);
	return result;
}

/** New `order` values for shots in the given sequence: only the ones that changed. */
export function reorderPatches(
	orderedIds: readonly string[],
	current: ReadonlyMap<string, number>
) {
	const patches: { id: string; order: number }[] = [];
	orderedIds.forEach((id, index) => {
		if (current.get(id) !== index) patches.push({ id, order: index });
	});
	return patches;
}

/** Total running time of a storyboard in seconds. */
export function totalDuration(shots: readonly Pick<Shot, 'durationS'>[]): number {
	return shots.reduce((sum, shot) => sum + shot.durationS, 0);
}

/**
 * A shot's start in the source clip, only when the storyboard has a clip: storyboards made from
 * an idea once saved times the model made up, and those are not shown.
 */
export function clipTimeOf(
	shot: Pick<Shot, 'sourceTimeS'>,
	source: Pick<ProjectSource, 'kind'>
): number | undefined {
	return source.kind === 'video' ? shot.sourceTimeS : undefined;
}

/**
 * A shot's dialogue as a script writes it, one "SPEAKER: line" a line (a line without a
 * speaker as it is); lines left empty are not shown. Exports, captions and the player use it.
 */
export function scriptLines(dialogue: readonly DialogueLine[]): string[] {
	return dialogue
		.map(({ speaker, line }) => {
			const said = line.trim();
			const who = speaker.trim().toLocaleUpperCase();
			return said && who ? `${who}: ${said}` : said;
		})
		.filter(Boolean);
}
