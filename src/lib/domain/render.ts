import type { Shot, Style, Take } from './types';

/** One shot in one style: what a render job item stands for. */
export interface RenderTarget {
	shotId: string;
	styleId: string;
}

/**
 * A render item's key in its job. `attempt` tells apart several takes of the same shot and
 * style asked for in one job (it is 1 unless the person asked for more).
 */
export function renderItemKey(target: RenderTarget, request = 1): string {
	return `${target.shotId}|${target.styleId}|${request}`;
}

/** The shot and style a render item key stands for. */
export function parseRenderItemKey(key: string): RenderTarget | undefined {
	const [shotId, styleId] = key.split('|');
	return shotId && styleId ? { shotId, styleId } : undefined;
}

/**
 * A shot's `transition` is how it begins after the one before it. The first shot and a shot
 * that begins on a cut start fresh; a dissolve carries the previous picture into this one, so
 * the render gets the previous shot's chosen image for continuity.
 */
export function needsContinuity(shots: readonly Shot[], index: number): boolean {
	return index > 0 && shots[index]?.transition === 'dissolve';
}

/** Every shot x style pair that has no chosen image yet, in storyboard order. */
export function missingRenders(
	shots: readonly Shot[],
	styles: readonly Style[],
	takes: readonly Take[]
): RenderTarget[] {
	const has = new Set(
		takes
			.filter((take) => take.kind === 'image' && take.chosen)
			.map((take) => `${take.shotId}|${take.styleId}`)
	);
	const targets: RenderTarget[] = [];
	for (const shot of shots) {
		for (const style of styles) {
			if (!has.has(`${shot.id}|${style.id}`)) targets.push({ shotId: shot.id, styleId: style.id });
		}
	}
	return targets;
}
