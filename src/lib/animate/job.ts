import { firstBeatId } from '$lib/domain/beats';

/** The job kind "Animate" saves its work under: one item per beat and request. */
export const ANIMATE_JOB_KIND = 'animate';

/** What one animate item makes a clip of: a beat's chosen picture in a style. */
export interface AnimateTarget {
	shotId: string;
	beatId: string;
	styleId: string;
}

/** A job item's key: the beat and style it animates, and which request of the person's it was. */
export const animateKey = (target: AnimateTarget, request: number) =>
	`${target.shotId}|${target.styleId}|video|${request}|${target.beatId}`;

/**
 * The beat and style an animate item key stands for. A key saved before beats existed
 * (`shot|style|video|request`) stands for the shot's first beat, as its takes do.
 */
export function parseAnimateKey(key: string): AnimateTarget | undefined {
	const [shotId, styleId, , , beatId] = key.split('|');
	if (!shotId || !styleId) return undefined;
	return { shotId, styleId, beatId: beatId || firstBeatId(shotId) };
}
