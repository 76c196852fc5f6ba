import type { Options } from './meta';
import { providerReason } from './provider-reason';
import { retryAfterFrom } from './retry-after';
import { restoreVideoModel, type VideoModelInfo } from './video-models';

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

/** Where a video job stands, as `GET /videos/{id}` says. */
export interface VideoStatus {
	id: string;
	status: 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'expired' | string;
	urls: string[];
	costUsd: number;
	error?: string;
}

export interface VideoSubmit {
	model: string;
	prompt: string;
	durationS: number;
	resolution?: string;
	aspectRatio?: string;
	firstFrameUrl: string;
	lastFrameUrl?: string;
	generateAudio?: boolean;
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

/** The video endpoints (no SDK call exists for them): plain fetch with the key and attribution headers. */
export class VideoClient {
	constructor(
		private readonly options: Pick<Options, 'baseUrl' | 'timeoutS'>,
		private readonly apiKey: string
	) {}

	#headers(json: boolean, withKey = true): Record<string, string> {
		const origin = typeof location === 'undefined' ? 'https://maestro.local' : location.origin;
		const key = withKey ? this.apiKey.trim() : '';
		return {
			...(key ? { authorization: `Bearer ${key}` } : {}),
			'HTTP-Referer': origin,
			'X-Title': 'Maestro',
			...(json ? { 'content-type': 'application/json' } : {})
		};
	}

	async #fetch(path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
		const url = path.startsWith('http') ? path : `${this.options.baseUrl}${path}`;
		let response: Response;
		try {
			response = await fetch(url, {
				...init,
				signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutS * 1000)])
			});
		} catch (error) {
			if (signal.aborted) throw error;
			if (typeof navigator !== 'undefined' && !navigator.onLine) {
				throw new VideoApiError('Offline: animating needs a network connection.', undefined, true);
			}
			throw new VideoApiError(
				`The video endpoint at ${new URL(url).host} could not be reached from the browser (it may not allow requests from this site, a CORS refusal).`,
				undefined,
				true
			);
		}
		if (!response.ok) throw await apiError(response);
		return response;
	}

	/** The endpoint's video models (`GET /videos/models`: public, so no key goes with it). */
	async listModels(signal: AbortSignal): Promise<VideoModelInfo[]> {
		const response = await this.#fetch(
			'/videos/models',
			{ headers: this.#headers(false, false) },
			signal
		);
		const body = (await response.json()) as { data?: unknown };
		const list = Array.isArray(body.data) ? body.data : [];
		return list.map(restoreVideoModel).filter((m): m is VideoModelInfo => m !== null);
	}

	/** Submit a job; resolves with its id as soon as the provider accepted it. */
	async submit(request: VideoSubmit, signal: AbortSignal): Promise<string> {
		const body = videoRequestBody(request);
		const response = await this.#fetch(
			'/videos',
			{ method: 'POST', headers: this.#headers(true), body: JSON.stringify(body) },
			signal
		);
		const answer = (await response.json()) as { id?: unknown };
		if (typeof answer.id !== 'string' || !answer.id) {
			throw new VideoApiError('The video endpoint accepted the request but sent no job id.');
		}
		return answer.id;
	}

	async status(id: string, signal: AbortSignal): Promise<VideoStatus> {
		const response = await this.#fetch(
			`/videos/${encodeURIComponent(id)}`,
			{ headers: this.#headers(false) },
			signal
		);
		const body = (await response.json()) as Record<string, unknown>;
		const usage = (body.usage ?? {}) as { cost?: unknown };
		const cost = Number(usage.cost);
		const status: VideoStatus = {
			id,
			status: typeof body.status === 'string' ? body.status : 'pending',
			urls: Array.isArray(body.unsigned_urls)
				? body.unsigned_urls.filter((u): u is string => typeof u === 'string')
				: [],
			costUsd: Number.isFinite(cost) && cost > 0 ? cost : 0
		};
		if (typeof body.error === 'string') status.error = body.error;
		return status;
	}

	/** The finished clip (needs the key). */
	async download(id: string, url: string | undefined, signal: AbortSignal): Promise<Blob> {
		const response = await this.#fetch(
			url ?? `/videos/${encodeURIComponent(id)}/content?index=0`,
			{ headers: this.#headers(false) },
			signal
		);
		const blob = await response.blob();
		return blob.type.startsWith('video/') ? blob : new Blob([blob], { type: 'video/mp4' });
	}
}

async function apiError(response: Response): Promise<VideoApiError> {
	let detail = response.statusText;
	let errorBody: unknown;
	try {
		const body = (await response.json()) as { error?: { message?: unknown } };
		errorBody = body.error;
		const { provider, reason } = providerReason(body.error);
		const message = reason ?? (typeof body.error?.message === 'string' ? body.error.message : '');
		if (message) detail = provider ? `${provider}: ${message}` : message;
	} catch {
		// Not JSON: the status text is all there is.
	}
	const status = response.status;
	const message =
		status === 401
			? `The API key was refused (${detail}). Check the key in Settings.`
			: status === 402
				? `Not enough credits to animate (${detail}).`
				: status === 400
					? `The video model refused the request (${detail}).`
					: status === 429
						? `The provider is limiting requests (${detail}).`
						: `The video endpoint failed (${status}: ${detail}).`;
	return new VideoApiError(
		message,
		status,
		status === 429 || status >= 500,
		retryAfterFrom({ headers: response.headers, error: errorBody })
	);
}

/** Wait between status checks: 2 s, growing by half each time, at most 30 s. */
export function pollDelayMs(poll: number): number {
	return Math.min(30_000, Math.round(2000 * 1.5 ** Math.max(0, poll)));
}
