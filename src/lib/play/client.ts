import { planAnimatic, type AnimaticPlan } from '$lib/export/animatic-plan';
import { choicesOf, loadStoryboard, type ExportChoices } from '$lib/export/client';
import { aspectValue } from '$lib/export/pdf-layout';
import type { PlayOptions } from './meta';

export { beatIndexAt, clipTimeAt, layersAt } from '$lib/export/animatic-plan';
export type { AnimaticPlan, Layer, TimedBeat } from '$lib/export/animatic-plan';

/** What the player plays: the animatic's own plan, and what it may offer to change. */
export interface Playback extends ExportChoices {
	plan: AnimaticPlan;
	/** Width over height of the storyboard's frame. */
	ratio: number;
}

/**
 * The saved storyboard as the animatic export would encode it with these options: the same
 * plan (beats, sources, cuts, dissolves, sound), read from IndexedDB, so it plays offline.
 */
export async function loadPlayback(projectId: string, options: PlayOptions): Promise<Playback> {
	const board = await loadStoryboard(projectId);
	const plan = planAnimatic(board, { styleId: options.styleId, sourceAudio: options.sourceSound });
	return { ...choicesOf(board), plan, ratio: aspectValue(board.graph.project.aspectRatio) };
}
