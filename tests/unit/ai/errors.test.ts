import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { AiOutputError, describeAiError, MissingKeyError } from '$lib/ai/errors';

function apiError(status: number | undefined, body: Record<string, unknown>) {
	return APIError.generate(status, { error: body }, undefined, new Headers());
}

describe('describeAiError', () => {
	it.each([
		[
			401,
			{ code: 401, message: 'User not found.' },
			'auth',
			/API key was refused \(User not found\.\)/
		],
		[402, { code: 402, message: 'Insufficient credits' }, 'credits', /Not enough credits/],
		[404, { code: 404, message: 'No endpoints found' }, 'not-found', /Pick another model/],
		[408, { code: 408, message: 'Timed out' }, 'timeout', /timed out/],
		[413, { code: 413, message: 'Too big' }, 'too-large', /fewer or smaller frames/],
		[429, { code: 429, message: 'Rate limit exceeded' }, 'rate-limit', /Requests per minute/],
		[502, { code: 502, message: 'Provider returned error' }, 'server', /502/],
		[503, { code: 503, message: 'Overloaded' }, 'server', /Try again/]
	])('maps HTTP %i to a clear message', (status, body, kind, message) => {
		const problem = describeAiError(apiError(status, body));
		expect(problem.kind).toBe(kind);
		expect(problem.message).toMatch(message);
		expect(problem.status).toBe(status);
	});

	it('lists moderation reasons', () => {
		const problem = describeAiError(
			apiError(403, {
				code: 403,
				message: 'Input flagged',
				metadata: { reasons: ['violence', 'self-harm'] }
			})
		);
		expect(problem).toMatchObject({
			kind: 'moderation',
			message: expect.stringContaining('(violence, self-harm)')
		});
	});

	it('treats an error inside a stream (no status) as a stream interruption', () => {
		// What the SDK throws for an `error` event inside an SSE stream.
		const inStream = new APIError(
			undefined,
			{ code: 'server_error', message: 'Upstream broke' },
			'Upstream broke',
			new Headers()
		);
		const problem = describeAiError(inStream);
		expect(problem.kind).toBe('stream');
		expect(problem.message).toMatch(/What arrived before is kept/);
	});

	it('is silent about cancels and clear about connection problems', () => {
		expect(describeAiError(new APIUserAbortError()).kind).toBe('aborted');
		expect(describeAiError(new DOMException('x', 'AbortError')).kind).toBe('aborted');
		const unreachable = describeAiError(new APIConnectionError({ message: 'fetch failed' }), {
			baseUrl: 'http://localhost:1234/v1'
		});
		expect(unreachable.kind).toBe('unreachable');
		expect(unreachable.message).toContain('http://localhost:1234/v1');
	});

	it('points to Settings when there is no key, and keeps output problems as they are', () => {
		expect(describeAiError(new MissingKeyError())).toMatchObject({
			kind: 'no-key',
			settingsLink: true
		});
		expect(describeAiError(new AiOutputError('No shots.', 'raw')).message).toBe('No shots.');
	});

	it('shows the provider’s name and its own reason from metadata.raw, shortened', () => {
		const raw = JSON.stringify({
			error: {
				message:
					"Invalid schema for response_format 'storyboard_shots': In context=('properties', 'shots', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'sourceTimeS'. " +
					'x'.repeat(400),
				type: 'invalid_request_error',
				param: 'response_format',
				code: null
			}
		});
		const problem = describeAiError(
			apiError(400, {
				code: 400,
				message: 'Provider returned error',
				metadata: { raw, provider_name: 'OpenAI' }
			})
		);
		expect(problem.kind).toBe('bad-request');
		expect(problem.message).toContain(
			"OpenAI: Invalid schema for response_format 'storyboard_shots'"
		);
		expect(problem.message).toContain('another model in Settings');
		expect(problem.message).not.toContain('Provider returned error');
		expect(problem.message.length).toBeLessThan(500);
		expect(problem.settingsLink).toBe(true);
	});

	it('reads a raw body that is plain text or Google’s shape', () => {
		const google = describeAiError(
			apiError(400, {
				code: 400,
				message: 'Provider returned error',
				metadata: {
					raw: '{"error":{"code":400,"message":"Unknown name \\"$schema\\"","status":"INVALID_ARGUMENT"}}',
					provider_name: 'Google AI Studio'
				}
			})
		);
		expect(google.message).toContain('Google AI Studio: Unknown name "$schema"');
		const text = describeAiError(
			apiError(502, {
				code: 502,
				message: 'Provider returned error',
				metadata: { raw: 'upstream connect error', provider_name: 'Crucible' }
			})
		);
		expect(text.message).toContain('Crucible: upstream connect error');
	});
});
