/// <reference types="node" />
import { behaviourOf, findModel } from '../catalogue';
import { errorBody, errorReply, PRE_STREAM_ERRORS, type ErrorReply } from '../errors';
import { summariseChat } from '../request';
import { SseWriter } from '../sse';
import type { GenerationRecord, RouteContext } from '../state';
import type { Outcome } from '../types';
import { isRecord, sendJson, sleep } from '../util';
import {
	costOf,
	creditError,
	IMAGE_TOKENS,
	refuseLargeBody,
	routingError,
	taggedOutcome
} from './chat-checks';
import { providerRequestError } from './provider-checks';
import { makePlan } from './chat-plan';

const DEFAULT_MODEL = 'openai/gpt-4o-mini';
const IMAGE_INPUT_TOKENS = 258;

function sendError(ctx: RouteContext, reply: ErrorReply): void {
	sendJson(ctx.res, reply.status, reply.body, reply.headers);
}

function splitPieces(text: string, size: number, rng: () => number): string[] {
	const pieces: string[] = [];
	let i = 0;
	while (i < text.length) {
		const n = Math.max(1, size + Math.floor(rng() * 3) - 1);
		pieces.push(text.slice(i, i + n));
		i += n;
	}
	return pieces;
}

/** The provider a listed model routes to, for errors passed on from it. */
function providerOf(modelId: string): { providerName?: string } {
	const model = findModel(modelId);
	return model ? { providerName: behaviourOf(model).provider } : {};
}

