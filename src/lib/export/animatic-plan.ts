import type { AspectRatio, Shot } from '$lib/domain/types';
import { extensionFor } from '$lib/util/blob';
import { clipTimings, totalFrames } from '../../workers/shared/animatic-graph';
import { aspectValue } from './pdf-layout';
import type { AnimaticJob, AnimaticOptions, AnimaticResolution, EncoderPreset } from './meta';
import { chosenTake, type Storyboard } from './storyboard';

/** What a shot of the animatic shows: its chosen clip or image, or what stands in for it. */
export type ShotSource =
	| { kind: 'video'; blob: Blob; mime: string }
	| { kind: 'image'; blob: Blob }
	| { kind: 'keyframe'; blob: Blob }
	| { kind: 'title' };

/** One planned shot. */
export interface PlannedShot {
	shot: Shot;
	number: number;
	source: ShotSource;
}

/**
 * What each shot shows in a style: a chosen video take's clip, else the chosen image, else the
 * shot's keyframe from the source clip, else a title card.
 */
export function planShots(board: Storyboard, styleId: string | undefined): PlannedShot[] {
	return board.shots.map((shot, index) => {
		const asset = (id: string | undefined) => (id ? board.assets.get(id) : undefined);
		const video = styleId ? chosenTake(board, shot.beats[0]!.id, styleId, 'video') : undefined;
		const clip = asset(video?.videoAssetId);
		const image = asset(
			styleId ? chosenTake(board, shot.beats[0]!.id, styleId, 'image')?.imageAssetId : undefined
		);
		const keyframe = asset(shot.keyframeAssetId);
		const source: ShotSource = clip
			? { kind: 'video', blob: clip.blob, mime: clip.mime }
			: image
				? { kind: 'image', blob: image.blob }
				: keyframe
					? { kind: 'keyframe', blob: keyframe.blob }
					: { kind: 'title' };
		return { shot, number: index + 1, source };
	});
}

