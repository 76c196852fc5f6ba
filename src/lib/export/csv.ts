import { beatDurations, beatNumber } from '$lib/domain/beats';
import { clipTimeOf, scriptLines } from '$lib/domain/shot';
import type { CastMember, ProjectSource, Shot } from '$lib/domain/types';
import { chosenImagePaths, pickStyle, type Storyboard } from './storyboard';

/** The byte order mark that makes spreadsheet programs read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** Column headings of the shot list, in order. */
export const SHOT_LIST_COLUMNS = [
	'Shot',
	'Beat',
	'Title',
	'Description',
	'Shot size',
	'Angle',
	'Movement',
	'Duration (s)',
	'Beat action',
	'Beat camera',
	'Beat duration (s)',
	'Transition',
	'Source time (s)',
	'Dialogue',
	'Sound',
	'Notes',
	'Image',
	'Cast'
] as const;

/**
 * Text a spreadsheet would run as a formula: a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return (OWASP's CSV injection rule). Titles come from a model and from imported files.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes
 * doubled. Text that would start a formula is made inert with a leading apostrophe, which
 * spreadsheets show as text; numbers are written as they are.
 */
export function csvField(value: string | number | undefined): string {
	let text = value === undefined ? '' : String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record: fields joined by commas, ended by CRLF as RFC 4180 asks. */
export function csvRecord(fields: readonly (string | number | undefined)[]): string {
	return `${fields.map(csvField).join(',')}\r\n`;
}

/** A number of seconds as a spreadsheet reads it: up to 3 decimals, no trailing zeros. */
export function seconds(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '';
	return String(Math.round(value * 1000) / 1000);
}

/**
 * The shot list: a heading row and one row per beat (shots in the order given, beats in theirs),
 * each with its shot's fields, its number ("2.3"), action, camera and seconds, and the file name
 * of its chosen image where it has one (`imageNames` by beat id); source times only for a
 * storyboard with a clip (a beat's own key moment, else its shot's); a shot's lines of dialogue
 * in one cell, a line each; who and what is in the beat by name (`castNames` by beat id, see
 * `castNamesByBeat`). UTF-8 with a BOM so Excel shows accents and CJK.
 */
export function shotListCsv(
	shots: readonly Shot[],
	imageNames: ReadonlyMap<string, string> = new Map(),
	source: Pick<ProjectSource, 'kind'> = { kind: 'video' },
	castNames: ReadonlyMap<string, string> = new Map()
): string {
	let csv = UTF8_BOM + csvRecord(SHOT_LIST_COLUMNS);
	shots.forEach((shot, index) => {
		const durations = beatDurations(shot);
		shot.beats.forEach((beat, beatIndex) => {
			csv += csvRecord([
				index + 1,
				beatNumber(index + 1, beatIndex),
				shot.title,
				shot.description,
				shot.shotSize,
				shot.angle,
				shot.movement,
				seconds(shot.durationS),
				beat.action,
				beat.camera,
				seconds(durations[beatIndex]),
				shot.transition,
				seconds(clipTimeOf(beat.sourceTimeS === undefined ? shot : beat, source)),
				scriptLines(shot.dialogue).join('\n'),
				shot.sound,
				shot.notes,
				imageNames.get(beat.id) ?? '',
				castNames.get(beat.id) ?? ''
			]);
		});
	});
	return csv;
}

/** The names of who and what is in each beat (its own cast, else its shot's), by beat id. */
export function castNamesByBeat(
	shots: readonly Shot[],
	cast: readonly Pick<CastMember, 'id' | 'name'>[]
): Map<string, string> {
	const names = new Map(cast.map((member) => [member.id, member.name]));
	const byBeat = new Map<string, string>();
	for (const shot of shots) {
		for (const beat of shot.beats) {
			const named = (beat.cast ?? shot.cast).map((id) => names.get(id));
			byBeat.set(beat.id, named.filter((name) => name !== undefined).join(', '));
		}
	}
	return byBeat;
}

/** The shot list of a saved storyboard, with image names for `styleId` (or the first style). */
export function storyboardShotList(board: Storyboard, styleId?: string): string {
	return shotListCsv(
		board.shots,
		chosenImagePaths(board, pickStyle(board, styleId)),
		board.graph.project.source,
		castNamesByBeat(board.shots, board.cast)
	);
}