/** POST /chat/completions: vision, streaming, structured output, image generation and every failure mode. */
export async function handleChat(ctx: RouteContext): Promise<void> {
	const { state, entry } = ctx;
	const started = state.now();
	const raw = await ctx.readBody();
	if (raw.length > state.mode.maxBodyBytes)
		return refuseLargeBody(ctx, raw.length, state.mode.maxBodyBytes);
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		entry.outcome = 'error-400';
		return sendJson(
			ctx.res,
			400,
			errorBody(400, 'Invalid JSON in request body', { error_type: 'invalid_request' })
		);
	}
	if (!isRecord(body) || !Array.isArray(body.messages) || body.messages.length === 0) {
		entry.outcome = 'error-400';
		return sendJson(
			ctx.res,
			400,
			errorBody(400, 'Input required: specify "messages"', { error_type: 'invalid_request' })
		);
	}
	const summary = summariseChat(body, state.mode.maxImageBytes);
	entry.body = summary;
	const modelId = summary.model ?? DEFAULT_MODEL;
	const step = state.takeStep('/chat/completions', modelId, ctx.key);
	const outcome: Outcome = step?.outcome ?? taggedOutcome(summary.text) ?? state.mode.outcome;
	entry.outcome = outcome;
	if (step?.delayMs) await sleep(step.delayMs, ctx.closed);
	if (outcome === 'hang') return void (await ctx.closed);
	if (PRE_STREAM_ERRORS.has(outcome)) {
		await sleep(state.mode.latencyMs, ctx.closed);
		const retryAfterS = step?.retryAfterS ?? state.mode.retryAfterS;
		return sendError(
			ctx,
			errorReply(outcome, {
				model: modelId,
				retryAfterS,
				...providerOf(modelId),
				now: state.now(),
				maxTokens: summary.maxTokens,
				flaggedInput: summary.text
			})
		);
	}
	const model = findModel(modelId);
	const routing =
		routingError(ctx, summary, model, modelId) ??
		(model ? creditError(ctx, summary, model, modelId) : null) ??
		(model ? providerRequestError(summary, model, behaviourOf(model)) : null);
	if (routing || !model) {
		entry.outcome = `error-${routing?.status ?? 400}`;
		return sendError(
			ctx,
			routing ?? errorReply('error-400-model-not-found', { model: modelId, retryAfterS: 0, now: 0 })
		);
	}
	if (outcome === 'body-error') {
		await sleep(state.mode.latencyMs, ctx.closed);
		return sendJson(
			ctx.res,
			200,
			errorBody(502, 'Provider returned error', {
				error_type: 'provider_unavailable',
				provider_name: behaviourOf(model).provider
			})
		);
	}
	const behaviour = behaviourOf(model);
	const plan = await makePlan(
		ctx,
		summary,
		model,
		behaviour,
		outcome,
		step?.shotCount ?? state.mode.shotCount
	);
	if ('status' in plan) {
		entry.outcome = `error-${plan.status}`;
		return sendError(ctx, plan);
	}
	const id = `gen-${Math.floor(state.now() / 1000)}-${state.randomId(20)}`;
	entry.generationId = id;
	const created = Math.floor(state.now() / 1000);
	const promptTokens =
		Math.ceil(summary.text.length / 4) +
		summary.imageCount * IMAGE_INPUT_TOKENS +
		4 * summary.messageCount;
	const sentContent = plan.cutAt === null ? plan.content : plan.content.slice(0, plan.cutAt);
	const reasoningTokens = plan.reasoning ? Math.ceil(plan.reasoning.length / 4) : 0;
	const imageTokens = plan.images.length * IMAGE_TOKENS;
	const textTokens = Math.ceil(sentContent.length / 4) + reasoningTokens;
	const cost = costOf(model, promptTokens, textTokens, summary.imageCount, plan.images.length);
	const usage = {
		prompt_tokens: promptTokens,
		completion_tokens: textTokens + imageTokens,
		total_tokens: promptTokens + textTokens + imageTokens,
		cost,
		is_byok: false,
		prompt_tokens_details: {
			cached_tokens: 0,
			cache_write_tokens: 0,
			audio_tokens: 0,
			video_tokens: 0
		},
		cost_details: {
			upstream_inference_cost: null,
			upstream_inference_prompt_cost: costOf(model, promptTokens, 0, summary.imageCount, 0),
			upstream_inference_completions_cost: costOf(model, 0, textTokens, 0, plan.images.length)
		},
		completion_tokens_details: {
			reasoning_tokens: reasoningTokens,
			image_tokens: imageTokens,
			audio_tokens: 0
		}
	};
	const record: GenerationRecord = {
		id,
		model: model.id,
		provider: behaviour.provider,
		createdAt: state.now(),
		streamed: summary.stream,
		cancelled: false,
		finishReason: plan.midError ? 'error' : plan.finishReason,
		promptTokens,
		completionTokens: textTokens + imageTokens,
		reasoningTokens,
		mediaPrompt: summary.imageCount,
		mediaCompletion: plan.images.length,
		cost,
		latencyMs: plan.waitMs,
		generationMs: 0,
		origin: String(ctx.req.headers['http-referer'] ?? ctx.req.headers.origin ?? '')
	};
	state.generations.set(id, record);
	const chargeKey = () => {
		const profile = state.profileOf(ctx.key);
		if (!profile) return;
		profile.usage += cost;
		if (profile.limitRemaining !== null)
			profile.limitRemaining = Math.max(0, profile.limitRemaining - cost);
	};
	ctx.closed.then(() => {
		record.generationMs = state.now() - started;
		if (!entry.finished) record.cancelled = true;
	});
	const headers = { 'x-generation-id': id };
	const nativeFinish = {
		stop: 'STOP',
		length: 'MAX_TOKENS',
		content_filter: 'SAFETY',
		error: 'ERROR'
	}[plan.finishReason];
	const images = plan.images.map((url, index) => ({
		type: 'image_url',
		image_url: { url },
		index
	}));

	if (!summary.stream) {
		await sleep(plan.answerAt - Date.now(), ctx.closed);
		if (outcome === 'stall' || outcome === 'stall-keepalive') return void (await ctx.closed);
		if (outcome === 'drop') return void ctx.res.socket?.destroy();
		const message: Record<string, unknown> = {
			role: 'assistant',
			content: sentContent,
			refusal: null,
			reasoning: plan.reasoning
		};
		if (plan.reasoning)
			message.reasoning_details = [
				{ type: 'reasoning.text', text: plan.reasoning, format: 'unknown', index: 0 }
			];
		if (images.length > 0) message.images = images;
		const choice: Record<string, unknown> = {
			logprobs: null,
			finish_reason: plan.midError ? 'error' : plan.finishReason,
			native_finish_reason: plan.midError ? 'ERROR' : nativeFinish,
			index: 0,
			message
		};
		if (plan.midError) choice.error = plan.midError.error;
		chargeKey();
		return sendJson(
			ctx.res,
			200,
			{
				id,
				provider: behaviour.provider,
				model: model.id,
				object: 'chat.completion',
				created,
				choices: [choice],
				system_fingerprint: null,
				usage
			},
			headers
		);
	}

	const sse = new SseWriter(ctx.res, {
		crlf: state.mode.crlf,
		splitWrites: state.mode.splitWrites,
		keepAliveMs: state.mode.keepAliveMs,
		keepAliveEveryChunks: state.mode.keepAliveEveryChunks,
		rng: state.rng,
		closed: ctx.closed,
		entry
	});
	const chunk = (
		delta: Record<string, unknown>,
		finish: string | null = null,
		extra: Record<string, unknown> = {}
	) => ({
		id,
		provider: behaviour.provider,
		model: model.id,
		object: 'chat.completion.chunk',
		created,
		choices: [
			{
				index: 0,
				delta,
				finish_reason: finish,
				native_finish_reason: finish ? nativeFinish : null,
				logprobs: null
			}
		],
		...extra
	});
	sse.start(headers);
	await sse.comment();
	await sse.wait(plan.answerAt - Date.now());
	await sse.data(chunk({ role: 'assistant', content: '' }));
	const tokenDelay = state.mode.tokenDelayMs;
	for (const piece of plan.reasoning
		? splitPieces(plan.reasoning, state.mode.charsPerChunk * 3, state.rng)
		: []) {
		await sleep(tokenDelay, ctx.closed);
		await sse.data(
			chunk({
				role: 'assistant',
				content: '',
				reasoning: piece,
				reasoning_details: [{ type: 'reasoning.text', text: piece, format: 'unknown', index: 0 }]
			})
		);
	}
	let sentLength = 0;
	for (const piece of splitPieces(sentContent, state.mode.charsPerChunk, state.rng)) {
		if (sse.closed) break;
		await sleep(tokenDelay, ctx.closed);
		await sse.data(chunk({ role: 'assistant', content: piece }));
		sentLength += piece.length;
		entry.contentTimeline.push({ at: Date.now(), length: sentLength, piece });
	}
	if (sse.closed) return;
	if (outcome === 'drop') {
		entry.outcome = 'drop';
		return sse.drop();
	}
	if (outcome === 'stall') return void (await ctx.closed);
	if (outcome === 'stall-keepalive') {
		while (!sse.closed) await sse.wait(Math.max(state.mode.keepAliveMs, 10) * 10);
		return;
	}
	if (plan.midError) {
		await sse.data(chunk({ content: '' }, 'error', { error: plan.midError.error }));
		if (plan.midError.done) await sse.done();
		chargeKey();
		return sse.end();
	}
	if (images.length > 0) await sse.data(chunk({ role: 'assistant', content: '', images }));
	await sse.data(chunk({ role: 'assistant', content: '' }, plan.finishReason));
	await sse.data({
		id,
		provider: behaviour.provider,
		model: model.id,
		object: 'chat.completion.chunk',
		created,
		choices: [],
		usage
	});
	await sse.done();
	chargeKey();
	sse.end();
}