/** "2 and 5", "1, 3 and 4". */
function listNumbers(numbers: number[]): string {
	if (numbers.length === 1) return String(numbers[0]);
	return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** The sentence that says which shots had no image and what stood in, or undefined. */
export function standInNote(plan: readonly PlannedShot[]): string | undefined {
	const keyframes = plan.filter((p) => p.source.kind === 'keyframe').map((p) => p.number);
	const titles = plan.filter((p) => p.source.kind === 'title').map((p) => p.number);
	const parts: string[] = [];
	if (keyframes.length) {
		parts.push(
			`${keyframes.length === 1 ? 'Shot' : 'Shots'} ${listNumbers(keyframes)} had no image: the source keyframe stood in.`
		);
	}
	if (titles.length) {
		parts.push(
			`${titles.length === 1 ? 'Shot' : 'Shots'} ${listNumbers(titles)} had no image: a title card stood in.`
		);
	}
	return parts.length ? parts.join(' ') : undefined;
}

/** The frame size for a resolution ("720p": the short side) in the storyboard's aspect ratio; even numbers. */
export function frameSize(aspect: AspectRatio | string, resolution: AnimaticResolution) {
	const ratio = aspectValue(aspect);
	const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
	return ratio >= 1
		? { width: even(resolution * ratio), height: resolution }
		: { width: resolution, height: even(resolution / ratio) };
}

/** Frames per second of every animatic. */
export const ANIMATIC_FPS = 25;
/** x264's speed preset for animatics (see `npm run bench:export`). */
export const ANIMATIC_PRESET: EncoderPreset = 'ultrafast';

/** One shot placed on the animatic's timeline, in seconds on whole frames. */
export interface TimedShot extends PlannedShot {
	/** Where its cut falls: the middle of the crossfade into it, if any. */
	startS: number;
	/** How long it is seen, from its cut to the next one. */
	durationS: number;
	/** Length of the crossfade into it, centred on `startS`; 0 for a cut. */
	fadeInS: number;
	/** When its picture first shows (a video take's clip starts playing here). */
	inS: number;
}

/** Everything that decides what the animatic shows when, for the export and the player alike. */
export interface AnimaticPlan {
	fps: number;
	shots: TimedShot[];
	/** The whole animatic, a whole number of frames. */
	durationS: number;
	/** The source clip's sound under the whole animatic, from `startS` in the clip. */
	audio?: { blob: Blob; mime: string; startS: number };
	/** Which shots had no image and what stood in, for the person; undefined when none. */
	note?: string;
}

/** What of the animatic's options decides the plan (resolution and pan only change pixels). */
export type PlanOptions = Pick<AnimaticOptions, 'styleId' | 'sourceAudio'>;

/**
 * The animatic's plan: each shot's source (see `planShots`) and its place in time as the
 * encoder puts it (`clipTimings`: cuts on the frame nearest their running time, crossfades
 * centred on the cut), and the source clip's sound from the first shot's source time when
 * asked for and the clip has sound.
 */
export function planAnimatic(
	board: Storyboard,
	options: PlanOptions,
	fps = ANIMATIC_FPS
): AnimaticPlan {
	const planned = planShots(board, options.styleId ?? board.styles[0]?.id);
	const timings = clipTimings(
		planned.map(({ shot }) => ({ durationS: shot.durationS, transition: shot.transition })),
		fps
	);
	let frame = 0;
	const shots = planned.map((p, i) => {
		const { frames, fadeIn } = timings[i]!;
		const startS = frame / fps;
		frame += frames;
		const fadeInS = fadeIn / fps;
		return { ...p, startS, durationS: frames / fps, fadeInS, inS: startS - fadeInS / 2 };
	});
	const { project } = board.graph;
	const source = project.source.videoAssetId
		? board.assets.get(project.source.videoAssetId)
		: undefined;
	const plan: AnimaticPlan = { fps, shots, durationS: totalFrames(timings) / fps };
	if (options.sourceAudio && source && project.source.probe?.hasAudio !== false && shots.length) {
		const startS = shots[0]!.shot.sourceTimeS ?? 0;
		plan.audio = { blob: source.blob, mime: source.mime, startS };
	}
	const note = standInNote(planned);
	if (note) plan.note = note;
	return plan;
}

/** The engine's file name for a shot's picture or clip: `shot-003.jpg`, `shot-004.mp4`. */
export function shotFileName(planned: PlannedShot): string {
	const name = `shot-${String(planned.number).padStart(3, '0')}`;
	return planned.source.kind === 'video'
		? `${name}.${extensionFor(planned.source.mime)}`
		: `${name}.jpg`;
}

/** The engine's file name for the source clip whose sound goes under the animatic. */
export function soundFileName(audio: NonNullable<AnimaticPlan['audio']>): string {
	return `source.${extensionFor(audio.mime)}`;
}

/**
 * What the media worker is asked to encode for a plan: each shot's file for its duration and
 * transition (the worker times them with the same `clipTimings`), and the sound.
 */
export function animaticJob(
	plan: AnimaticPlan,
	size: { width: number; height: number },
	kenBurns: boolean
): AnimaticJob {
	const job: AnimaticJob = {
		...size,
		fps: plan.fps,
		clips: plan.shots.map((planned) => ({
			kind: planned.source.kind === 'video' ? 'video' : 'still',
			path: shotFileName(planned),
			durationS: planned.shot.durationS,
			transition: planned.shot.transition
		})),
		kenBurns,
		preset: ANIMATIC_PRESET
	};
	if (plan.audio) job.audio = { path: soundFileName(plan.audio), startS: plan.audio.startS };
	return job;
}

/** The shot seen at `timeS`: the last whose cut is at or before it. */
export function shotIndexAt(plan: AnimaticPlan, timeS: number): number {
	let index = 0;
	for (const [i, shot] of plan.shots.entries()) {
		if (shot.startS <= timeS + 1e-9) index = i;
		else break;
	}
	return index;
}

/** A picture on screen at one moment: which shot, and how opaque over the one below. */
export interface Layer {
	index: number;
	opacity: number;
}

/**
 * The pictures seen at `timeS`, bottom first: the current shot, and during a crossfade the
 * other shot of it, the incoming one laid over the outgoing one with rising opacity (as the
 * encoder's `fade` with alpha over `overlay` does).
 */
export function layersAt(plan: AnimaticPlan, timeS: number): Layer[] {
	if (plan.shots.length === 0) return [];
	const index = shotIndexAt(plan, timeS);
	const fading = (i: number) => {
		const shot = plan.shots[i];
		if (!shot || shot.fadeInS === 0) return undefined;
		const opacity = (timeS - shot.inS) / shot.fadeInS;
		return opacity > 0 && opacity < 1 ? opacity : undefined;
	};
	const into = fading(index);
	if (into !== undefined)
		return [
			{ index: index - 1, opacity: 1 },
			{ index, opacity: into }
		];
	const next = fading(index + 1);
	if (next !== undefined)
		return [
			{ index, opacity: 1 },
			{ index: index + 1, opacity: next }
		];
	return [{ index, opacity: 1 }];
}

/** Where a shot's video clip is at `timeS`: it starts when its picture first shows. */
export function clipTimeAt(shot: TimedShot, timeS: number): number {
	return Math.max(0, timeS - shot.inS);
}
