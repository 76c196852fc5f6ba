import type { AspectRatio } from '$lib/domain/types';

/** What this capability is called in the UI. Its model and limits are the AI settings (`ai/meta.ts`). */
export const label = 'Rendering';

/** "1 beat", "30 beats": the unit rendering counts in, one picture of one beat in one style. */
export const inBeats = (n: number) => `${n} ${n === 1 ? 'beat' : 'beats'}`;

/** A style's numbers in the current run, counted in beats: "Rendering beat 2.3 in Ink wash · 3 of 15 beats". */
export interface StyleProgress {
	total: number;
	done: number;
	failed: number;
	running: number;
	/** The first beat being rendered now, in storyboard order: "beat 2.3", or "shot 2" for a shot of one beat. */
	rendering?: string;
}

/** One render: the prompt, the pictures that go with it, and how the model wants to be asked. */
export interface RenderRequest {
	model: string;
	/** The model's output modalities from the catalogue; decides the `modalities` sent. */
	outputModalities: readonly string[];
	prompt: string;
	aspectRatio: AspectRatio;
	/**
	 * Data URLs of the pictures that go with the prompt, in the order the prompt names them
	 * (style reference, cast, continuity; see `references.ts`).
	 */
	pictures: readonly string[];
}

/** One received picture: a Blob of its real type, and its size when the header tells it. */
export interface RenderedImage {
	blob: Blob;
	width?: number;
	height?: number;
	/** The data URL it came as, when it came as one. */
	dataUrl?: string;
}

/** What a render brought back. */
export interface RenderResult {
	/** The images; at least one. */
	images: RenderedImage[];
	costUsd: number;
	/** Text the model sent with the images, if any. */
	caption: string;
	generationId?: string;
}

/** What a render would send now, for the person to see first ("What will be sent"). */
export interface RequestPreview {
	model: string;
	/** The pictures in the order sent, by role, each with its stored asset. */
	pictures: (PictureRole & { assetId: string })[];
	/** What the model's input-image limit leaves out, in words. */
	leftOut?: string;
	/** The text part of the request. */
	prompt: string;
	/** What one image is expected to cost, when a price is known. */
	costUsd?: number;
}

/** What a picture sent with a render is for. */
export type PictureRole =
	| { role: 'style' }
	| { role: 'cast'; memberId: string; name: string; main: boolean }
	| { role: 'continuity' };

/** What a sent picture is, in words: "the style reference", "Mara", "another picture of Mara". */
export function pictureName(picture: PictureRole): string {
	switch (picture.role) {
		case 'style':
			return 'the style reference';
		case 'continuity':
			return 'the continuity picture';
		case 'cast':
			return picture.main ? picture.name : `another picture of ${picture.name}`;
	}
}
