import type { CatalogueModel, ModelBehaviour } from '../catalogue';
import type { ErrorReply } from '../errors';
import {
	anthropicSchemaProblem,
	geminiSchemaProblem,
	openAiStrictSchemaProblem
} from '../schema-rules';
import type { RequestSummary } from '../types';

/**
 * A provider's own 400 the way OpenRouter passes it on: "Provider returned error" with the
 * provider's body as a string in `metadata.raw` and its name in `metadata.provider_name`.
 */
export function providerError(status: number, providerName: string, raw: unknown): ErrorReply {
	return {
		status,
		headers: {},
		body: {
			error: {
				code: status,
				message: 'Provider returned error',
				metadata: { raw: JSON.stringify(raw, null, 2), provider_name: providerName }
			},
			user_id: 'user_2fakeOpenRouterUser'
		}
	};
}

/** What the provider behind the model refuses in this request, checked after routing. */
export function providerRequestError(
	summary: RequestSummary,
	model: CatalogueModel,
	behaviour: ModelBehaviour
): ErrorReply | null {
	const format = summary.responseFormat;
	// A model without structured outputs never passes the schema on (OpenRouter treats it as a
	// soft preference), so only those that list it meet the provider's schema rules.
	if (format?.type === 'json_schema' && model.supported_parameters.includes('structured_outputs')) {
		if (behaviour.provider === 'OpenAI' && format.strict === true) {
			const message = openAiStrictSchemaProblem(format.schema, format.name ?? '');
			if (message) {
				return providerError(400, 'OpenAI', {
					error: { message, type: 'invalid_request_error', param: 'response_format', code: null }
				});
			}
		}
		if (behaviour.provider === 'Anthropic') {
			const message = anthropicSchemaProblem(format.schema);
			if (message) {
				return providerError(400, 'Anthropic', {
					type: 'error',
					error: { type: 'invalid_request_error', message }
				});
			}
		}
		if (behaviour.provider.startsWith('Google')) {
			const message = geminiSchemaProblem(format.schema);
			if (message) {
				return providerError(400, behaviour.provider, {
					error: { code: 400, message, status: 'INVALID_ARGUMENT' }
				});
			}
		}
	}
	const limit = behaviour.maxInputImages;
	if (limit !== undefined && summary.imageCount > limit) {
		return providerError(400, behaviour.provider, {
			error: {
				message: `${model.id} accepts at most ${limit} input ${limit === 1 ? 'image' : 'images'} per request; got ${summary.imageCount}.`,
				type: 'invalid_request_error'
			}
		});
	}
	return null;
}
