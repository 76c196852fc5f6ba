import { formatDuration } from '$lib/util/time';

/** A take as the log names it: "shot 2 in “Ink wash”". */
export interface TakeName {
	shotNumber: number | undefined;
	styleName: string | undefined;
}

function takeWords({ shotNumber, styleName }: TakeName): string {
	const shot = shotNumber === undefined ? 'a deleted shot' : `shot ${shotNumber}`;
	return styleName ? `${shot} in “${styleName}”` : shot;
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

/** "shots 1, 2 and 4" for the takes of "Upscale chosen" (deleted shots left out). */
function shotsWords(takes: readonly TakeName[]): string {
	const numbers = [
		...new Set(takes.map((t) => t.shotNumber).filter((n): n is number => n !== undefined))
	].sort((a, b) => a - b);
	if (numbers.length === 0) return '';
	if (numbers.length === 1) return ` (shot ${numbers[0]})`;
	return ` (shots ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]})`;
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
	const why = failed.map(
		(f) => ` ${takeWords(f).replace(/^./, (c) => c.toUpperCase())} failed: ${f.reason}`
	);
	return made + why.join('');
}
