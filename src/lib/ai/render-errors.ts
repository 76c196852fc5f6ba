import { APIError } from 'openai';
import type { ErrorVerdict } from '$lib/jobs/item-errors';
import { describeAiError } from './errors';
import { NoImageError } from './renderer';

/** Seconds or an HTTP date in a Retry-After header, as milliseconds. */
export function parseRetryAfter(
	value: string | null | undefined,
	now = Date.now()
): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
	if (!(error instanceof APIError) || !error.headers) return undefined;
	const headers = error.headers as Headers;
	const ms = Number(headers.get?.('retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return ms;
	return parseRetryAfter(headers.get?.('retry-after'));
}

/**
 * How a failed render is handled: rate limits and server trouble are retried (a 429 rests the
 * key so the next one serves); a refused key or empty account moves on to another key when
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
			return withRetryAfter({ retryable: true, rotateKey: true, message }, retryAfterMs(error));
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
