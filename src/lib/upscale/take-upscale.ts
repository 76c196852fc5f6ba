import type { Take } from '$lib/domain/types';
import { appStatus } from '$lib/state/app-status.svelte';
import { getAsset, putAsset } from '$lib/store/assets';
import { setUpscaled } from '$lib/store/takes';
import { assertSignal } from '$lib/util/abort';
import { loadModelManifest, upscaleImage, UpscaleError } from './client';
import type { Options, UpscaleListeners, UpscaleResult } from './meta';
import { pickModel } from './request';

/** A take after its upscale was saved, and how it was made. */
export interface UpscaledTake {
	take: Take;
	result: UpscaleResult;
}

/**
 * Upscale a take's image and save the PNG as the take's upscaled asset the moment it exists
 * (replacing an earlier one). A full disk shows the app's banner and fails the call.
 */
export async function upscaleTake(
	signal: AbortSignal | undefined,
	take: Take,
	options: Options,
	listeners: UpscaleListeners = {}
): Promise<UpscaledTake> {
	const model = pickModel(await loadModelManifest(signal), options);
	if (!model) throw new UpscaleError('model-missing');
	const source = await getAsset(take.imageAssetId);
	if (!source) throw new UpscaleError('not-an-image', `asset ${take.imageAssetId} is gone`);
	const result = await upscaleImage(signal, source.blob, model, options, listeners);
	assertSignal(signal);
	const saved = await appStatus.guardWrite(async () => {
		const asset = await putAsset(take.projectId, result.png, {
			width: result.width,
			height: result.height
		});
		return setUpscaled(take.id, asset.id);
	});
	if (!saved.ok) throw saved.error;
	return { take: saved.value ?? { ...take }, result };
}
