import type { CastMember } from '$lib/domain/types';
import { getAsset } from '$lib/store/assets';
import { blobToDataUrl } from '$lib/util/data-url';
import type { CastPictures } from './references';

/**
 * The stored pictures a render sends, as data URLs: each asset is read once per session, and an
 * image received in this session that the next beat carries for continuity is used from memory
 * (once) instead of being read back.
 */
export class PictureUrls {
	#read = new Map<string, Promise<string | undefined>>();
	#received = new Map<string, string>();

	/** Keep a just-received image for the beat that carries it next. */
	received(assetId: string, dataUrl: string): void {
		this.#received.set(assetId, dataUrl);
	}

	/** A continuity picture: from memory when it was just received, else read back. */
	continuity(assetId: string | undefined): Promise<string | undefined> {
		const received = assetId && this.#received.get(assetId);
		if (!received) return this.of(assetId);
		this.#received.delete(assetId);
		return Promise.resolve(received);
	}

	/** Each member's pictures, main first; a picture that cannot be read is skipped. */
	async cast(members: readonly CastMember[]): Promise<CastPictures[]> {
		return Promise.all(
			members.map(async (member) => {
				const urls = await Promise.all(
					member.referenceAssetIds.map((id) => this.of(id).catch(() => undefined))
				);
				return {
					memberId: member.id,
					name: member.name,
					urls: urls.filter((url): url is string => Boolean(url))
				};
			})
		);
	}

	of(assetId: string | undefined): Promise<string | undefined> {
		if (!assetId) return Promise.resolve(undefined);
		let url = this.#read.get(assetId);
		if (!url) {
			url = getAsset(assetId).then((asset) => (asset ? blobToDataUrl(asset.blob) : undefined));
			this.#read.set(assetId, url);
			// A failed read is tried again by the next item, not remembered.
			url.catch(() => this.#read.delete(assetId));
		}
		return url;
	}
}
