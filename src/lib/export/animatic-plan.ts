import { beatDurations } from '$lib/domain/beats';
import { joinWords } from '$lib/util/sentence';
import type { AspectRatio, Beat, Shot, Take, Transition } from '$lib/domain/types';
import { extensionFor } from '$lib/util/blob';
import { clipTimings, totalFrames } from '../../workers/shared/animatic-graph';
import { aspectValue } from './pdf-layout';
import type { AnimaticJob, AnimaticOptions, AnimaticResolution, EncoderPreset } from './meta';
import { panelLabel } from './naming';
import { chosenTake, type Storyboard } from './storyboard';

/** What a beat of the animatic shows: its chosen clip or image, or what stands in for it. */
export type BeatSource =
	| { kind: 'video'; blob: Blob; mime: string }
	| { kind: 'image'; blob: Blob }
	| { kind: 'keyframe'; blob: Blob }
	| { kind: 'title' };

/** One planned beat: a panel of the animatic, held for its share of its shot. */
export interface PlannedBeat {
	shot: Shot;
	beat: Beat;
	/** The shot's number, from 1. */
	number: number;
	/** The beat's place in its shot, from 0. */
	beatIndex: number;
	/** "2" for a shot of one beat, "2.3" for a beat of several (see `panelLabel`). */
	label: string;
	/** Seconds it is held: its share of the shot's duration. */
	shareS: number;
	/** How it follows the beat before: the shot's transition for a first beat, a cut inside a shot. */
	transition: Transition;
	source: BeatSource;
}

/**
 * Every beat of every shot in order, and what each shows in a style: a chosen video take's clip,
 * else the chosen image, else the beat's (or its shot's) keyframe from the source clip, else a
 * title card.
 */
export function planBeats(board: Storyboard, styleId: string | undefined): PlannedBeat[] {
	const asset = (id: string | undefined) => (id ? board.assets.get(id) : undefined);
	const chosen = (beatId: string, kind: Take['kind']) =>
		styleId ? chosenTake(board, beatId, styleId, kind) : undefined;
	return board.shots.flatMap((shot, index) => {
		const shares = beatDurations(shot);
		return shot.beats.map((beat, beatIndex) => {
			const clip = asset(chosen(beat.id, 'video')?.videoAssetId);
			const image = asset(chosen(beat.id, 'image')?.imageAssetId);
			const keyframe = asset(beat.keyframeAssetId) ?? asset(shot.keyframeAssetId);
			const source: BeatSource = clip
				? { kind: 'video', blob: clip.blob, mime: clip.mime }
				: image
					? { kind: 'image', blob: image.blob }
					: keyframe
						? { kind: 'keyframe', blob: keyframe.blob }
						: { kind: 'title' };
			return {
				shot,
				beat,
				number: index + 1,
				beatIndex,
				label: panelLabel(index + 1, beatIndex, shot.beats.length),
				shareS: shares[beatIndex]!,
				transition: beatIndex === 0 ? shot.transition : 'cut',
				source
			};
		});
	});
}

/** "Shot 2", "Shots 2 and 5", "Beat 2.3", "Beats 2.1 and 4". */
function named(labels: string[]): string {
	const noun = labels.some((label) => label.includes('.')) ? 'Beat' : 'Shot';
	return `${noun}${labels.length === 1 ? '' : 's'} ${joinWords(labels)}`;
}

