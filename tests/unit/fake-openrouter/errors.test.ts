import {
	APIConnectionError,
	APIError,
	AuthenticationError,
	BadRequestError,
	InternalServerError,
	PermissionDeniedError,
	RateLimitError
} from 'openai';
import { describe, expect, it } from 'vitest';
import { sdk, useFake } from './fixture';

const fake = useFake();

const messages = [{ role: 'user' as const, content: 'Shots as JSON, 3 shots' }];

function ask(options: { key?: string; maxRetries?: number } = {}, model = 'openai/gpt-4o-mini') {
	return sdk(fake(), options).chat.completions.create({ model, max_tokens: 500, messages });
}

function askStream() {
	return sdk(fake()).chat.completions.create({
		model: 'openai/gpt-4o-mini',
		max_tokens: 500,
		stream: true,
		messages
	});
}

async function failure(promise: Promise<unknown>): Promise<APIError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
	return error;
}

describe('pre-stream errors', () => {
	it('maps each error to the SDK class with OpenRouter bodies', async () => {
		fake().script([
			'error-400-model-not-found',
			'error-401',
			'error-402',
			'error-402-max-tokens',
			'error-403-moderation',
			'error-408',
			'error-502'
		]);
		const notFound = await failure(ask());
		expect(notFound).toBeInstanceOf(BadRequestError);
		expect(notFound.error).toMatchObject({ availability: { code: 'model_not_found' } });
		expect(await failure(ask())).toBeInstanceOf(AuthenticationError);
		const credits = await failure(ask());
		expect(credits.status).toBe(402);
		expect(credits.message).toContain('Insufficient credits');
		expect((await failure(ask())).message).toMatch(
			/You requested up to 500 tokens, but can only afford \d+/
		);
		const moderation = await failure(ask());
		expect(moderation).toBeInstanceOf(PermissionDeniedError);
		expect(moderation.error).toMatchObject({
			metadata: {
				reasons: ['violence/graphic'],
				provider_name: 'OpenAI',
				model_slug: 'openai/gpt-4o-mini'
			}
		});
		expect((await failure(ask())).status).toBe(408);
		expect(await failure(ask())).toBeInstanceOf(InternalServerError);
	});

	it('sends Retry-After and X-RateLimit-* on a platform 429, and only provider_code on an upstream 429', async () => {
		fake().script([{ outcome: 429, retryAfterS: 7 }, 'error-429-provider', 'error-503']);
		const platform = await failure(ask());
		expect(platform).toBeInstanceOf(RateLimitError);
		expect(platform.headers?.get('retry-after')).toBe('7');
		expect(platform.headers?.get('x-ratelimit-remaining')).toBe('0');
		const upstream = await failure(ask());
		expect(upstream.headers?.get('retry-after')).toBeNull();
		expect(upstream.headers?.get('x-ratelimit-limit')).toBeNull();
		expect(upstream.error).toMatchObject({ metadata: { provider_code: 'RESOURCE_EXHAUSTED' } });
		const overloaded = await failure(ask());
		expect(overloaded.status).toBe(503);
		expect(overloaded.headers?.get('retry-after')).toBe('1');
	});

	it('plays a 429, 429, 200 script: the SDK retries twice, honouring Retry-After', async () => {
		fake().script([{ outcome: 429, retryAfterS: 0.05 }, { outcome: 429, retryAfterS: 0.05 }, 200]);
		const completion = await ask({ maxRetries: 2 });
		expect(completion.choices[0]?.finish_reason).toBe('stop');
		const attempts = fake().requests({ path: '/chat/completions' });
		expect(attempts.map((a) => [a.status, a.retryCount])).toEqual([
			[429, 0],
			[429, 1],
			[200, 2]
		]);
	});

	it('scripts per key, so one key of a pool can storm 429s while another works', async () => {
		fake().script([{ outcome: 429, retryAfterS: 0.01 }], { key: 'sk-or-v1-pool-a', repeat: true });
		for (let i = 0; i < 3; i++)
			expect(await failure(ask({ key: 'sk-or-v1-pool-a' }))).toBeInstanceOf(RateLimitError);
		expect((await ask({ key: 'sk-or-v1-pool-b' })).choices).toHaveLength(1);
		fake().clearScripts();
		expect((await ask({ key: 'sk-or-v1-pool-a' })).choices).toHaveLength(1);
	});

	it('picks an outcome from a [[fake:...]] tag in the prompt', async () => {
		const error = await failure(
			sdk(fake()).chat.completions.create({
				model: 'openai/gpt-4o-mini',
				messages: [{ role: 'user', content: 'A fight [[fake:error-403-moderation]]' }]
			})
		);
		expect(error.status).toBe(403);
	});

	it('derives 402s from the key: no credit left, or max_tokens beyond what remains', async () => {
		expect((await failure(ask({ key: 'sk-or-v1-broke-1' }))).status).toBe(402);
		const tooMany = await failure(
			sdk(fake(), { key: 'sk-or-v1-low-1' }).chat.completions.create({
				model: 'openai/gpt-4o-mini',
				max_tokens: 8000,
				messages: [{ role: 'user', content: 'hi' }]
			})
		);
		expect(tooMany.message).toContain('You requested up to 8000 tokens, but can only afford 1666');
		expect(
			(await ask({ key: 'sk-or-v1-low-1' }, 'meta-llama/llama-3.3-70b-instruct:free')).choices
		).toHaveLength(1);
	});
});

