import type { CatalogueModel, ModelBehaviour } from '../catalogue';
import {
	decideShotCount,
	directorResult,
	directorText,
	reasoningText,
	sceneDescription
} from '../content';
import { errorBody, type ErrorReply } from '../errors';
import { outputSize, renderPromptPng } from '../png';
import type { RouteContext } from '../state';
import type { Outcome, RequestSummary } from '../types';
import { isRecord, shortSha256 } from '../util';

/** What the fake will send for one completion. */
export interface Plan {
	reasoning: string | null;
	content: string;
	images: string[];
	finishReason: 'stop' | 'length' | 'content_filter' | 'error';
	/** Content characters sent before a mid-stream error, drop or stall. */
	cutAt: number | null;
	midError: { error: Record<string, unknown>; done: boolean } | null;
	/** The configured wait: latency, or the image delay. */
	waitMs: number;
	/** When the answer is due (Date.now() time): the wait counts from the request's arrival. */
	answerAt: number;
}

/** Builds the content, images and failure points of a successful-looking answer. */
export async function makePlan(
	ctx: RouteContext,
	summary: RequestSummary,
	model: CatalogueModel,
	behaviour: ModelBehaviour,
	outcome: Outcome,
	shotCount: number | null
): Promise<Plan | ErrorReply> {
	const mode = ctx.state.mode;
	const plan: Plan = {
		reasoning: null,
		content: '',
		images: [],
		finishReason: 'stop',
		cutAt: null,
		midError: null,
		waitMs: mode.latencyMs,
		answerAt: 0
	};
	const wantsImage = summary.modalities?.includes('image') === true;
	let count: number | null = null;
	if (wantsImage) {
		plan.waitMs = Math.max(mode.latencyMs, mode.imageDelayMs);
		// The delay is the whole time an image takes: reading the body and drawing it (behind
		// other requests' drawings, in this one process) count towards it.
		const size = outputSize(
			summary.imageConfig?.aspect_ratio,
			summary.imageConfig?.image_size,
			mode.imageScale
		);
		if ('error' in size)
			return {
				status: 400,
				headers: {},
				body: errorBody(400, size.error, { error_type: 'invalid_request' })
			};
		if (outcome === 'image-refusal') {
			plan.content =
				"I can't create that image because the request may violate the content policy.";
			plan.finishReason = 'content_filter';
		} else if (outcome === 'image-broken') {
			const text = Buffer.from('<html>Service busy</html>');
			plan.images.push(`data:image/png;base64,${text.toString('base64')}`);
		} else if (outcome !== 'image-empty') {
			const ratio = String(summary.imageConfig?.aspect_ratio ?? '1:1');
			const png = await renderPromptPng(
				summary.text,
				size.width,
				size.height,
				`${ratio} ${size.width}x${size.height}`
			);
			ctx.entry.sentImages.push(shortSha256(png));
			if (behaviour.imageUrl || outcome === 'image-url') {
				const name = `img-${ctx.state.randomId(12)}.png`;
				ctx.state.files.set(name, { type: 'image/png', bytes: png });
				plan.images.push(`${ctx.state.origin}/files/${name}`);
			} else {
				plan.images.push(`data:image/png;base64,${png.toString('base64')}`);
			}
			if (model.architecture.output_modalities.includes('text')) {
				const firstLine = summary.text.split('\n').find((l) => l.trim()) ?? 'your picture';
				plan.content = `Here is the image: ${firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine}`;
			}
		}
	} else if (
		summary.responseFormat ||
		(/\bshots?\b/i.test(summary.text) && /json/i.test(summary.text))
	) {
		count = decideShotCount(summary, shotCount).count;
		const honoured =
			summary.responseFormat?.type === 'json_schema' &&
			model.supported_parameters.includes('structured_outputs');
		const style =
			outcome === 'ignore-schema'
				? 'fenced'
				: outcome === 'prose-json'
					? 'prose'
					: honoured
						? 'plain'
						: behaviour.json;
		plan.content = directorText(
			directorResult(summary, count, mode.beatsPerShot, mode.directorCast),
			style
		);
	} else if (summary.imageCount > 0 || /describe|analy[sz]e|scene/i.test(summary.text)) {
		plan.content = sceneDescription(summary);
	} else {
		plan.content = `OK. This is ${model.id} answering through the fake OpenRouter.`;
	}
	const excluded =
		(isRecord(summary.reasoning) && summary.reasoning.exclude === true) ||
		summary.includeReasoning === false;
	const reasoningWanted = behaviour.reasoning && !excluded;
	if (reasoningWanted) plan.reasoning = reasoningText(summary, count);
	if (outcome === 'empty') plan.content = '';
	if (outcome === 'truncate') {
		plan.content = plan.content.slice(0, Math.floor(plan.content.length * 0.6));
		plan.finishReason = 'length';
	} else if (summary.maxTokens !== null && Math.ceil(plan.content.length / 4) > summary.maxTokens) {
		plan.content = plan.content.slice(0, summary.maxTokens * 4);
		plan.finishReason = 'length';
	}
	const cut = Math.floor(plan.content.length * 0.4);
	const provider = behaviour.provider;
	switch (outcome) {
		case 'midstream-502':
		case 'midstream-502-no-done':
		case 'choice-error':
			plan.cutAt = cut;
			plan.midError = {
				error: {
					code: 502,
					message: 'Provider returned error',
					metadata: { error_type: 'provider_unavailable', provider_name: provider }
				},
				done: outcome !== 'midstream-502-no-done'
			};
			break;
		case 'midstream-string-code':
			plan.cutAt = cut;
			plan.midError = {
				error: { code: 'server_error', message: 'Internal server error' },
				done: true
			};
			break;
		case 'midstream-429':
			plan.cutAt = cut;
			plan.midError = {
				error: {
					code: 429,
					message: 'Rate limit exceeded upstream',
					metadata: {
						error_type: 'rate_limit_exceeded',
						provider_code: 'RESOURCE_EXHAUSTED',
						provider_name: provider
					}
				},
				done: true
			};
			break;
		case 'drop':
		case 'stall':
		case 'stall-keepalive':
			plan.cutAt = cut;
			break;
	}
	plan.answerAt = ctx.receivedAt + plan.waitMs;
	return plan;
}