/** The sentence that says which shots or beats had no image and what stood in, or undefined. */
export function standInNote(plan: readonly PlannedBeat[]): string | undefined {
	const keyframes = plan.filter((p) => p.source.kind === 'keyframe').map((p) => p.label);
	const titles = plan.filter((p) => p.source.kind === 'title').map((p) => p.label);
	const parts: string[] = [];
	if (keyframes.length)
		parts.push(`${named(keyframes)} had no image: the source keyframe stood in.`);
	if (titles.length) parts.push(`${named(titles)} had no image: a title card stood in.`);
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

/** One beat placed on the animatic's timeline, in seconds on whole frames. */
export interface TimedBeat extends PlannedBeat {
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
	/** Every beat of every shot, in order. */
	beats: TimedBeat[];
	/** The whole animatic, a whole number of frames. */
	durationS: number;
	/** The source clip's sound under the whole animatic, from `startS` in the clip. */
	audio?: { blob: Blob; mime: string; startS: number };
	/** Which shots or beats had no image and what stood in, for the person; undefined when none. */
	note?: string;
}

/** What of the animatic's options decides the plan (resolution and pan only change pixels). */
export type PlanOptions = Pick<AnimaticOptions, 'styleId' | 'sourceAudio'>;

/**
 * The animatic's plan: each beat's source (see `planBeats`) and its place in time as the
 * encoder puts it (`clipTimings`: each beat held for its share of its shot, cuts on the frame
 * nearest their running time, crossfades centred on the cut and only into the first beat of a
 * shot that dissolves in), and the source clip's sound from the first shot's source time when
 * asked for and the clip has sound.
 */
export function planAnimatic(
	board: Storyboard,
	options: PlanOptions,
	fps = ANIMATIC_FPS
): AnimaticPlan {
	const planned = planBeats(board, options.styleId ?? board.styles[0]?.id);
	const timings = clipTimings(
		planned.map(({ shareS, transition }) => ({ durationS: shareS, transition })),
		fps
	);
	let frame = 0;
	const beats = planned.map((p, i) => {
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
	const plan: AnimaticPlan = { fps, beats, durationS: totalFrames(timings) / fps };
	if (options.sourceAudio && source && project.source.probe?.hasAudio !== false && beats.length) {
		const startS = beats[0]!.shot.sourceTimeS ?? 0;
		plan.audio = { blob: source.blob, mime: source.mime, startS };
	}
	const note = standInNote(planned);
	if (note) plan.note = note;
	return plan;
}

/** The engine's file name for a beat's picture or clip: `beat-003-1.jpg`, `beat-004-2.mp4`. */
export function beatFileName(planned: PlannedBeat): string {
	const name = `beat-${String(planned.number).padStart(3, '0')}-${planned.beatIndex + 1}`;
	return planned.source.kind === 'video'
		? `${name}.${extensionFor(planned.source.mime)}`
		: `${name}.jpg`;
}

/** The engine's file name for the source clip whose sound goes under the animatic. */
export function soundFileName(audio: NonNullable<AnimaticPlan['audio']>): string {
	return `source.${extensionFor(audio.mime)}`;
}

/**
 * What the media worker is asked to encode for a plan: each beat's file for its share of its
 * shot and its transition (the worker times them with the same `clipTimings`), and the sound.
 */
export function animaticJob(
	plan: AnimaticPlan,
	size: { width: number; height: number },
	kenBurns: boolean
): AnimaticJob {
	const job: AnimaticJob = {
		...size,
		fps: plan.fps,
		clips: plan.beats.map((planned) => ({
			kind: planned.source.kind === 'video' ? 'video' : 'still',
			path: beatFileName(planned),
			durationS: planned.shareS,
			transition: planned.transition
		})),
		kenBurns,
		preset: ANIMATIC_PRESET
	};
	if (plan.audio) job.audio = { path: soundFileName(plan.audio), startS: plan.audio.startS };
	return job;
}

/** The beat seen at `timeS`: the last whose cut is at or before it. */
export function beatIndexAt(plan: AnimaticPlan, timeS: number): number {
	let index = 0;
	for (const [i, beat] of plan.beats.entries()) {
		if (beat.startS <= timeS + 1e-9) index = i;
		else break;
	}
	return index;
}

/** A picture on screen at one moment: which beat, and how opaque over the one below. */
export interface Layer {
	index: number;
	opacity: number;
}

/**
 * The pictures seen at `timeS`, bottom first: the current beat, and during a crossfade the
 * other beat of it, the incoming one laid over the outgoing one with rising opacity (as the
 * encoder's `fade` with alpha over `overlay` does).
 */
export function layersAt(plan: AnimaticPlan, timeS: number): Layer[] {
	if (plan.beats.length === 0) return [];
	const index = beatIndexAt(plan, timeS);
	const fading = (i: number) => {
		const beat = plan.beats[i];
		if (!beat || beat.fadeInS === 0) return undefined;
		const opacity = (timeS - beat.inS) / beat.fadeInS;
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

/** Where a beat's video clip is at `timeS`: it starts when its picture first shows. */
export function clipTimeAt(beat: TimedBeat, timeS: number): number {
	return Math.max(0, timeS - beat.inS);
}
