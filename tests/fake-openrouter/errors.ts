import type { Outcome } from './types';

/** A ready-to-send error answer: status, extra headers and the OpenRouter-shaped body. */
export interface ErrorReply {
	status: number;
	headers: Record<string, string>;
	body: Record<string, unknown>;
}

/** Details an error body may mention. */
export interface ErrorContext {
	model: string;
	retryAfterS: number;
	maxTokens?: number | null;
	affordableTokens?: number;
	flaggedInput?: string;
	/** The provider the model routes to, for errors passed on from it. */
	providerName?: string;
	now: number;
}

/** Outcomes answered with an HTTP error before any content is sent. */
export const PRE_STREAM_ERRORS = new Set<Outcome>([
	'error-400',
	'error-400-model-not-found',
	'error-400-provider',
	'error-401',
	'error-402',
	'error-402-max-tokens',
	'error-403-moderation',
	'error-404-constraint',
	'error-404-no-endpoints',
	'error-408',
	'error-413',
	'error-429',
	'error-429-provider',
	'error-429-capacity',
	'error-500',
	'error-502',
	'error-503'
]);

const DOCS = 'https://openrouter.ai/docs/api/reference/errors-and-debugging';

/** OpenRouter's `{error:{code,message,metadata?}}` body. */
export function errorBody(code: number, message: string, metadata?: Record<string, unknown>) {
	return { error: metadata ? { code, message, metadata } : { code, message } };
}

/** A model-availability error: fields sit directly inside `error`, as the spec describes. */
export function availabilityError(
	status: number,
	code: string,
	message: string,
	model: string,
	extra: Record<string, unknown> = {}
): ErrorReply {
	const retryable = code === 'capacity_exhausted' || code === 'temporarily_unavailable';
	return {
		status,
		headers: {},
		body: {
			error: {
				code: status,
				message,
				error_type: 'not_found',
				http_status: status,
				availability: {
					code,
					retryable,
					requested_models: [model],
					docs_url: DOCS,
					...extra
				}
			}
		}
	};
}

