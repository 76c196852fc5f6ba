/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeMode, LoggedRequest } from './types';

/** Request headers real OpenRouter clients send, which the strict CORS mode allows (plus x-stainless-*). */
export const ALLOWED_REQUEST_HEADERS = [
	'authorization',
	'content-type',
	'accept',
	'http-referer',
	'x-title',
	'x-openrouter-title',
	'x-openrouter-categories',
	'x-openrouter-metadata'
];

/** Response headers a browser may read when exposeHeaders is on. */
export const EXPOSED_RESPONSE_HEADERS = [
	'retry-after',
	'x-generation-id',
	'x-ratelimit-limit',
	'x-ratelimit-remaining',
	'x-ratelimit-reset'
];

const TRANSPORT_HEADERS = new Set([
	'host',
	'connection',
	'content-length',
	'transfer-encoding',
	'accept-encoding',
	'accept-language',
	'user-agent',
	'origin',
	'referer',
	'cache-control',
	'pragma',
	'priority',
	'dnt',
	'te',
	'keep-alive',
	'cookie',
	'upgrade-insecure-requests'
]);

/** True when the strict CORS mode allows a request header. */
export function isAllowedHeader(name: string): boolean {
	const lower = name.toLowerCase();
	return ALLOWED_REQUEST_HEADERS.includes(lower) || lower.startsWith('x-stainless-');
}

/** Headers a request carries that neither the allow-list nor the browser/transport explains. */
export function unknownHeaders(headers: IncomingMessage['headers']): string[] {
	return Object.keys(headers).filter(
		(name) =>
			!isAllowedHeader(name) &&
			!TRANSPORT_HEADERS.has(name) &&
			!name.startsWith('sec-') &&
			!name.startsWith('access-control-request-')
	);
}

function allowOrigin(origin: string | undefined, mode: FakeMode): string | null {
	if (mode.allowedOrigins === '*') return origin ?? '*';
	return origin && mode.allowedOrigins.includes(origin) ? origin : null;
}

/** Sets the CORS headers every answer carries (allow-origin, expose list, resource policy). */
export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse, mode: FakeMode): void {
	const origin = allowOrigin(req.headers.origin, mode);
	res.setHeader('cross-origin-resource-policy', 'cross-origin');
	res.setHeader('vary', 'Origin');
	if (!origin) return;
	res.setHeader('access-control-allow-origin', origin);
	if (mode.exposeHeaders)
		res.setHeader('access-control-expose-headers', EXPOSED_RESPONSE_HEADERS.join(', '));
}

/** Answers an OPTIONS preflight; strict mode leaves unknown headers out of the allow list, so the browser refuses. */
export function answerPreflight(
	req: IncomingMessage,
	res: ServerResponse,
	mode: FakeMode,
	entry: LoggedRequest
): void {
	const requested = String(req.headers['access-control-request-headers'] ?? '')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter(Boolean);
	const rejected = mode.corsStrict ? requested.filter((h) => !isAllowedHeader(h)) : [];
	entry.preflight = {
		method:
			typeof req.headers['access-control-request-method'] === 'string'
				? req.headers['access-control-request-method']
				: null,
		requestedHeaders: requested,
		rejectedHeaders: rejected
	};
	applyCorsHeaders(req, res, mode);
	const allowed = mode.corsStrict
		? [...new Set([...ALLOWED_REQUEST_HEADERS, ...requested.filter(isAllowedHeader)])]
		: requested;
	res.writeHead(204, {
		'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
		'access-control-allow-headers': allowed.join(', ') || 'authorization, content-type',
		'access-control-max-age': '0',
		'content-length': '0'
	});
	res.end();
}
