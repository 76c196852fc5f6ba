import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { createOpenAiSdk } from '$lib/ai/client';
import type { Options } from '$lib/ai/meta';
import { providerReason } from '$lib/ai/provider-reason';
import { retryAfterFrom } from '$lib/ai/retry-after';
import type { VideoModelInfo, VideoStatus, VideoSubmit } from './meta';
import { restoreVideoModel } from './models';

/** A failed call to the video API, with the HTTP status when there was one. */
export class VideoApiError extends Error {
	constructor(
		message: string,
		readonly status?: number,
		readonly retryable = false,
		/** The wait the provider asked for, when the browser could read it. */
		readonly retryAfterMs?: number
	) {
		super(message);
		this.name = 'VideoApiError';
	}
}

/** OpenRouter's documented cap on a `POST /videos` body. */
export const MAX_VIDEO_BODY_BYTES = 50 * 1024 * 1024;

/** The `POST /videos` body for a clip (snake_case, as the API spells it). */
export function videoRequestBody(request: VideoSubmit): Record<string, unknown> {
	const frames = [
		{ type: 'image_url', image_url: { url: request.firstFrameUrl }, frame_type: 'first_frame' }
	];
	if (request.lastFrameUrl) {
		frames.push({
			type: 'image_url',
			image_url: { url: request.lastFrameUrl },
			frame_type: 'last_frame'
		});
	}
	const body: Record<string, unknown> = {
		model: request.model,
		prompt: request.prompt,
		duration: request.durationS,
		frame_images: frames
	};
	if (request.resolution) body.resolution = request.resolution;
	if (request.aspectRatio) body.aspect_ratio = request.aspectRatio;
	if (request.generateAudio !== undefined) body.generate_audio = request.generateAudio;
	return body;
}

/** Bytes of a JSON body as sent (UTF-8). */
export function jsonBytes(body: unknown): number {
	return new TextEncoder().encode(JSON.stringify(body)).length;
}

/**
 * The video endpoints through the openai SDK's generic calls (it has no video methods): the
 * key, attribution headers, timeout and JSON handling are the chat calls' own. Errors become
 * VideoApiError with the provider's reason.
 */
export class VideoClient {
	readonly #sdk: OpenAI;

	constructor(options: Pick<Options, 'baseUrl' | 'timeoutS'>, apiKey: string) {
		this.#sdk = createOpenAiSdk(options, apiKey);
	}

	async #call<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
		try {
			return await call();
		} catch (error) {
			if (signal.aborted || error instanceof APIUserAbortError) throw error;
			throw toVideoApiError(error, this.#sdk.baseURL);
		}
	}

	/** The endpoint's video models (`GET /videos/models`: public, so no key goes with it). */
	async listModels(signal: AbortSignal): Promise<VideoModelInfo[]> {
		const body = await this.#call(signal, () =>
			this.#sdk.get<{ data?: unknown }>('/videos/models', {
				signal,
				headers: { Authorization: null }
			})
		);
		const list = Array.isArray(body?.data) ? body.data : [];
		return list.map(restoreVideoModel).filter((m): m is VideoModelInfo => m !== null);
	}

	/**
	 * Submit a job; resolves with its id as soon as the provider accepted it. Never retried by
	 * the SDK: an answer lost on the way back must not pay for a second clip.
	 */
	async submit(request: VideoSubmit, signal: AbortSignal): Promise<string> {
		const answer = await this.#call(signal, () =>
			this.#sdk.post<{ id?: unknown }>('/videos', {
				body: videoRequestBody(request),
				signal,
				maxRetries: 0
			})
		);
		if (typeof answer?.id !== 'string' || !answer.id) {
			throw new VideoApiError('The video endpoint accepted the request but sent no job id.');
		}
		return answer.id;
	}

	async status(id: string, signal: AbortSignal): Promise<VideoStatus> {
		const body = await this.#call(signal, () =>
			this.#sdk.get<Record<string, unknown>>(`/videos/${encodeURIComponent(id)}`, {
				signal
			})
		);
		const usage = (body?.usage ?? {}) as { cost?: unknown };
		const cost = Number(usage.cost);
		const status: VideoStatus = {
			id,
			status: typeof body?.status === 'string' ? body.status : 'pending',
			urls: Array.isArray(body?.unsigned_urls)
				? body.unsigned_urls.filter((u): u is string => typeof u === 'string')
				: [],
			costUsd: Number.isFinite(cost) && cost > 0 ? cost : 0
		};
		if (typeof body?.error === 'string') status.error = body.error;
		return status;
	}

	/** The finished clip (needs the key). */
	async download(id: string, url: string | undefined, signal: AbortSignal): Promise<Blob> {
		const response = await this.#call(signal, () =>
			this.#sdk.get<Response>(url ?? `/videos/${encodeURIComponent(id)}/content?index=0`, {
				signal,
				__binaryResponse: true
			})
		);
		const blob = await response.blob();
		return blob.type.startsWith('video/') ? blob : new Blob([blob], { type: 'video/mp4' });
	}
}

/** What a failed video call means for the person, with the provider's own reason. */
function toVideoApiError(error: unknown, baseUrl: string): VideoApiError {
	if (error instanceof APIConnectionError) {
		if (typeof navigator !== 'undefined' && !navigator.onLine) {
			return new VideoApiError('Offline: animating needs a network connection.', undefined, true);
		}
		return new VideoApiError(
			`The video endpoint at ${new URL(baseUrl).host} could not be reached from the browser (it may not allow requests from this site, a CORS refusal).`,
			undefined,
			true
		);
	}
	if (!(error instanceof APIError) || error.status === undefined) {
		return new VideoApiError(error instanceof Error ? error.message : String(error));
	}
	const body = (error.error ?? {}) as { message?: unknown };
	const { provider, reason } = providerReason(body);
	const message = reason ?? (typeof body.message === 'string' ? body.message : error.message);
	const detail = provider ? `${provider}: ${message}` : message;
	const status = error.status;
	const text =
		status === 401
			? `The API key was refused (${detail}). Check the key in Settings.`
			: status === 402
				? `Not enough credits to animate (${detail}).`
				: status === 400
					? `The video model refused the request (${detail}).`
					: status === 413
						? `The request was too large for the video endpoint (${detail}).`
						: status === 429
							? `The provider is limiting requests (${detail}).`
							: `The video endpoint failed (${status}: ${detail}).`;
	return new VideoApiError(
		text,
		status,
		status === 429 || status >= 500,
		retryAfterFrom({ headers: error.headers, error: error.error })
	);
}

/** Wait between status checks: 2 s, growing by half each time, at most 30 s. */
export function pollDelayMs(poll: number): number {
	return Math.min(30_000, Math.round(2000 * 1.5 ** Math.max(0, poll)));
}

export { describeDurations } from './models';
export { describeVideoPricing } from './pricing';
