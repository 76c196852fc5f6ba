import { inBeats, type StyleProgress } from './meta';

/**
 * What the Render panel says about one style in the current run, counted in beats: "Rendering
 * beat 2.3 in Ink wash · 14 of 30 beats", "Paused in Ink wash at 14 of 30 beats", "Rendered 30
 * of 30 beats in Ink wash". The place counts the beat being worked on, as a reader counts pages.
 */
export function styleProgressLine(
	styleName: string,
	counts: StyleProgress,
	state: 'running' | 'paused' | 'done' | 'cancelled'
): string {
	const finished = counts.done + counts.failed;
	if (finished >= counts.total || state === 'done' || state === 'cancelled') {
		return `Rendered ${counts.done} of ${inBeats(counts.total)} in ${styleName}`;
	}
	const at = `${Math.min(counts.total, finished + 1)} of ${inBeats(counts.total)}`;
	if (state === 'paused') return `Paused in ${styleName} at ${at}`;
	const which = counts.rendering ? ` ${counts.rendering}` : '';
	return `Rendering${which} in ${styleName} · ${at}`;
}