/** The error answer for a pre-stream error outcome. */
export function errorReply(outcome: Outcome, ctx: ErrorContext): ErrorReply {
	const { model } = ctx;
	const retryAfter = String(ctx.retryAfterS);
	switch (outcome) {
		case 'error-400':
			return plain(400, 'Invalid request: messages must be a non-empty array', {
				error_type: 'invalid_request'
			});
		case 'error-400-provider':
			// A provider's own 400 passed on by OpenRouter: its body as a string in metadata.raw.
			return {
				status: 400,
				headers: {},
				body: {
					error: {
						code: 400,
						message: 'Provider returned error',
						metadata: {
							raw: JSON.stringify({
								error: {
									message: `The request to ${model} was refused by the provider: an unsupported parameter.`,
									type: 'invalid_request_error',
									param: null,
									code: null
								}
							}),
							provider_name: ctx.providerName ?? 'OpenAI'
						}
					},
					user_id: 'user_2fakeOpenRouterUser'
				}
			};
		case 'error-400-model-not-found':
			return availabilityError(400, 'model_not_found', `${model} is not a valid model ID`, model);
		case 'error-401':
			return plain(401, 'User not found.');
		case 'error-402':
			return {
				status: 402,
				headers: {},
				body: {
					...errorBody(
						402,
						'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
						{ error_type: 'payment_required' }
					),
					user_id: 'user_2fakeOpenRouterUser'
				}
			};
		case 'error-402-max-tokens': {
			const asked = ctx.maxTokens ?? 65536;
			const can = ctx.affordableTokens ?? Math.floor(asked / 4);
			return {
				status: 402,
				headers: {},
				body: {
					...errorBody(
						402,
						`This request requires more credits, or fewer max_tokens. You requested up to ${asked} tokens, but can only afford ${can}. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account`
					),
					user_id: 'user_2fakeOpenRouterUser'
				}
			};
		}
		case 'error-403-moderation':
			return plain(
				403,
				`${model} requires moderation on OpenAI. Your input was flagged for "violence/graphic".`,
				{
					reasons: ['violence/graphic'],
					flagged_input: clipMiddle(ctx.flaggedInput ?? 'a graphic description of violence'),
					provider_name: 'OpenAI',
					model_slug: model
				}
			);
		case 'error-404-constraint':
			return availabilityError(
				404,
				'constraint_filtered',
				`No endpoints found that can handle the requested parameters. To learn more about provider routing, visit: https://openrouter.ai/docs/guides/routing/provider-selection`,
				model,
				{
					excluded_by: 'require_parameters',
					constraint: {
						field: 'response_format',
						detail: 'not supported by any endpoint of this model'
					}
				}
			);
		case 'error-404-no-endpoints':
			return availabilityError(404, 'no_endpoints', `No endpoints found for ${model}.`, model);
		case 'error-408':
			return plain(408, 'Request timed out. Try again, or use a shorter prompt.', {
				error_type: 'timeout'
			});
		case 'error-413':
			return {
				status: 413,
				headers: {},
				body: errorBody(413, 'Downloaded image content cannot exceed 30MB', {
					error_type: 'payload_too_large',
					provider_name: null
				})
			};
		case 'error-429':
			return {
				status: 429,
				headers: {
					'retry-after': retryAfter,
					'x-ratelimit-limit': '20',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': String(ctx.now + Math.round(ctx.retryAfterS * 1000))
				},
				// OpenRouter repeats its rate-limit headers in the body, readable where the headers are not.
				body: errorBody(429, 'Rate limit exceeded: free-models-per-min. ', {
					error_type: 'rate_limit_exceeded',
					headers: {
						'X-RateLimit-Limit': '20',
						'X-RateLimit-Remaining': '0',
						'X-RateLimit-Reset': String(ctx.now + Math.round(ctx.retryAfterS * 1000))
					},
					provider_name: null
				})
			};
		case 'error-429-provider':
			return plain(429, `${model} is temporarily rate-limited upstream. Please retry shortly.`, {
				error_type: 'rate_limit_exceeded',
				provider_code: 'RESOURCE_EXHAUSTED',
				provider_name: 'Google AI Studio',
				raw: '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}'
			});
		case 'error-429-capacity': {
			const reply = availabilityError(
				429,
				'capacity_exhausted',
				`${model} is at capacity. Please retry.`,
				model,
				{
					retry_after: ctx.retryAfterS
				}
			);
			reply.headers['retry-after'] = retryAfter;
			return reply;
		}
		case 'error-500':
			return plain(500, 'Internal Server Error', { error_type: 'server' });
		case 'error-502':
			return plain(502, 'Provider returned error', {
				error_type: 'provider_unavailable',
				provider_name: 'Google Vertex',
				previous_errors: [{ provider: 'Google AI Studio', code: 502, status: 'UNAVAILABLE' }]
			});
		case 'error-503': {
			const reply = availabilityError(
				503,
				'temporarily_unavailable',
				'No instances available. Providers are overloaded, please retry.',
				model,
				{ retry_after: ctx.retryAfterS }
			);
			reply.headers['retry-after'] = retryAfter;
			return reply;
		}
		default:
			return plain(500, `fake-openrouter: ${outcome} is not a pre-stream error`);
	}
}

/** Status of a pre-stream error outcome, for the log. */
export function outcomeFromStatus(status: number): Outcome {
	const map: Record<number, Outcome> = {
		200: 'ok',
		400: 'error-400',
		401: 'error-401',
		402: 'error-402',
		403: 'error-403-moderation',
		404: 'error-404-no-endpoints',
		408: 'error-408',
		413: 'error-413',
		429: 'error-429',
		500: 'error-500',
		502: 'error-502',
		503: 'error-503'
	};
	const outcome = map[status];
	if (!outcome) throw new Error(`fake-openrouter: no outcome for status ${status}`);
	return outcome;
}

function plain(status: number, message: string, metadata?: Record<string, unknown>): ErrorReply {
	return { status, headers: {}, body: errorBody(status, message, metadata) };
}

function clipMiddle(text: string): string {
	if (text.length <= 100) return text;
	return `${text.slice(0, 48)}...${text.slice(-48)}`;
}
