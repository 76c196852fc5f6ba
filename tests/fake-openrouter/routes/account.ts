import { errorBody } from '../errors';
import { keyData } from '../keys';
import type { RouteContext } from '../state';
import { sendJson } from '../util';

/** GET /key and its older alias /auth/key: the key's label, limit and usage. */
export function handleKey(ctx: RouteContext): void {
	const profile = ctx.state.profileOf(ctx.key);
	if (!profile) return sendJson(ctx.res, 401, errorBody(401, 'User not found.'));
	sendJson(ctx.res, 200, { data: keyData(profile) });
}

/** GET /credits: needs a management key, so ordinary keys get 403. */
export function handleCredits(ctx: RouteContext): void {
	sendJson(ctx.res, 403, errorBody(403, 'Only management keys can perform this operation'));
}

/** GET /generation?id=: stats of a completion this fake served. */
export function handleGeneration(ctx: RouteContext): void {
	const id = ctx.url.searchParams.get('id') ?? '';
	const record = ctx.state.generations.get(id);
	if (!record) return sendJson(ctx.res, 404, errorBody(404, `Generation ${id} not found`));
	sendJson(ctx.res, 200, {
		data: {
			id: record.id,
			upstream_id: `chatcmpl-${record.id.slice(-12)}`,
			total_cost: record.cost,
			cache_discount: null,
			upstream_inference_cost: null,
			created_at: new Date(record.createdAt).toISOString(),
			model: record.model,
			app_id: null,
			streamed: record.streamed,
			cancelled: record.cancelled,
			provider_name: record.provider,
			latency: record.latencyMs,
			moderation_latency: null,
			generation_time: record.generationMs,
			finish_reason: record.finishReason,
			native_finish_reason: record.finishReason,
			tokens_prompt: record.promptTokens,
			tokens_completion: record.completionTokens,
			native_tokens_prompt: record.promptTokens,
			native_tokens_completion: record.completionTokens,
			native_tokens_reasoning: record.reasoningTokens,
			native_tokens_cached: 0,
			num_media_prompt: record.mediaPrompt,
			num_media_completion: record.mediaCompletion,
			num_search_results: 0,
			origin: record.origin,
			usage: record.cost,
			is_byok: false
		}
	});
}
