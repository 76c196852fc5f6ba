import type { AspectRatio, Shot } from '$lib/domain/types';
import { aspectValue } from './pdf-layout';
import type { AnimaticResolution } from './meta';
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
		const video = styleId ? chosenTake(board, shot.id, styleId, 'video') : undefined;
		const clip = asset(video?.videoAssetId);
		const image = asset(
			styleId ? chosenTake(board, shot.id, styleId, 'image')?.imageAssetId : undefined
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
