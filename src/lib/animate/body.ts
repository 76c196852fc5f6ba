import { jsonBytes, MAX_VIDEO_BODY_BYTES, videoRequestBody } from './client';
import type { VideoSubmit } from './meta';

/** A smaller copy of the first frame, as a data URL, at most `maxSide` pixels on its longest side. */
export type ShrinkFrame = (
	maxSide: number
) => Promise<{ url: string; width: number; height: number }>;

/** Raised when even the smallest copy of the picture does not fit. */
export class VideoBodyTooLargeError extends Error {
	constructor() {
		super('The picture is too large to send for animation, even made smaller.');
		this.name = 'VideoBodyTooLargeError';
	}
}

/**
 * Keep a `POST /videos` body under the API's cap instead of getting a 413: first the last frame
 * goes (the clip then does not end on the next shot), then the first frame is sent smaller.
 * Each change comes back as a note for the activity log.
 */
export async function fitVideoBody(
	request: VideoSubmit,
	shrink: ShrinkFrame,
	maxBytes = MAX_VIDEO_BODY_BYTES
): Promise<{ request: VideoSubmit; notes: string[] }> {
	const notes: string[] = [];
	const fits = (candidate: VideoSubmit) => jsonBytes(videoRequestBody(candidate)) <= maxBytes;
	let fitted = request;
	if (fits(fitted)) return { request: fitted, notes };
	if (fitted.lastFrameUrl) {
		const { lastFrameUrl: _dropped, ...rest } = fitted;
		fitted = rest;
		notes.push(
			'the next shot’s picture was left out as the last frame: the request was too large.'
		);
		if (fits(fitted)) return { request: fitted, notes };
	}
	for (const side of [2048, 1280, 768]) {
		const smaller = await shrink(side);
		fitted = { ...fitted, firstFrameUrl: smaller.url };
		if (fits(fitted)) {
			notes.push(
				`the picture was sent at ${smaller.width}×${smaller.height} to stay under the request size limit.`
			);
			return { request: fitted, notes };
		}
	}
	throw new VideoBodyTooLargeError();
}
