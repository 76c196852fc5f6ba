import type {
	AnimaticClip,
	AnimaticFile,
	AnimaticJob,
	AnimaticOptions,
	EncoderPreset
} from './meta';
import { scriptLines } from '$lib/domain/shot';
import { makeAnimatic } from '$lib/media/client';
import { assertSignal } from '$lib/util/abort';
import { extensionFor } from '$lib/util/blob';
import { frameSize, planShots, standInNote } from './animatic-plan';
import { renderStill } from './images';
import { PAN_MARGIN, clipTimings, totalFrames } from '../../workers/shared/animatic-graph';
import type { Storyboard } from './storyboard';

/** Frames per second of every animatic. */
export const ANIMATIC_FPS = 25;
/** x264's speed preset for animatics (see `npm run bench:export`). */
export const ANIMATIC_PRESET: EncoderPreset = 'ultrafast';

/** Stage of an animatic export a progress report is about. */
export type AnimaticStage = 'preparing' | 'encoding';

/** The finished animatic and what stood in for missing images. */
export interface AnimaticResult {
	blob: Blob;
	durationS: number;
	/** Which shots had no image and what stood in, for the person; undefined when none. */
	note?: string;
}

/**
 * Make the animatic: each shot's chosen image (letterboxed, captioned with its title and
 * dialogue) or clip for its
 * duration, cut or dissolve per its transition, optionally with the source clip's sound, as
 * H.264 in the media worker. Stills are prepared here with a canvas, then encoded there.
 */
export async function makeAnimaticVideo(
	signal: AbortSignal | undefined,
	board: Storyboard,
	options: AnimaticOptions,
	onProgress?: (done: number, total: number, stage: AnimaticStage) => void
): Promise<AnimaticResult> {
	const { project } = board.graph;
	const plan = planShots(board, options.styleId ?? board.styles[0]?.id);
	if (plan.length === 0) throw new Error('This storyboard has no shots yet.');
	const { width, height } = frameSize(project.aspectRatio, options.resolution);
	// A pan moves the frame across a slightly larger picture.
	const stillScale = options.kenBurns ? PAN_MARGIN : 1;
	const files: AnimaticFile[] = [];
	const clips: AnimaticClip[] = [];
	for (const [index, planned] of plan.entries()) {
		assertSignal(signal);
		onProgress?.(index, plan.length, 'preparing');
		const name = `shot-${String(planned.number).padStart(3, '0')}`;
		const base = { durationS: planned.shot.durationS, transition: planned.shot.transition };
		if (planned.source.kind === 'video') {
			const file = `${name}.${extensionFor(planned.source.mime)}`;
			files.push({ name: file, blob: planned.source.blob });
			clips.push({ ...base, kind: 'video', path: file });
			continue;
		}
		const picture = planned.source.kind === 'title' ? undefined : planned.source.blob;
		const still = await renderStill(
			picture,
			Math.round(width * stillScale),
			Math.round(height * stillScale),
			{
				number: planned.number,
				title: planned.shot.title,
				caption: options.captions,
				dialogue: scriptLines(planned.shot.dialogue)
			}
		);
		files.push({ name: `${name}.jpg`, blob: still });
		clips.push({ ...base, kind: 'still', path: `${name}.jpg` });
	}
	const job: AnimaticJob = {
		width,
		height,
		fps: ANIMATIC_FPS,
		clips,
		kenBurns: options.kenBurns,
		preset: ANIMATIC_PRESET
	};
	const source = project.source.videoAssetId
		? board.assets.get(project.source.videoAssetId)
		: undefined;
	if (options.sourceAudio && source && project.source.probe?.hasAudio !== false) {
		const file = `source.${extensionFor(source.mime)}`;
		files.push({ name: file, blob: source.blob });
		job.audio = { path: file, startS: plan[0]!.shot.sourceTimeS ?? 0 };
	}
	const blob = await makeAnimatic(signal, files, job, (done, total) =>
		onProgress?.(done, total, 'encoding')
	);
	const durationS = totalFrames(clipTimings(clips, ANIMATIC_FPS)) / ANIMATIC_FPS;
	const note = standInNote(plan);
	return { blob, durationS, ...(note ? { note } : {}) };
}
