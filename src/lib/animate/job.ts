/** The job kind "Animate" saves its work under: one item per shot and request. */
export const ANIMATE_JOB_KIND = 'animate';

/** A job item's key: the shot and style it animates, and which request of the person's it was. */
export const animateKey = (target: { shotId: string; styleId: string }, request: number) =>
	`${target.shotId}|${target.styleId}|video|${request}`;
