import { behaviourOf, type CatalogueModel } from '../catalogue';
import {
	availabilityError,
	errorBody,
	errorReply,
	PRE_STREAM_ERRORS,
	type ErrorReply
} from '../errors';
import type { RouteContext } from '../state';
import type { Outcome, RequestSummary } from '../types';
import { sendJson } from '../util';

/** Tokens one generated image counts for in usage. */
export const IMAGE_TOKENS = 1290;

const OUTCOMES = new Set<string>([
	'ok',
	...PRE_STREAM_ERRORS,
	'midstream-502',
	'midstream-502-no-done',
	'midstream-string-code',
	'midstream-429',
	'drop',
	'choice-error',
	'body-error',
	'ignore-schema',
	'prose-json',
	'truncate',
	'empty',
	'image-url',
	'image-refusal',
	'image-empty',
	'image-broken',
	'stall',
	'stall-keepalive',
	'hang',
	'video-failed',
	'video-expired'
]);

/** The outcome named by a `[[fake:<outcome>]]` tag in the prompt text, if any. */
export function taggedOutcome(text: string): Outcome | null {
	const name = /\[\[fake:([a-z0-9-]+)\]\]/.exec(text)?.[1];
	return name && OUTCOMES.has(name) ? (name as Outcome) : null;
}

/** A model's price for one unit, from its pricing strings. */
export function priceOf(model: CatalogueModel, key: string): number {
	return Number(model.pricing[key] ?? '0') || 0;
}

/** Cost in credits: prompt and completion tokens at their prices, input images at `image`, output images at
 * IMAGE_TOKENS × `image_token`, else `image_output` per image or per image token as the model's seed says. */
export function costOf(
	model: CatalogueModel,
	promptTokens: number,
	textTokens: number,
	inputImages: number,
	outputImages: number
): number {
	const cost =
		promptTokens * priceOf(model, 'prompt') +
		textTokens * priceOf(model, 'completion') +
		inputImages * priceOf(model, 'image') +
		outputImages * perOutputImage(model);
	return Math.round(cost * 1e10) / 1e10;
}

/** What one generated image costs by the model's listed prices. */
function perOutputImage(model: CatalogueModel): number {
	if (model.pricing.image_token !== undefined) return IMAGE_TOKENS * priceOf(model, 'image_token');
	return behaviourOf(model).imageOutputPerImage
		? priceOf(model, 'image_output')
		: IMAGE_TOKENS * priceOf(model, 'image_output');
}

/** Checks the request against the model the way OpenRouter routing would; returns an error to send, if any. */
export function routingError(
	ctx: RouteContext,
	summary: RequestSummary,
	model: CatalogueModel | undefined,
	modelId: string
): ErrorReply | null {
	if (!model)
		return availabilityError(400, 'model_not_found', `${modelId} is not a valid model ID`, modelId);
	const problem = summary.images.find((i) => i.problem);
	if (problem?.problem === 'image_too_large') {
		return {
			status: 413,
			headers: {},
			body: errorBody(
				413,
				`Image in message ${problem.messageIndex} is ${problem.bytes} bytes; the limit is ${ctx.state.mode.maxImageBytes} bytes`,
				{
					error_type: 'image_too_large',
					provider_name: null
				}
			)
		};
	}
	if (problem) {
		const message =
			problem.problem === 'unsupported_image_format'
				? `Unsupported image format "${problem.mime}". Supported: image/png, image/jpeg, image/webp, image/gif`
				: `Invalid image in message ${problem.messageIndex}, part ${problem.partIndex}: the data URL does not decode to a valid image`;
		return {
			status: 400,
			headers: {},
			body: errorBody(400, message, { error_type: problem.problem, provider_name: null })
		};
	}
	const arch = model.architecture;
	if (summary.imageCount > 0 && !arch.input_modalities.includes('image')) {
		return availabilityError(
			404,
			'no_endpoints',
			'No endpoints found that support image input',
			modelId
		);
	}
	const format = summary.responseFormat;
	if (format && summary.requireParameters) {
		const needed = format.type === 'json_schema' ? 'structured_outputs' : 'response_format';
		if (!model.supported_parameters.includes(needed))
			return errorReply('error-404-constraint', { model: modelId, retryAfterS: 0, now: 0 });
	}
	const wanted = summary.modalities ?? ['text'];
	const outputs = arch.output_modalities;
	const mismatch =
		wanted.some((m) => !outputs.includes(m)) ||
		(!outputs.includes('text') && !wanted.includes('image'));
	if (mismatch) {
		return availabilityError(
			404,
			'no_endpoints',
			`No endpoints found that support the requested output modalities: ${wanted.join(', ')}`,
			modelId
		);
	}
	return null;
}

/** Credit check for a key with a limit: none left → 402, max_tokens beyond what remains → 402 "fewer max_tokens". */
export function creditError(
	ctx: RouteContext,
	summary: RequestSummary,
	model: CatalogueModel,
	modelId: string
): ErrorReply | null {
	const profile = ctx.state.profileOf(ctx.key);
	if (!profile || profile.limitRemaining === null) return null;
	const ctxErr = { model: modelId, retryAfterS: 0, now: ctx.state.now() };
	if (profile.limitRemaining <= 0) return errorReply('error-402', ctxErr);
	const perToken = priceOf(model, 'completion') + perOutputImage(model) / IMAGE_TOKENS;
	const asked =
		summary.maxTokens ?? model.top_provider.max_completion_tokens ?? model.context_length;
	if (perToken > 0 && asked * perToken > profile.limitRemaining) {
		return errorReply('error-402-max-tokens', {
			...ctxErr,
			maxTokens: asked,
			affordableTokens: Math.floor(profile.limitRemaining / perToken)
		});
	}
	return null;
}

/** 413 for a request body over `limit` bytes, as OpenRouter answers one. */
export function refuseLargeBody(ctx: RouteContext, bytes: number, limit: number): void {
	ctx.entry.outcome = 'error-413';
	sendJson(
		ctx.res,
		413,
		errorBody(413, `Request body is ${bytes} bytes; the limit is ${limit}`, {
			error_type: 'payload_too_large'
		})
	);
}
