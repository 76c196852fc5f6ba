import { APIError } from 'openai';
import { describeAiError } from '$lib/ai/errors';
import { retryAfterFrom } from '$lib/ai/retry-after';
import type { ErrorVerdict } from '$lib/jobs/item-errors';
import { NoImageError } from './client';

/** The job kind rendering saves its work under: one item per shot x style. */
export const RENDER_JOB_KIND = 'render';

function retryAfterMs(error: unknown): number | undefined {
	if (!(error instanceof APIError)) return undefined;
	return retryAfterFrom({ headers: error.headers, error: error.error });
}

/**
 * How a failed render is handled: rate limits and server trouble are retried (a 429 rests the
 * key so the next one serves, for the provider's Retry-After when it can be read, else a short
 * back-off); a refused key or empty account moves on to another key when
 * the pool has one and fails otherwise; moderation, a missing image and bad requests fail the
 * item with the reason, the rest of the job carries on.
 */
export function classifyRenderError(
	error: unknown,
	context: { poolSize: number; baseUrl?: string }
): ErrorVerdict {
	const problem = describeAiError(error, { baseUrl: context.baseUrl });
	const message = problem.message;
	switch (problem.kind) {
		case 'rate-limit':
			return withRetryAfter(
				{ retryable: true, rotateKey: true, rateLimited: true, message },
				retryAfterMs(error)
			);
		case 'credits':
		case 'auth':
			return { retryable: context.poolSize > 1, rotateKey: true, message };
		case 'server':
		case 'timeout':
		case 'unreachable':
		case 'offline':
		case 'stream':
			return withRetryAfter({ retryable: true, message }, retryAfterMs(error));
		case 'output':
			return {
				retryable: false,
				message:
					error instanceof NoImageError ? message : `The answer could not be used: ${message}`
			};
		default:
			return { retryable: false, message };
	}
}

function withRetryAfter(verdict: ErrorVerdict, ms: number | undefined): ErrorVerdict {
	return ms === undefined ? verdict : { ...verdict, retryAfterMs: ms };
}
