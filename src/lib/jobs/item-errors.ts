import type { JobItem } from '$lib/domain/types';

/** What to do about a failed attempt. */
export interface ErrorVerdict {
	/** Try again later (rate limit, server error) rather than fail for good (moderation, bad input). */
	retryable: boolean;
	/** Wait this long before the next try: the provider's Retry-After. */
	retryAfterMs?: number;
	/** The key is at fault (429, 402): rest it and carry on with the next key of the pool. */
	rotateKey?: boolean;
	/** A rate limit (429): without a Retry-After the key rests a short, doubling while, not the default. */
	rateLimited?: boolean;
	/** Saved as the item's last error; the error's own message otherwise. */
	message?: string;
}

/** Decides, per failed attempt, whether and how an item is tried again. */
export type ClassifyError = (error: unknown, item: JobItem) => ErrorVerdict;

/** An error item work can throw to say how it is handled without a classifier of its own. */
export class JobItemError extends Error {
	readonly retryable: boolean;
	readonly retryAfterMs: number | undefined;
	readonly rotateKey: boolean;
	readonly rateLimited: boolean;

	constructor(message: string, verdict: Omit<ErrorVerdict, 'message'>) {
		super(message);
		this.name = 'JobItemError';
		this.retryable = verdict.retryable;
		this.retryAfterMs = verdict.retryAfterMs;
		this.rotateKey = verdict.rotateKey ?? false;
		this.rateLimited = verdict.rateLimited ?? false;
	}
}

function field(error: unknown, name: string): unknown {
	return typeof error === 'object' && error !== null
		? (error as Record<string, unknown>)[name]
		: undefined;
}

/** The Retry-After an error carries as `retryAfterMs`, if any. */
export function retryAfterOf(error: unknown): number | undefined {
	const value = field(error, 'retryAfterMs');
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An error's message, for the item's last error. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Reads `retryable`, `retryAfterMs`, `rotateKey` and `rateLimited` off the error when present; retries anything else. */
export function defaultClassifyError(error: unknown): ErrorVerdict {
	const verdict: ErrorVerdict = {
		retryable: field(error, 'retryable') !== false,
		rotateKey: field(error, 'rotateKey') === true,
		rateLimited: field(error, 'rateLimited') === true
	};
	const retryAfterMs = retryAfterOf(error);
	if (retryAfterMs !== undefined) verdict.retryAfterMs = retryAfterMs;
	return verdict;
}
