/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { VIDEO_MODELS } from '../catalogue';
import { availabilityError, errorBody, errorReply, PRE_STREAM_ERRORS } from '../errors';
import { summariseVideo } from '../request';
import type { RouteContext, VideoJob } from '../state';
import type { Outcome } from '../types';
import { isRecord, sendJson, sleep } from '../util';
import { refuseLargeBody, taggedOutcome } from './chat-checks';

let mp4: Buffer | null = null;

/** The small real MP4 every completed job "renders" (tests/fixtures/fake-video.mp4, 320×180, 2 s, H.264). */
export function videoBytes(): Buffer {
	mp4 ??= readFileSync(new URL('../../fixtures/fake-video.mp4', import.meta.url));
	return mp4;
}

/** GET /videos/models. */
export function handleVideoModels(ctx: RouteContext): void {
	sendJson(ctx.res, 200, { data: VIDEO_MODELS });
}

function invalid(ctx: RouteContext, message: string, parameter: string, supported?: unknown): void {
	ctx.entry.outcome = 'error-400';
	sendJson(
		ctx.res,
		400,
		errorBody(400, message, {
			error_type: 'invalid_request',
			parameter,
			...(supported ? { supported } : {})
		})
	);
}

interface BilledClip {
	durationS: number;
	resolution: string;
	aspectRatio: string;
	audio: boolean;
	imageToVideo: boolean;
}

/**
 * What a finished clip is billed (`usage.cost`), from the model's price strings: the most
 * specific key that names this clip's case, looked up by exact name. Token-priced models count
 * the listed size of the clip (`supported_sizes`) at 24 fps.
 */
export function billClip(model: (typeof VIDEO_MODELS)[number], clip: BilledClip): number {
	const skus = model.pricing_skus;
	const res = clip.resolution.toLowerCase();
	const mode = clip.imageToVideo ? 'image_to_video' : 'text_to_video';
	const sound = clip.audio ? 'with_audio' : 'without_audio';
	const perSecondKeys = [
		`${mode}_duration_seconds_${res}`,
		`duration_seconds_${sound}_${res}`,
		`duration_seconds_${res}`,
		`${mode}_duration_seconds`,
		`duration_seconds_${sound}`,
		'duration_seconds'
	];
	const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
	const perSecond = perSecondKeys.map((key) => skus[key]).find((v) => v !== undefined);
	if (perSecond !== undefined) return round(Number(perSecond) * clip.durationS);
	const cents = skus[`cents_per_second_output_${res}`] ?? skus.cents_per_second_output;
	if (cents !== undefined) return round((Number(cents) / 100) * clip.durationS);
	const perToken = skus[`video_tokens_${sound}`] ?? skus.video_tokens;
	if (perToken !== undefined) {
		const [a = 16, b = 9] = clip.aspectRatio.split(':').map(Number);
		const short = Number.parseInt(res, 10);
		const ratio = a / b;
		const size = model.supported_sizes
			.map((s) => s.split('x').map(Number) as [number, number])
			.find(([w, h]) => Math.min(w, h) === short && Math.abs(w / h - ratio) < 0.02);
		if (!size) return 0;
		const tokens = Math.ceil((size[0] * size[1] * 24 * clip.durationS) / 1024);
		return round(tokens * Number(perToken));
	}
	return 0;
}

