import { firstBeatId, type BeatPlace } from './beats';
import type { Shot, Style, Take } from './types';

/** One beat of a shot in one style: what a render job item stands for. */
export interface RenderTarget {
	shotId: string;
	beatId: string;
	styleId: string;
}

/**
 * A render item's key in its job: `shot|style|request|beat`. `request` tells apart several
 * takes of the same beat and style asked for in one job (1 unless the person asked for more).
 */
export function renderItemKey(target: RenderTarget, request = 1): string {
	return `${target.shotId}|${target.styleId}|${request}|${target.beatId}`;
}

/**
 * The beat and style a render item key stands for. A key saved before beats existed
 * (`shot|style|request`) stands for the shot's first beat, as its takes do.
 */
export function parseRenderItemKey(key: string): RenderTarget | undefined {
	const [shotId, styleId, , beatId] = key.split('|');
	if (!shotId || !styleId) return undefined;
	return { shotId, styleId, beatId: beatId || firstBeatId(shotId) };
}

/**
 * The beat whose chosen picture a render of the beat at `place` carries for continuity, or
 * undefined when it starts fresh from the style reference. A later beat of a shot is the same
 * set-up a moment on, so it follows the beat before it. A shot's first beat follows the shot's
 * `transition`, how it begins after the shot before: a cut starts fresh, a dissolve carries the
 * previous shot's last beat into this one.
 */
export function continuityBeat(
	shots: readonly Pick<Shot, 'beats' | 'transition'>[],
	place: BeatPlace
): BeatPlace | undefined {
	const { shotIndex, beatIndex } = place;
	const shot = shots[shotIndex];
	if (!shot || beatIndex < 0 || beatIndex >= shot.beats.length) return undefined;
	if (beatIndex > 0) return { shotIndex, beatIndex: beatIndex - 1 };
	const previous = shots[shotIndex - 1];
	if (!previous || shot.transition !== 'dissolve' || previous.beats.length === 0) return undefined;
	return { shotIndex: shotIndex - 1, beatIndex: previous.beats.length - 1 };
}

/** Every beat x style that has no chosen image yet, in storyboard order. */
export function missingRenders(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	styles: readonly Pick<Style, 'id'>[],
	takes: readonly Pick<Take, 'kind' | 'chosen' | 'beatId' | 'styleId'>[]
): RenderTarget[] {
	const has = new Set(
		takes
			.filter((take) => take.kind === 'image' && take.chosen)
			.map((take) => `${take.beatId}|${take.styleId}`)
	);
	const targets: RenderTarget[] = [];
	for (const shot of shots) {
		for (const beat of shot.beats) {
			for (const style of styles) {
				if (!has.has(`${beat.id}|${style.id}`)) {
					targets.push({ shotId: shot.id, beatId: beat.id, styleId: style.id });
				}
			}
		}
	}
	return targets;
}
