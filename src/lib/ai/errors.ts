import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { isAbortError } from '$lib/util/abort';
import { providerReason } from './provider-reason';

export type AiProblemKind =
	| 'aborted'
	| 'no-key'
	| 'offline'
	| 'unreachable'
	| 'timeout'
	| 'auth'
	| 'credits'
	| 'moderation'
	| 'forbidden'
	| 'not-found'
	| 'too-large'
	| 'bad-request'
	| 'rate-limit'
	| 'server'
	| 'stream'
	| 'output';

/** A failed AI call, worded for the person, with a hint of where to fix it. */
export interface AiProblem {
	kind: AiProblemKind;
	message: string;
	/** True when the fix is in Settings (key, endpoint, model, limits). */
	settingsLink: boolean;
	/** The HTTP status, when there was one. */
	status?: number;
}

/** An error the app raises itself for output it cannot use; the call was still billed `costUsd`. */
export class AiOutputError extends Error {
	constructor(
		message: string,
		readonly rawOutput: string,
		readonly costUsd = 0
	) {
		super(message);
		this.name = 'AiOutputError';
	}
}

/** Raised before a call when there is no key to send. */
export class MissingKeyError extends Error {
	constructor() {
		super('No API key is set.');
		this.name = 'MissingKeyError';
	}
}

interface ErrorBody {
	message?: unknown;
	code?: unknown;
	metadata?: { reasons?: unknown; error_type?: unknown; flagged_input?: unknown } & Record<
		string,
		unknown
	>;
}

function bodyOf(error: APIError): ErrorBody {
	const inner = error.error;
	return typeof inner === 'object' && inner !== null ? (inner as ErrorBody) : {};
}

/**
 * The error in words: the provider's own reason with its name when OpenRouter passed one on
 * (`metadata.raw`, `metadata.provider_name`), else OpenRouter's message.
 */
function providerMessage(error: APIError): string {
	const body = bodyOf(error);
	const { provider, reason } = providerReason(body);
	if (reason) return provider ? `${provider}: ${reason}` : reason;
	const message = typeof body.message === 'string' ? body.message : error.message;
	const plain = message.replace(/^\d{3}\s+/, '').trim();
	return provider ? `${provider}: ${plain}` : plain;
}

/** True when the provider behind OpenRouter refused the request (not OpenRouter itself). */
function fromProvider(error: APIError): boolean {
	return providerReason(bodyOf(error)).provider !== undefined;
}

/** Turn anything a call threw into one clear message. */
export function describeAiError(
	error: unknown,
	context: { baseUrl?: string; timeoutS?: number } = {}
): AiProblem {
	const problem = (
		kind: AiProblemKind,
		message: string,
		settingsLink = false,
		status?: number
	): AiProblem =>
		status === undefined
			? { kind, message, settingsLink }
			: { kind, message, settingsLink, status };

	// The SDK's own abort error has a name of its own; every other cancel is an AbortError.
	if (error instanceof APIUserAbortError || isAbortError(error)) {
		return problem('aborted', 'Cancelled.');
	}
	if (error instanceof MissingKeyError) {
		return problem('no-key', 'Add your API key in Settings first.', true);
	}
	if (error instanceof AiOutputError) return problem('output', error.message);
	if (error instanceof APIConnectionTimeoutError) {
		return problem(
			'timeout',
			`The model took longer than ${context.timeoutS ?? 'the allowed'} s to answer and the request was stopped. Try again, or raise the timeout in Settings.`,
			true
		);
	}
	if (error instanceof APIConnectionError) {
		if (typeof navigator !== 'undefined' && !navigator.onLine) {
			return problem('offline', 'Offline: AI steps need a network connection. Your work is saved.');
		}
		return problem(
			'unreachable',
			`Could not reach ${context.baseUrl ?? 'the AI endpoint'}. Check the endpoint in Settings and your connection (the endpoint must allow requests from this site).`,
			true
		);
	}
	if (error instanceof APIError) {
		const status = error.status;
		const detail = providerMessage(error);
		if (status === undefined) {
			return problem(
				'stream',
				`The model stopped in the middle of its answer (${detail}). What arrived before is kept.`
			);
		}
		switch (status) {
			case 401:
				return problem(
					'auth',
					`The API key was refused (${detail}). Check the key in Settings.`,
					true,
					status
				);
			case 402:
				return problem(
					'credits',
					`Not enough credits for this request (${detail}). Add credits to your account or key, or pick a cheaper model.`,
					true,
					status
				);
			case 403: {
				const reasons = bodyOf(error).metadata?.reasons;
				const list = Array.isArray(reasons) && reasons.length ? reasons.join(', ') : undefined;
				if (list || /moderat|flagged/i.test(detail)) {
					return problem(
						'moderation',
						`The request was flagged by moderation${list ? ` (${list})` : ''}. Reword the text and try again.`,
						false,
						status
					);
				}
				return problem('forbidden', `The endpoint refused the request (${detail}).`, true, status);
			}
			case 404:
				return problem(
					'not-found',
					`The model is not available for this request (${detail}). Pick another model in Settings.`,
					true,
					status
				);
			case 408:
				return problem('timeout', `The provider timed out (${detail}). Try again.`, false, status);
			case 413:
				return problem(
					'too-large',
					`The request was too large for the provider (${detail}). Send fewer or smaller frames.`,
					false,
					status
				);
			case 429:
				return problem(
					'rate-limit',
					`The provider is limiting requests (${detail}). Maestro retried; wait a minute, or lower “Requests per minute” in Settings.`,
					true,
					status
				);
			default:
				if (status >= 500) {
					return problem(
						'server',
						`The model or provider failed (${status}: ${detail}). Try again, or pick another model.`,
						false,
						status
					);
				}
				if (status === 400 && fromProvider(error)) {
					return problem(
						'bad-request',
						`The provider refused the request (${detail}). Try again with another model in Settings; if it keeps happening with this one, Maestro sends something it does not accept.`,
						true,
						status
					);
				}
				if (status === 400 && /model/i.test(detail)) {
					return problem(
						'not-found',
						`The endpoint does not know this model (${detail}). Pick another model in Settings.`,
						true,
						status
					);
				}
				return problem(
					'bad-request',
					`The endpoint rejected the request (${status}: ${detail}).`,
					false,
					status
				);
		}
	}
	return problem(
		'server',
		`Something went wrong: ${error instanceof Error ? error.message : String(error)}`
	);
}
