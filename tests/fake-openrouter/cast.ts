import { pick } from './util';

/** A cast member as the fake director proposes one. */
export interface FakeMember {
	name: string;
	kind: 'character' | 'prop' | 'location';
	description: string;
}

/**
 * The cast of one director answer: the members it proposes (before its shots) and the names its
 * shots use: a lead and a second character and a place, reused from the existing cast the prompt
 * lists where it has them, else made up from the subject.
 */
export interface FakeCast {
	proposals: FakeMember[];
	lead: string;
	second: string;
	place: string;
}

const NAMES = ['Ada', 'Rafe', 'Noor', 'Lio', 'Vera', 'Sol', 'Ines', 'Kofi'];
const LOOKS = [
	'Late twenties, yellow rain jacket, cropped black hair',
	'Sixties, grey wool coat, white beard, round glasses',
	'Teenager, oversized red hoodie, braided hair',
	'Forties, green work overalls, shaved head, tattooed forearms'
];
const PLACES = ['The street', 'The harbour', 'The market', 'The station'];
const PREPOSITIONS =
	/\b(?:through|in|at|on|across|inside|along|into|above|under)\s+(?:an?|the)?\s*([a-z]+(?:\s+[a-z]+)?)/gi;
const STOP_WORDS = new Set(['before', 'after', 'while', 'with', 'and', 'to', 'of', 'for', 'as']);

/** The members an "Existing cast" section of the prompt lists ("- Mara (character): …"). */
export function existingCast(text: string): FakeMember[] {
	const at = text.indexOf('Existing cast');
	if (at < 0) return [];
	const members: FakeMember[] = [];
	for (const line of text.slice(at).split('\n').slice(1)) {
		const match = /^- (.+?) \((character|prop|location)\)(?::\s*(.*))?$/.exec(line.trim());
		if (!match) break;
		members.push({
			name: match[1]!,
			kind: match[2] as FakeMember['kind'],
			description: match[3] ?? ''
		});
	}
	return members;
}

/** A place the subject names after a preposition ("through a night market" → "Night market"). */
function placeOf(subject: string): string | null {
	let found: string | null = null;
	for (const match of subject.matchAll(PREPOSITIONS)) {
		const words = match[1]!.split(/\s+/).filter((word) => !STOP_WORDS.has(word.toLowerCase()));
		if (words.length) found = words.join(' ');
	}
	return found ? found.charAt(0).toUpperCase() + found.slice(1) : null;
}

const NOT_NAMES = new Set(
	'The This That These Those When While After Before Then There Here Across Frame Sound Scene Shot Night Day Dawn Dusk'.split(
		' '
	)
);

/** A name the subject uses: its first capitalised word that is not a common sentence opener. */
function nameOf(subject: string): string | null {
	for (const [word] of subject.matchAll(/\b[A-Z][a-z]{2,}\b/g)) {
		if (!NOT_NAMES.has(word)) return word;
	}
	return null;
}

/** The cast of an answer about `subject`; `enabled` false (the fixture's default) gives none. */
export function fakeCast(
	subject: string,
	text: string,
	hash: number,
	enabled: boolean
): FakeCast | null {
	if (!enabled) return null;
	const existing = existingCast(text);
	const characters = existing.filter((member) => member.kind === 'character');
	const places = existing.filter((member) => member.kind === 'location');
	const proposals: FakeMember[] = [];
	const taken = new Set(existing.map((member) => member.name.toLowerCase()));
	const invent = (kind: FakeMember['kind'], wanted: string | null, n: number): string => {
		let name = wanted && !taken.has(wanted.toLowerCase()) ? wanted : pick(NAMES, hash + n);
		for (let k = 1; taken.has(name.toLowerCase()); k++) name = pick(NAMES, hash + n + k);
		taken.add(name.toLowerCase());
		const description =
			kind === 'location'
				? 'Wet stone, strings of paper lanterns, a low night sky'
				: pick(LOOKS, hash + n);
		proposals.push({ name, kind, description });
		return name;
	};
	const lead = characters[0]?.name ?? invent('character', nameOf(subject), 0);
	const second = characters[1]?.name ?? invent('character', null, 1);
	const place = places[0]?.name ?? invent('location', placeOf(subject) ?? pick(PLACES, hash), 2);
	return { proposals, lead, second, place };
}

/**
 * Who shot `index` of `count` names: the place and the lead open, the second shot (the one with
 * three beats) brings in the second character, the lead goes on in the third; a one-shot
 * rewrite keeps the lead.
 */
export function shotCastNames(cast: FakeCast | null, index: number, count: number): string[] {
	if (!cast) return [];
	if (count === 1) return [cast.lead];
	const plan = [
		[cast.place, cast.lead],
		[cast.lead, cast.second],
		[cast.lead],
		[cast.second, cast.place]
	];
	return plan[index] ?? [index % 2 ? cast.second : cast.lead];
}

/** Who beat `beat` of `beats` names: a shot's first beat its first name, its last beat its last. */
export function beatCastNames(
	cast: FakeCast | null,
	index: number,
	count: number,
	beat: number,
	beats: number
): string[] {
	const names = shotCastNames(cast, index, count);
	if (beats < 2 || names.length < 2) return names;
	if (beat === 0) return names.slice(0, 1);
	if (beat === beats - 1) return names.slice(-1);
	return names;
}
