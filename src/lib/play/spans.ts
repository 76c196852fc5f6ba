import type { TimedBeat } from '$lib/export/animatic-plan';

/** A shot on the player's timeline: its time, and where the cuts between its beats fall. */
export interface ShotSpan {
	id: string;
	number: number;
	title: string;
	startS: number;
	durationS: number;
	/** The crossfade into it (0 for a cut). */
	fadeInS: number;
	/** The index of its first beat among all beats. */
	firstBeat: number;
	/** How many beats it has. */
	beatCount: number;
	/** Where each of its beats after the first starts, in seconds from the shot's start. */
	beatCutsS: number[];
}

/** The shots of a plan's beats, in order: consecutive beats of one shot make one span. */
export function shotSpans(beats: readonly TimedBeat[]): ShotSpan[] {
	const spans: ShotSpan[] = [];
	beats.forEach((beat, index) => {
		const last = spans.at(-1);
		if (last && last.id === beat.shot.id) {
			last.beatCutsS.push(beat.startS - last.startS);
			last.durationS += beat.durationS;
			last.beatCount++;
			return;
		}
		spans.push({
			id: beat.shot.id,
			number: beat.number,
			title: beat.shot.title,
			startS: beat.startS,
			durationS: beat.durationS,
			fadeInS: beat.fadeInS,
			firstBeat: index,
			beatCount: 1,
			beatCutsS: []
		});
	});
	return spans;
}
