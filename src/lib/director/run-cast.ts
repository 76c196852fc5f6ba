import type { CastMember, Shot } from '$lib/domain/types';
import { joinWords } from '$lib/util/sentence';
import type { CastBoard } from '$lib/state/cast.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import type { CastProposal } from './cast-schema';
import { tagShot, unknownNamesNote, withBeatCasts } from './cast-names';
import type { ShotCastNames } from './shot-schema';

/** A cast as the director is told it: names, kinds and descriptions. */
export function castBrief(members: readonly CastMember[]): CastProposal[] {
	return members.map(({ name, kind, description }) => ({ name, kind, description }));
}

/**
 * The cast side of one director run: the members it proposes join the storyboard's cast as they
 * stream in, each shot is tagged with the members it names as it is saved, and at the end the
 * shots are tagged again with members proposed after them; names that match nobody are left out
 * and said so.
 */
export class RunCast {
	readonly #cast: CastBoard;
	readonly #board: ProjectState;
	#added: CastMember[] = [];
	#written: { shotId: string; number: number; names: ShotCastNames }[] = [];

	constructor(cast: CastBoard, board: ProjectState) {
		this.#cast = cast;
		this.#board = board;
	}

	/** The members this run added to the cast, in order. */
	get added(): readonly CastMember[] {
		return this.#added;
	}

	/** The storyboard's cast before the run, as the director is told it. */
	brief(): CastProposal[] {
		return castBrief(this.#cast.members);
	}

	/** Add a proposed member unless the cast has them already. */
	async propose(member: CastProposal): Promise<void> {
		this.#added.push(...(await this.#cast.addProposed([member])));
	}

	/** A shot's fields with who of the cast it and its beats name, as far as the cast knows them now. */
	tag(fields: Partial<Shot>, names: ShotCastNames): Partial<Shot> {
		const tags = tagShot(names, this.#cast.members);
		return {
			...fields,
			cast: tags.cast,
			...(fields.beats ? { beats: withBeatCasts(fields.beats, tags.beatCasts) } : {})
		};
	}

	/** Keep a saved shot's names, to tag it again at the end. */
	written(shot: Shot, number: number, names: ShotCastNames): void {
		this.#written.push({ shotId: shot.id, number, names });
	}

	/**
	 * Tag the written shots again now that the whole cast is known (part of the run's step);
	 * returns the problem lines for names that match nobody.
	 */
	async finish(): Promise<string[]> {
		const unknown = new Map<number, string[]>();
		for (const { shotId, number, names } of this.#written) {
			const shot = this.#board.shots.find((other) => other.id === shotId);
			if (!shot) continue;
			const tags = tagShot(names, this.#cast.members);
			if (tags.unknown.length) unknown.set(number, tags.unknown);
			// A plain copy: the board's shots are reactive proxies, which IndexedDB cannot store.
			const beats = withBeatCasts(JSON.parse(JSON.stringify(shot.beats)), tags.beatCasts);
			const same =
				JSON.stringify(tags.cast) === JSON.stringify(shot.cast) &&
				JSON.stringify(beats) === JSON.stringify(shot.beats);
			if (!same) await this.#board.replaceShotFields(shotId, { cast: tags.cast, beats });
		}
		return unknownNamesNote(unknown);
	}

	/** What the run added, in words ("The director proposed 3 cast members: Mara, Old Tom and Harbour."). */
	summary(): string {
		const names = this.#added.map((member) => member.name);
		if (names.length === 0) return '';
		const list = joinWords(names);
		return `The director proposed ${names.length === 1 ? '1 cast member' : `${names.length} cast members`}: ${list}.`;
	}
}
