import type { Asset } from '$lib/domain/types';
import { getAsset } from '$lib/store/assets';

/**
 * A stored asset (an image, clip or frame) for a component to show, or undefined when it is
 * gone (deleted in another tab, or a clip removed to save space).
 */
export function readAsset(id: string): Promise<Asset | undefined> {
	return getAsset(id);
}
