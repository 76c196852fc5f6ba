import { nameKey } from '$lib/domain/cast';
import { joinWords } from '$lib/util/sentence';
import type { Beat, CastMember } from '$lib/domain/types';
import type { ShotCastNames } from './shot-schema';

type Named = Pick<CastMember, 'id' | 'name'>;

/** The ids of the members the names name, in the order named (each once), and the names that match none. */
export function resolveCastNames(
	names: readonly string[],
	members: readonly Named[]
): { ids: string[]; unknown: string[] } {
	const byKey = new Map(members.map((member) => [nameKey(member.name), member.id]));
	const ids: string[] = [];
	const unknown: string[] = [];
	for (const name of names) {
		const id = byKey.get(nameKey(name));
		if (id === undefined) {
			if (!unknown.some((other) => nameKey(other) === nameKey(name))) unknown.push(name.trim());
		} else if (!ids.includes(id)) ids.push(id);
	}
	return { ids, unknown };
}

/** Who is in a shot and each of its beats, as member ids, and the names that matched nobody. */
export interface ShotCastTags {
	cast: string[];
	/** Each beat's own cast, kept only where the shot has several beats and the beat's differs. */
	beatCasts: (string[] | undefined)[];
	unknown: string[];
}

/** Tag a shot and its beats with the members its names name. */
export function tagShot(names: ShotCastNames, members: readonly Named[]): ShotCastTags {
	const shot = resolveCastNames(names.shot, members);
	const unknown = [...shot.unknown];
	const several = names.beats.length > 1;
	const beatCasts = names.beats.map((beatNames) => {
		const beat = resolveCastNames(beatNames, members);
		for (const name of beat.unknown) {
			if (!unknown.some((other) => nameKey(other) === nameKey(name))) unknown.push(name);
		}
		if (!several || beatNames.length === 0) return undefined;
		return sameIds(beat.ids, shot.ids) ? undefined : beat.ids;
	});
	return { cast: shot.ids, beatCasts, unknown };
}

/** The beats with their own casts laid on (a beat without one has none). */
export function withBeatCasts(beats: readonly Beat[], casts: readonly (string[] | undefined)[]) {
	return beats.map((beat, index) => {
		const { cast: _old, ...rest } = beat;
		const cast = casts[index];
		return cast ? { ...rest, cast } : rest;
	});
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((id, index) => b[index] === id);
}

/**
 * The problem line for names the director used that match no member, by the shots that used
 * them ("The director named Captain in shots 2 and 3, who is not in the cast: left out.").
 */
export function unknownNamesNote(unknownByShot: ReadonlyMap<number, readonly string[]>): string[] {
	const shotsByName = new Map<string, { name: string; shots: number[] }>();
	for (const [shot, names] of unknownByShot) {
		for (const name of names) {
			const entry = shotsByName.get(nameKey(name)) ?? { name, shots: [] };
			entry.shots.push(shot);
			shotsByName.set(nameKey(name), entry);
		}
	}
	return [...shotsByName.values()].map(({ name, shots }) => {
		const where = `${shots.length === 1 ? 'shot' : 'shots'} ${joinWords(shots)}`;
		return `The director named “${name}” in ${where}, who is not in the cast: left out.`;
	});
}
