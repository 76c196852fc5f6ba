import type { AspectRatio } from '$lib/domain/types';
import { makeAnimatic } from '$lib/media/client';
import { ANIMATIC_FPS, ANIMATIC_PRESET } from '$lib/export/animatic';
import { frameSize } from '$lib/export/animatic-plan';
import { renderStill } from '$lib/export/images';
import { PAN_MARGIN } from '../../workers/shared/animatic-graph';

/**
 * A local "pan and zoom" clip of one still, made on this device with the animatic encoder:
 * the still, slightly enlarged, with the frame moving slowly across it. No key, no network.
 */
export async function makeMotionClip(
	signal: AbortSignal | undefined,
	picture: Blob,
	durationS: number,
	aspectRatio: AspectRatio
): Promise<Blob> {
	const { width, height } = frameSize(aspectRatio, 720);
	const still = await renderStill(
		picture,
		Math.round(width * PAN_MARGIN),
		Math.round(height * PAN_MARGIN),
		{ label: '', title: '', caption: false }
	);
	return makeAnimatic(signal, [{ name: 'still.jpg', blob: still }], {
		width,
		height,
		fps: ANIMATIC_FPS,
		clips: [{ kind: 'still', path: 'still.jpg', durationS, transition: 'cut' }],
		kenBurns: true,
		preset: ANIMATIC_PRESET
	});
}
