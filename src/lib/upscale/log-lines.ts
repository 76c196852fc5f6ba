import { placeList, placeName, type ItemPlace } from '$lib/jobs/run';
import { capitalize } from '$lib/util/sentence';
import { formatDuration } from '$lib/util/time';

/**
 * A take as the log names it: "shot 2 in “Ink wash”", or "beat 2.3 in “Ink wash”" when its
 * shot has several beats (`beatIndex` from 0 of `beatCount`; a shot of one beat when not given).
 */
export interface TakeName {
	shotNumber: number | undefined;
	beatIndex?: number;
	beatCount?: number;
	styleName: string | undefined;
}

function placeOf({ shotNumber, beatIndex, beatCount }: TakeName): ItemPlace | undefined {
	if (shotNumber === undefined) return undefined;
	return { shotNumber, beatIndex: beatIndex ?? 0, beatCount: beatCount ?? 1 };
}

const lowerFirst = (text: string) => text.replace(/^./, (c) => c.toLowerCase());

function takeWords(take: TakeName): string {
	const place = placeOf(take);
	const what = place ? placeName(place) : 'a deleted shot';
	return take.styleName ? `${what} in “${take.styleName}”` : what;
}

function seconds(ms: number): string {
	return ms < 100 ? 'under 0.1 s' : formatDuration(ms / 1000);
}

/** The log's line for one take upscaled from its panel: which take, the model, the size and the time. */
export function takeUpscaledLine(
	take: TakeName,
	model: string,
	outscale: number,
	size: { width: number; height: number },
	ms: number
): string {
	return `Upscaled ${takeWords(take)} to ${outscale}× with “${model}” (${size.width} × ${size.height} px, ${seconds(ms)}).`;
}

/** The log's line for an upscale that failed, with the reason the person was shown. */
export function takeUpscaleFailedLine(take: TakeName, reason: string): string {
	return `Upscaling ${takeWords(take)} failed: ${reason}`;
}

/** " (shots 1, 2 and 4)" or " (beats 2.1 and 2.3)" for the takes of "Upscale chosen" (deleted ones left out). */
function shotsWords(takes: readonly TakeName[]): string {
	const places = takes
		.map(placeOf)
		.filter((place): place is ItemPlace => place !== undefined)
		.filter(
			(place, index, all) =>
				all.findIndex(
					(other) => other.shotNumber === place.shotNumber && other.beatIndex === place.beatIndex
				) === index
		)
		.sort((a, b) => a.shotNumber - b.shotNumber || a.beatIndex - b.beatIndex);
	return places.length === 0 ? '' : ` (${lowerFirst(placeList(places))})`;
}

const pictures = (n: number) => `${n} chosen ${n === 1 ? 'picture' : 'pictures'}`;

/** The log's line when "Upscale chosen" starts: how many, which shots, the model and scale. */
export function upscaleChosenStartedLine(
	takes: readonly TakeName[],
	model: string | undefined,
	outscale: number
): string {
	return `Upscaling ${pictures(takes.length)}${shotsWords(takes)} to ${outscale}×${model ? ` with “${model}”` : ''}.`;
}

/** The log's line when "Upscale chosen" ends: done, failed (with each reason) or cancelled. */
export function upscaleChosenEndedLine(outcome: {
	state: 'done' | 'cancelled';
	done: readonly TakeName[];
	failed: readonly (TakeName & { reason: string })[];
	total: number;
}): string {
	const { done, failed, total } = outcome;
	if (outcome.state === 'cancelled') {
		return `Upscaling cancelled after ${done.length} of ${pictures(total)}.`;
	}
	const made =
		done.length === total
			? `Upscaled ${pictures(total)}${shotsWords(done)}.`
			: `Upscaled ${done.length} of ${pictures(total)}${shotsWords(done)}.`;
	const why = failed.map((f) => ` ${capitalize(takeWords(f))} failed: ${f.reason}`);
	return made + why.join('');
}
