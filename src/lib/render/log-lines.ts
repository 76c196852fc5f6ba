import { formatCost } from '$lib/ai/costs';

import { capitalize } from '$lib/util/sentence';
import { inBeats } from './meta';

/**
 * The activity log's line for a finished run: the beats this run asked for (not every item
 * the job ever held; a beat in two styles counts twice), how many failed, and what the run cost.
 */
export function renderFinishedLine(
	counts: { total: number; done: number; failed: number },
	costUsd: number
): string {
	const made =
		counts.done === counts.total
			? inBeats(counts.done)
			: `${counts.done} of ${inBeats(counts.total)}`;
	const failed = counts.failed ? `, ${counts.failed} failed` : '';
	return `Rendering finished: ${made}${failed} (${formatCost(costUsd)}).`;
}

/** The activity log's line for one image that failed for good: which beat ("beat 2.3", "shot 2"), which style, why. */
export function renderFailedLine(
	beatName: string | undefined,
	styleName: string | undefined,
	reason: string | undefined
): string {
	const what = beatName ? capitalize(beatName) : 'An image';
	const style = styleName ? ` in “${styleName}”` : '';
	return `${what}${style} could not be rendered: ${reason?.trim() || 'no reason given.'}`;
}
