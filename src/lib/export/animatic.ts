import type { AnimaticFile, AnimaticOptions } from './meta';
import { scriptLines } from '$lib/domain/shot';
import { makeAnimatic } from '$lib/media/client';
import { assertSignal } from '$lib/util/abort';
import { animaticJob, beatFileName, frameSize, planAnimatic, soundFileName } from './animatic-plan';
import { renderStill } from './images';
import { PAN_MARGIN } from '../../workers/shared/animatic-graph';
import type { Storyboard } from './storyboard';

export { ANIMATIC_FPS, ANIMATIC_PRESET } from './animatic-plan';

/** Stage of an animatic export a progress report is about. */
export type AnimaticStage = 'preparing' | 'encoding';

/** The finished animatic and what stood in for missing images. */
export interface AnimaticResult {
	blob: Blob;
	durationS: number;
	/** Which shots or beats had no image and what stood in, for the person; undefined when none. */
	note?: string;
}

/**
 * Make the animatic: each beat's chosen image (letterboxed, captioned with its number, its
 * shot's title and dialogue) or clip for its share of the shot, hard cuts between the beats of a
 * shot and the shot's own cut or dissolve into its first beat, optionally with the source clip's
 * sound, as H.264 in the media worker. Stills are prepared here with a canvas, then encoded there.
 */
export async function makeAnimaticVideo(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: AnimaticOptions,
	onProgress?: (done: number, total: number, stage: AnimaticStage) => void
): Promise<AnimaticResult> {
	const plan = planAnimatic(board, options);
	if (plan.beats.length === 0) throw new Error('This storyboard has no shots yet.');
	const { width, height } = frameSize(board.graph.project.aspectRatio, options.resolution);
	// A pan moves the frame across a slightly larger picture.
	const stillScale = options.kenBurns ? PAN_MARGIN : 1;
	const files: AnimaticFile[] = [];
	for (const [index, planned] of plan.beats.entries()) {
		assertSignal(signal);
		onProgress?.(index, plan.beats.length, 'preparing');
		const name = beatFileName(planned);
		if (planned.source.kind === 'video') {
			files.push({ name, blob: planned.source.blob });
			continue;
		}
		const picture = planned.source.kind === 'title' ? undefined : planned.source.blob;
		const still = await renderStill(
			picture,
			Math.round(width * stillScale),
			Math.round(height * stillScale),
			{
				label: planned.label,
				title: planned.shot.title,
				caption: options.captions,
				dialogue: scriptLines(planned.shot.dialogue)
			}
		);
		files.push({ name, blob: still });
	}
	const job = animaticJob(plan, { width, height }, options.kenBurns);
	if (plan.audio) files.push({ name: soundFileName(plan.audio), blob: plan.audio.blob });
	const blob = await makeAnimatic(signal, files, job, (done, total) =>
		onProgress?.(done, total, 'encoding')
	);
	return { blob, durationS: plan.durationS, ...(plan.note ? { note: plan.note } : {}) };
}
