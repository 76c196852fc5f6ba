import { beatDurations, beatNumber } from '$lib/domain/beats';
import type { Shot } from '$lib/domain/types';

/** A beat's chosen picture, the still a clip of that beat starts from. */
export interface BeatStill {
	shotId: string;
	beatId: string;
	styleId: string;
	imageAssetId: string;
	/** "2.3" */
	number: string;
	/** How long the beat is held: its share of the shot. */
	durationS: number;
}

type ChosenOf = (beatId: string, styleId: string) => { imageAssetId: string } | undefined;

/**
 * The stills to animate the beats of these shots from, in storyboard order: each beat's chosen
 * picture in the first style (of `styleIds`) that has one. A beat without a picture is left out.
 */
export function beatStills(
	shots: readonly Pick<Shot, 'id' | 'beats' | 'durationS'>[],
	shotIds: readonly string[],
	styleIds: readonly string[],
	chosenOf: ChosenOf,
	onlyBeatId?: string
): BeatStill[] {
	const wanted = new Set(shotIds);
	const stills: BeatStill[] = [];
	for (const [shotIndex, shot] of shots.entries()) {
		if (!wanted.has(shot.id)) continue;
		const durations = beatDurations(shot);
		for (const [beatIndex, beat] of shot.beats.entries()) {
			if (onlyBeatId !== undefined && beat.id !== onlyBeatId) continue;
			for (const styleId of styleIds) {
				const take = chosenOf(beat.id, styleId);
				if (!take) continue;
				stills.push({
					shotId: shot.id,
					beatId: beat.id,
					styleId,
					imageAssetId: take.imageAssetId,
					number: beatNumber(shotIndex + 1, beatIndex),
					durationS: durations[beatIndex]!
				});
				break;
			}
		}
	}
	return stills;
}

/**
 * The beat a clip of this beat ends on, when the model takes a last frame: the next beat of
 * the same shot (the next moment of the set-up), else the next shot's first beat.
 */
export function nextBeatId(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	shotId: string,
	beatId: string
): string | undefined {
	const shotIndex = shots.findIndex((shot) => shot.id === shotId);
	const beats = shots[shotIndex]?.beats ?? [];
	const beatIndex = beats.findIndex((beat) => beat.id === beatId);
	if (beatIndex < 0) return undefined;
	return beats[beatIndex + 1]?.id ?? shots[shotIndex + 1]?.beats[0]?.id;
}