describe('request limits', () => {
	it('answers 413 for a body over maxBodyBytes and 400 for broken JSON or no messages', async () => {
		fake().setMode({ maxBodyBytes: 100 });
		const big = await failure(
			sdk(fake()).chat.completions.create({
				model: 'openai/gpt-4o-mini',
				messages: [{ role: 'user', content: 'x'.repeat(200) }]
			})
		);
		expect(big.status).toBe(413);
		fake().setMode({ maxBodyBytes: 10_000 });
		const post = (body: string) =>
			fetch(`${fake().url}/chat/completions`, {
				method: 'POST',
				headers: { authorization: 'Bearer sk-or-v1-x' },
				body
			});
		expect((await post('{nope')).status).toBe(400);
		expect((await post('{"model":"openai/gpt-4o-mini","messages":[]}')).status).toBe(400);
	});

	it('returns empty content for the empty outcome', async () => {
		fake().script(['empty']);
		expect((await ask()).choices[0]?.message.content).toBe('');
	});
});

describe('errors inside a 200', () => {
	it('carries choices[0].error with partial content in a non-streamed answer', async () => {
		fake().script(['choice-error']);
		const choice = (await ask()).choices[0] as unknown as {
			finish_reason: string;
			message: { content: string };
			error: { code: number };
		};
		expect(choice.finish_reason).toBe('error');
		expect(choice.error.code).toBe(502);
		expect(choice.message.content.length).toBeGreaterThan(10);
	});

	it('can be a 200 whose body is only {error}', async () => {
		fake().script(['body-error']);
		const body = (await ask()) as unknown as { error: { code: number }; choices?: unknown };
		expect(body.error.code).toBe(502);
		expect(body.choices).toBeUndefined();
	});
});

