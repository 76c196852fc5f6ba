import type { RenderTarget } from '$lib/domain/render';
import type { Shot } from '$lib/domain/types';

/**
 * What "Render" on some shots asks for: every beat of each (or only `beatId`) in every style
 * of `styleIds`, beat by beat in storyboard order, so a later beat follows the one before it.
 */
export function renderTargets(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	shotIds: readonly string[],
	styleIds: readonly string[],
	beatId?: string
): RenderTarget[] {
	const wanted = new Set(shotIds);
	return shots
		.filter((shot) => wanted.has(shot.id))
		.flatMap((shot) =>
			shot.beats
				.filter((beat) => beatId === undefined || beat.id === beatId)
				.flatMap((beat) =>
					styleIds.map((styleId) => ({ shotId: shot.id, beatId: beat.id, styleId }))
				)
		);
}
