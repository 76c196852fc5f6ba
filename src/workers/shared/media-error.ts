import type { MediaErrorKind } from '$lib/media/meta';
import type { SerializedError } from './error-transfer';

/** One clear sentence per problem, naming it, for the person who chose the file. */
export const MEDIA_ERROR_MESSAGES: Record<MediaErrorKind, string> = {
	'not-a-video': 'This file is not a video. Choose an MP4, MOV, WebM or MKV clip.',
	corrupt:
		'This video is damaged or incomplete (perhaps a copy or download that did not finish), so it cannot be read.',
	'audio-only': 'This file has sound but no picture. Choose a file with video in it.',
	codec:
		'This video is stored in a format (codec) that Maestro cannot decode. Convert it to H.264 MP4 and try again.',
	engine: 'The video engine stopped working. Reload the page and try again.'
};

/** A problem with the chosen file (or the engine), with a kind the UI can act on. */
export class MediaError extends Error {
	override name = 'MediaError';
	constructor(
		readonly kind: MediaErrorKind,
		message: string = MEDIA_ERROR_MESSAGES[kind]
	) {
		super(message);
	}
}

/** Whether `error` is a MediaError (also after it crossed from the worker). */
export function isMediaError(error: unknown): error is MediaError {
	return error instanceof MediaError;
}

/** A MediaError again after it crossed from the worker (see `installErrorTransfer`). */
export function reviveMediaError(data: SerializedError): MediaError {
	return new MediaError((data.kind ?? 'engine') as MediaErrorKind, data.message);
}
