import type { Transition } from '$lib/domain/types';

/** What this capability is called in the UI. */
export const label = 'Exports';

/** Options of "Images (ZIP)". */
export interface ZipOptions {
	/** The style whose chosen takes go in, or every style when undefined. */
	styleId?: string;
	/** Every take, not only the chosen one. */
	allTakes: boolean;
	/** The upscaled versions too, where they exist. */
	upscaled: boolean;
}

export type PaperSize = 'a4' | 'letter';
export type Orientation = 'portrait' | 'landscape';

/** Options of "PDF storyboard sheet". */
export interface PdfOptions {
	styleId?: string;
	panelsPerRow: 1 | 2 | 3;
	paper: PaperSize;
	orientation: Orientation;
	/** Open with the cast: each member's picture, name, kind and description (when there is a cast). */
	castPage: boolean;
}

export type AnimaticResolution = 720 | 1080;

/** Options of "Animatic MP4". */
export interface AnimaticOptions {
	styleId?: string;
	resolution: AnimaticResolution;
	/** A slow pan and zoom over each still. */
	kenBurns: boolean;
	/** The source clip's sound under the pictures, when the storyboard has a clip. */
	sourceAudio: boolean;
	/** Shot number and title burned into the picture. */
	captions: boolean;
}

export const defaultZipOptions: ZipOptions = { allTakes: false, upscaled: false };
export const defaultPdfOptions: PdfOptions = {
	panelsPerRow: 2,
	paper: 'a4',
	orientation: 'landscape',
	castPage: true
};
export const defaultAnimaticOptions: AnimaticOptions = {
	resolution: 720,
	kenBurns: false,
	sourceAudio: false,
	captions: true
};

/** One shot of the animatic as the media worker receives it. */
export interface AnimaticClip {
	/** A still (already letterboxed to the output size) or a video take's clip. */
	kind: 'still' | 'video';
	/** Path of the clip's file in the engine's file system (see `AnimaticFile`). */
	path: string;
	durationS: number;
	/** How this shot begins: a cut, or a dissolve from the one before. */
	transition: Transition;
}

/** A file the engine mounts for the animatic: its name and contents. */
export interface AnimaticFile {
	name: string;
	blob: Blob;
}

/** x264 speed preset: faster is larger. */
export type EncoderPreset = 'ultrafast' | 'superfast' | 'veryfast';

/** Everything the media worker needs to encode an animatic. */
export interface AnimaticJob {
	width: number;
	height: number;
	fps: number;
	clips: AnimaticClip[];
	/** The source clip's sound, from `startS`, cut to the animatic's length. */
	audio?: { path: string; startS: number };
	kenBurns: boolean;
	preset: EncoderPreset;
}