describe('mid-stream errors', () => {
	async function streamUntilError(outcome: string) {
		fake().script([outcome as 'midstream-502']);
		let content = '';
		const error = await (async () => {
			for await (const chunk of await askStream()) content += chunk.choices[0]?.delta.content ?? '';
		})().then(
			() => null,
			(e: unknown) => e
		);
		return { content, error };
	}

	it('sends an error event after some content; the SDK throws APIError with the code and no status', async () => {
		for (const outcome of ['midstream-502', 'midstream-502-no-done']) {
			const { content, error } = await streamUntilError(outcome);
			expect(content.length).toBeGreaterThan(20);
			expect(error).toBeInstanceOf(APIError);
			expect((error as APIError).status).toBeUndefined();
			expect((error as APIError).code).toBe(502);
		}
	});

	it('may use a string error.code', async () => {
		const { error } = await streamUntilError('midstream-string-code');
		expect((error as APIError).code).toBe('server_error');
	});

	it('can drop the connection with no terminator', async () => {
		const { content, error } = await streamUntilError('drop');
		expect(content.length).toBeGreaterThan(0);
		expect(error).toBeInstanceOf(Error);
		expect(fake().log[0]?.outcome).toBe('drop');
		expect(fake().log[0]?.finished).toBe(false);
	});

	it('ends the raw stream after the error event, with or without [DONE]', async () => {
		for (const [outcome, done] of [
			['midstream-429', true],
			['midstream-502-no-done', false]
		] as const) {
			fake().script([outcome]);
			const response = await fetch(`${fake().url}/chat/completions`, {
				method: 'POST',
				headers: { authorization: 'Bearer sk-or-v1-x', 'content-type': 'application/json' },
				body: JSON.stringify({
					model: 'openai/gpt-4o-mini',
					stream: true,
					messages: [{ role: 'user', content: 'hi there, describe' }]
				})
			});
			const text = await response.text();
			const events = text.split('\n').filter((l) => l.startsWith('data: '));
			const errorEvent = events.find((e) => e.includes('"error"')) ?? '';
			expect(JSON.parse(errorEvent.slice(6))).toMatchObject({
				object: 'chat.completion.chunk',
				choices: [{ finish_reason: 'error' }]
			});
			expect(events[events.length - 1] === 'data: [DONE]').toBe(done);
		}
	});
});

describe('stalls and disconnects', () => {
	it('records the disconnect when the client aborts a stalled stream (the SDK ends the iteration quietly)', async () => {
		fake().script(['stall']);
		const controller = new AbortController();
		const stream = await sdk(fake()).chat.completions.create(
			{
				model: 'openai/gpt-4o-mini',
				stream: true,
				messages: [{ role: 'user', content: 'describe' }]
			},
			{ signal: controller.signal }
		);
		setTimeout(() => controller.abort(), 100);
		let chunks = 0;
		for await (const chunk of stream) chunks += chunk.choices.length;
		expect(chunks).toBeGreaterThan(1);
		const entry = await fake().waitFor({ path: '/chat/completions' }, (e) => e.disconnected);
		expect(entry.sentEvents).toBeGreaterThan(1);
	});

	it('keeps sending keep-alive comments in stall-keepalive until the client leaves', async () => {
		fake().setMode({ keepAliveMs: 10, outcome: 'stall-keepalive' });
		const controller = new AbortController();
		const response = await fetch(`${fake().url}/chat/completions`, {
			method: 'POST',
			signal: controller.signal,
			headers: { authorization: 'Bearer sk-or-v1-x', 'content-type': 'application/json' },
			body: JSON.stringify({
				model: 'openai/gpt-4o-mini',
				stream: true,
				messages: [{ role: 'user', content: 'describe' }]
			})
		});
		const reader = response.body?.getReader();
		const decoder = new TextDecoder();
		let text = '';
		while (!text.endsWith(': OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\n')) {
			const { value } = (await reader?.read()) ?? {};
			text += decoder.decode(value);
		}
		controller.abort();
		const entry = await fake().waitFor({ path: '/chat/completions' }, (e) => e.disconnected);
		expect(entry.outcome).toBe('stall-keepalive');
		expect(text).not.toContain('[DONE]');
	});

	it('lets the SDK time out on a request that never answers, and sees it go', async () => {
		fake().script(['hang']);
		const error = await sdk(fake(), { timeout: 150 })
			.chat.completions.create({
				model: 'openai/gpt-4o-mini',
				messages: [{ role: 'user', content: 'hi' }]
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(APIConnectionError);
		const entry = await fake().waitFor({ path: '/chat/completions' }, (e) => e.disconnected);
		expect(entry.status).toBeNull();
	});
});
