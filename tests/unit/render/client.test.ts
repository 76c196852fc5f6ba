import { describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { createAiClient } from '$lib/ai/client';
import { defaultOptions } from '$lib/ai/meta';
import { classifyRenderError } from '$lib/render/job';
import { parseRetryAfter } from '$lib/ai/retry-after';
import { modalitiesFor, NoImageError, renderImage } from '$lib/render/client';
import type { RenderRequest } from '$lib/render/meta';
import { describeAiError } from '$lib/ai/errors';
import { pngSize, TINY_JPEG, useFake } from '../fake-openrouter/fixture';

const fake = useFake({ imageScale: 0.25 });
const KEY = 'sk-or-v1-test-key-0001';

function ai(key = KEY) {
	return createAiClient({ ...defaultOptions, baseUrl: fake().url }, key);
}

const request = (overrides: Partial<RenderRequest> = {}): RenderRequest => ({
	model: 'google/gemini-2.5-flash-image',
	outputModalities: ['image', 'text'],
	prompt: 'Title: Lantern\nScene: a paper lantern in the rain.',
	aspectRatio: '16:9',
	pictures: [],
	...overrides
});

const signal = () => new AbortController().signal;

async function bytes(blob: Blob) {
	return new Uint8Array(await blob.arrayBuffer());
}

describe('renderImage', () => {
	it('streams one PNG of the asked aspect ratio, with the cost, references first', async () => {
		const result = await renderImage(signal(), ai(), request({ pictures: [TINY_JPEG, TINY_JPEG] }));
		expect(result.images).toHaveLength(1);
		const image = result.images[0]!;
		expect(image.blob.type).toBe('image/png');
		const size = pngSize(await bytes(image.blob));
		expect(size.width / size.height).toBeCloseTo(1344 / 768, 2);
		expect({ width: image.width, height: image.height }).toEqual(size);
		expect(result.costUsd).toBeGreaterThan(0);
		const logged = fake().requests({ path: '/chat/completions' }).at(-1)!;
		expect(logged.body?.stream).toBe(true);
		expect(logged.body?.modalities).toEqual(['image', 'text']);
		expect(logged.body?.imageConfig).toEqual({ aspect_ratio: '16:9' });
		expect(logged.body?.referenceImages).toHaveLength(2);
		expect(logged.body?.images.map((image) => image.partIndex)).toEqual([0, 1]);
		expect(logged.body?.maxTokens).toBeGreaterThan(0);
		expect(logged.retryCount ?? 0).toBe(0);
	});

	it('asks an image-only model for ["image"] and reads the answer', async () => {
		const result = await renderImage(
			signal(),
			ai(),
			request({
				model: 'black-forest-labs/flux.2-pro',
				outputModalities: ['image'],
				aspectRatio: '9:16'
			})
		);
		const size = pngSize(await bytes(result.images[0]!.blob));
		expect(size.height).toBeGreaterThan(size.width);
		expect(fake().requests({ path: '/chat/completions' }).at(-1)!.body?.modalities).toEqual([
			'image'
		]);
	});

	it('an image-only model asked for ["image","text"] is a 404 worded for the person', async () => {
		const error = await renderImage(
			signal(),
			ai(),
			request({ model: 'black-forest-labs/flux.2-pro', outputModalities: [] })
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(APIError);
		expect(describeAiError(error).kind).toBe('not-found');
		expect(classifyRenderError(error, { poolSize: 1 }).retryable).toBe(false);
	});

	it('downloads an image sent as an https URL', async () => {
		const result = await renderImage(
			signal(),
			ai(),
			request({ model: 'sourceful/riverflow-v2-fast-preview', outputModalities: ['image'] })
		);
		const image = result.images[0]!;
		expect(image.blob.type).toBe('image/png');
		expect({ width: image.width, height: image.height }).toEqual(pngSize(await bytes(image.blob)));
		expect(fake().requests({ path: '/chat/completions' }).length).toBe(1);
		expect(fake().log.some((entry) => entry.path.startsWith('/files/'))).toBe(true);
	});

	it('a refusal is a NoImageError that quotes the model and is not retried', async () => {
		fake().script(['image-refusal']);
		const error = await renderImage(signal(), ai(), request()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NoImageError);
		expect((error as Error).message).toMatch(/^No image came back\. The model said: “.+”/);
		expect(classifyRenderError(error, { poolSize: 2 })).toMatchObject({ retryable: false });
	});

	it('an empty answer is a NoImageError too', async () => {
		fake().script(['image-empty']);
		await expect(renderImage(signal(), ai(), request())).rejects.toThrow(
			'No image came back from the model.'
		);
	});

	it('an image that is not a picture is a NoImageError', async () => {
		fake().script(['image-broken']);
		await expect(renderImage(signal(), ai(), request())).rejects.toThrow(
			'The model sent a file that is not an image.'
		);
	});

	it('abort stops the request', async () => {
		fake().setMode({ imageDelayMs: 2000 });
		const controller = new AbortController();
		const pending = renderImage(controller.signal, ai(), request());
		setTimeout(() => controller.abort(), 100);
		const error = await pending.catch((e: unknown) => e);
		expect(describeAiError(error).kind).toBe('aborted');
	});
});

describe('classifyRenderError', () => {
	it('retries a 429 on another key after the Retry-After', async () => {
		fake().script([{ outcome: 429, retryAfterS: 7 }]);
		const error = await renderImage(signal(), ai(), request()).catch((e: unknown) => e);
		expect(classifyRenderError(error, { poolSize: 1 })).toMatchObject({
			retryable: true,
			rotateKey: true,
			retryAfterMs: 7000
		});
	});

	it('marks a 429 whose wait cannot be read as a rate limit, so the key rests briefly', async () => {
		fake().script(['error-429-provider']);
		const error = await renderImage(signal(), ai(), request()).catch((e: unknown) => e);
		const verdict = classifyRenderError(error, { poolSize: 1 });
		expect(verdict).toMatchObject({ retryable: true, rotateKey: true, rateLimited: true });
		expect(verdict).not.toHaveProperty('retryAfterMs');
	});

	it('reads the reset time from the body when the browser cannot read the headers', () => {
		const resetAt = Date.now() + 9_000;
		const error = APIError.generate(
			429,
			{
				error: {
					code: 429,
					message: 'Rate limit exceeded: free-models-per-min. ',
					metadata: { headers: { 'X-RateLimit-Reset': String(resetAt) } }
				}
			},
			undefined,
			new Headers() // what a script sees when the server exposes no headers
		);
		const wait = classifyRenderError(error, { poolSize: 1 }).retryAfterMs ?? 0;
		expect(wait).toBeGreaterThan(8_000);
		expect(wait).toBeLessThanOrEqual(9_000);
	});

	it('moves on from an empty account when the pool has another key, and fails otherwise', async () => {
		const error = await renderImage(signal(), ai('sk-or-v1-broke-0001'), request()).catch(
			(e: unknown) => e
		);
		expect(describeAiError(error).kind).toBe('credits');
		expect(classifyRenderError(error, { poolSize: 2 })).toMatchObject({
			retryable: true,
			rotateKey: true
		});
		expect(classifyRenderError(error, { poolSize: 1 })).toMatchObject({ retryable: false });
	});

	it('fails a moderated prompt for good with the reasons', async () => {
		fake().script(['error-403-moderation']);
		const error = await renderImage(signal(), ai(), request()).catch((e: unknown) => e);
		const verdict = classifyRenderError(error, { poolSize: 3 });
		expect(verdict.retryable).toBe(false);
		expect(verdict.message).toMatch(/flagged by moderation/);
	});

	it('retries server trouble and a stream cut in the middle', async () => {
		fake().script(['error-502']);
		const error = await renderImage(signal(), ai(), request()).catch((e: unknown) => e);
		expect(classifyRenderError(error, { poolSize: 1 }).retryable).toBe(true);
	});
});

describe('modalitiesFor and parseRetryAfter', () => {
	it('picks the modalities from what the model outputs', () => {
		expect(modalitiesFor(['image'])).toEqual(['image']);
		expect(modalitiesFor(['image', 'text'])).toEqual(['image', 'text']);
		expect(modalitiesFor([])).toEqual(['image', 'text']);
	});

	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0.5')).toBe(500);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(null)).toBeUndefined();
	});
});