/** POST /videos: validates against the model's supported sets and answers 202 with a polling URL. */
export async function handleVideoSubmit(ctx: RouteContext): Promise<void> {
	const { state, entry } = ctx;
	const raw = await ctx.readBody();
	if (raw.length > state.mode.maxVideoBodyBytes)
		return refuseLargeBody(ctx, raw.length, state.mode.maxVideoBodyBytes);
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		return invalid(ctx, 'Invalid JSON in request body', 'body');
	}
	if (!isRecord(body)) return invalid(ctx, 'Request body must be an object', 'body');
	const summary = summariseVideo(body, state.mode.maxImageBytes);
	entry.body = summary;
	const modelId = typeof body.model === 'string' ? body.model : '';
	const step = state.takeStep('/videos', modelId, ctx.key);
	const outcome: Outcome = step?.outcome ?? taggedOutcome(summary.text) ?? state.mode.outcome;
	entry.outcome = outcome;
	// A slow submit: the job is accepted even when the caller is gone before the answer (as a
	// provider that received the request would).
	if (step?.delayMs) await sleep(step.delayMs);
	if (PRE_STREAM_ERRORS.has(outcome)) {
		const reply = errorReply(outcome, {
			model: modelId,
			retryAfterS: step?.retryAfterS ?? state.mode.retryAfterS,
			now: state.now()
		});
		return sendJson(ctx.res, reply.status, reply.body, reply.headers);
	}
	const model = VIDEO_MODELS.find((m) => m.id === modelId);
	if (!model) {
		const reply = availabilityError(
			400,
			'model_not_found',
			`${modelId || '(none)'} is not a valid video model ID`,
			modelId
		);
		entry.outcome = 'error-400';
		return sendJson(ctx.res, reply.status, reply.body);
	}
	if (typeof body.prompt !== 'string' || body.prompt.trim() === '')
		return invalid(ctx, 'prompt is required', 'prompt');
	const duration = body.duration ?? model.supported_durations[0];
	if (typeof duration !== 'number' || !model.supported_durations.includes(duration)) {
		return invalid(
			ctx,
			`Unsupported duration ${String(duration)} for ${model.id}. Supported durations: ${model.supported_durations.join(', ')}`,
			'duration',
			model.supported_durations
		);
	}
	const sets: [string, readonly string[]][] = [
		['resolution', model.supported_resolutions],
		['aspect_ratio', model.supported_aspect_ratios],
		['size', model.supported_sizes]
	];
	for (const [name, allowed] of sets) {
		const value = body[name];
		if (value !== undefined && !allowed.includes(String(value))) {
			return invalid(
				ctx,
				`Unsupported ${name} "${String(value)}" for ${model.id}. Supported: ${allowed.join(', ')}`,
				name,
				allowed
			);
		}
	}
	const badFrame = summary.images.find(
		(i) => i.frameType !== undefined && !model.supported_frame_images.includes(i.frameType)
	);
	if (badFrame)
		return invalid(
			ctx,
			`${model.id} does not take a ${badFrame.frameType} image`,
			'frame_images',
			model.supported_frame_images
		);
	const badImage = summary.images.find((i) => i.problem);
	if (badImage) {
		entry.outcome = 'error-400';
		return sendJson(
			ctx.res,
			400,
			errorBody(400, 'Invalid image in frame_images or input_references', {
				error_type: badImage.problem
			})
		);
	}
	const cost = billClip(model, {
		durationS: duration,
		resolution:
			typeof body.resolution === 'string'
				? body.resolution
				: (model.supported_resolutions[0] ?? '720p'),
		aspectRatio:
			typeof body.aspect_ratio === 'string'
				? body.aspect_ratio
				: (model.supported_aspect_ratios[0] ?? '16:9'),
		// Sound is made unless turned off, where the model makes it at all.
		audio: model.generate_audio && body.generate_audio !== false,
		imageToVideo: summary.images.some((i) => i.frameType === 'first_frame')
	});
	const id = `vgen-${state.randomId(16)}`;
	const job: VideoJob = {
		id,
		model: model.id,
		key: ctx.key ?? '',
		submittedAt: state.now(),
		durationS: duration,
		outcome,
		cost
	};
	state.videos.set(id, job);
	entry.generationId = id;
	sendJson(ctx.res, 202, {
		id,
		polling_url: `${state.origin}/api/v1/videos/${id}`,
		status: 'pending'
	});
}

/** The status a job has at the fake's current time. */
export function videoStatus(
	ctx: RouteContext,
	job: VideoJob
): 'pending' | 'in_progress' | 'completed' | 'failed' | 'expired' {
	const mode = ctx.state.mode;
	const elapsed = ctx.state.now() - job.submittedAt;
	if (elapsed < mode.videoPendingMs) return 'pending';
	if (elapsed < mode.videoPendingMs + mode.videoRunMs) return 'in_progress';
	if (job.outcome === 'video-failed') return 'failed';
	if (job.outcome === 'video-expired') return 'expired';
	return elapsed < mode.videoPendingMs + mode.videoRunMs + mode.videoExpireMs
		? 'completed'
		: 'expired';
}

/** GET /videos/{id}: the polling URL. */
export function handleVideoPoll(ctx: RouteContext, id: string): void {
	const job = ctx.state.videos.get(id);
	if (!job || job.key !== ctx.key)
		return sendJson(ctx.res, 404, errorBody(404, `Video generation ${id} not found`));
	const status = videoStatus(ctx, job);
	const body: Record<string, unknown> = {
		id,
		polling_url: `${ctx.state.origin}/api/v1/videos/${id}`,
		status,
		model: job.model,
		created_at: new Date(job.submittedAt).toISOString()
	};
	if (status === 'completed') {
		body.unsigned_urls = [`${ctx.state.origin}/api/v1/videos/${id}/content?index=0`];
		body.usage = { cost: job.cost, is_byok: false };
	}
	if (status === 'failed')
		body.error =
			'The provider could not generate this video: the prompt was rejected by its safety filter.';
	if (status === 'expired') body.error = 'This video generation has expired.';
	ctx.entry.outcome = status;
	sendJson(ctx.res, 200, body);
}

/** GET /videos/{id}/content?index=N: the MP4 bytes, only with the submitter's key and once completed. */
export function handleVideoContent(ctx: RouteContext, id: string): void {
	const job = ctx.state.videos.get(id);
	if (!job || job.key !== ctx.key)
		return sendJson(ctx.res, 404, errorBody(404, `Video generation ${id} not found`));
	const status = videoStatus(ctx, job);
	if (status !== 'completed')
		return sendJson(
			ctx.res,
			404,
			errorBody(404, `Video content is not available (status: ${status})`)
		);
	if ((ctx.url.searchParams.get('index') ?? '0') !== '0')
		return sendJson(ctx.res, 404, errorBody(404, 'No output at this index'));
	const bytes = videoBytes();
	ctx.res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) });
	ctx.res.end(bytes);
}
