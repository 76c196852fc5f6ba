import type { VideoProbe } from '$lib/domain/types';

export type { VideoProbe };

/** What this capability is called in the UI. */
export const label = 'Video frames and cuts';

/** Settings for sampling frames and finding cuts (`MediaOptionsSchema`); all have defaults. */
export {
	defaultMediaOptions as defaultOptions,
	MEDIA_OPTION_LIMITS as LIMITS,
	restoreMediaOptions as restoreOptions,
	type MediaOptions as Options
} from '$lib/domain/settings';

/** Why a file cannot be used; each has one clear sentence in `mediaErrorMessage`. */
export type MediaErrorKind = 'not-a-video' | 'corrupt' | 'audio-only' | 'codec' | 'engine';

/** A frame taken from the clip: a JPEG and where it sits in the clip. */
export interface SampledFrame {
	blob: Blob;
	timeS: number;
	width: number;
	height: number;
	/** Why it was taken: a context frame, the middle frame, or the keyframe of a detected shot. */
	role: 'context' | 'middle' | 'keyframe';
}

/** A frame the worker is asked to make. */
export interface FrameRequest {
	timeS: number;
	role: SampledFrame['role'];
}

/** How much the picture changed into each frame, from the worker's decoding pass. */
export interface ChangeSeries {
	/** Presentation time of each measured frame (s). */
	timesS: Float64Array;
	/** Picture change into frame i from frame i-1, from 0 (same) up; scores[0] is 0. */
	scores: Float32Array;
	/**
	 * The least change between a frame just before frame i and one just after it (a few frames
	 * apart): small when the picture comes back, as around a flash. Infinity where unknown.
	 */
	bridges?: Float32Array;
}

/** One shot of the clip between two cuts. */
export interface DetectedShot {
	startS: number;
	endS: number;
	/** The middle of the shot, where its keyframe is taken. */
	keyframeS: number;
}

/**
 * Which decoder reads a clip, to say so in the UI: the engine (with or without threads), or the
 * browser's own decoder (WebCodecs) for a codec the engine lacks, such as AV1.
 */
export interface EngineInfo {
	engine: 'ffmpeg.wasm' | 'browser';
	threads: boolean;
}

/** Progress as numbers: `done` of `total` steps. */
export type ProgressCallback = (done: number, total: number) => void;
