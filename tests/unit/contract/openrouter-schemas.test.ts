/**
 * Contract tests: every request body Maestro sends is checked against OpenRouter's own request
 * schemas, and every answer the fake gives against its response schemas. The schemas are the
 * zod ones `@openrouter/sdk` generates from OpenRouter's OpenAPI document.
 */
import { createShot } from '$lib/domain/shot';
import {
	BadRequestResponseErrorData$inboundSchema,
	ChatRequest$outboundSchema,
	ChatResult$inboundSchema,
	ChatStreamChunk$inboundSchema,
	ModelsListResponse$inboundSchema,
	VideoGenerationRequest$outboundSchema,
	VideoGenerationResponse$inboundSchema,
	VideoModelsListResponse$inboundSchema
} from '@openrouter/sdk/models';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/v4';
import { createAiClient } from '$lib/ai/client';
import { analyzeScene, directShots, regenerateShot } from '$lib/director/client';
import { defaultOptions } from '$lib/ai/meta';
import { renderImage } from '$lib/render/client';
import { VideoClient } from '$lib/animate/client';
import { planVideo } from '$lib/animate/models';
import type { Shot } from '$lib/domain/types';
import { TINY_JPEG, useFake } from '../fake-openrouter/fixture';

const fake = useFake({ videoPendingMs: 10, videoRunMs: 10 });
const KEY = 'sk-or-v1-test-key-0001';
const signal = () => new AbortController().signal;
const ai = (models: Partial<typeof defaultOptions> = {}) =>
	createAiClient({ ...defaultOptions, baseUrl: fake().url, ...models }, KEY);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The wire body with field names as the SDK's TypeScript side spells them. Free-form values
 * (a JSON Schema, `image_config`, `metadata`) keep their keys, as the SDK passes them on as is.
 */
function camelCase(value: unknown, path: string[] = []): unknown {
	if (Array.isArray(value)) return value.map((item) => camelCase(item, path));
	if (!isRecord(value)) return value;
	const freeForm = ['schema', 'image_config', 'metadata'].includes(path.at(-1) ?? '');
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [
			freeForm ? key : camel(key),
			freeForm ? item : camelCase(item, [...path, key])
		])
	);
}

/**
 * A request conforms when OpenRouter's request schema accepts it and writes it back unchanged:
 * a field the schema does not know would be dropped, a wrong type or value refused.
 */
function expectRequestConforms(schema: z.ZodType, wire: unknown, label: string): void {
	const parsed = schema.safeParse(camelCase(wire));
	expect(parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)), label).toBe('');
	expect(JSON.parse(JSON.stringify(parsed.data)), label).toEqual(wire);
}

function expectResponseConforms(schema: z.ZodType, body: unknown, label: string): void {
	const parsed = schema.safeParse(body);
	expect(parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)), label).toBe('');
}

function sentBody(path: string, index = 0): unknown {
	const entry = fake().requests({ method: 'POST', path })[index];
	if (!entry?.body) throw new Error(`no ${path} request was sent`);
	return entry.body.redacted;
}

const shot: Shot = createShot('p1', 0, {
	id: 's1',
	title: 'Arrival',
	description: 'A lantern-lit stall in the rain.',
	shotSize: 'Wide',
	angle: 'Eye level',
	movement: 'Static',
	durationS: 3,
	transition: 'cut'
});

describe('requests Maestro sends, against OpenRouter’s request schemas', () => {
	it('the vision request of "Analyze" (text first, then the frames)', async () => {
		await analyzeScene(signal(), ai(), [TINY_JPEG, TINY_JPEG], { durationS: 6 }, () => {});
		expectRequestConforms(ChatRequest$outboundSchema, sentBody('/chat/completions'), 'analyze');
	});

	it.each([
		['openai/gpt-4o-mini', true],
		['google/gemini-2.5-flash', true],
		['anthropic/claude-haiku-4.5', true],
		['anthropic/claude-sonnet-4.5', false]
	])('the director request for %s (structured output: %s)', async (model, structured) => {
		for (const clipDurationS of [undefined, 12]) {
			fake().reset();
			await directShots(
				signal(),
				ai({ directorModel: model }),
				{
					shotCount: 3,
					context: 'A night market in the rain.',
					structured,
					...(clipDurationS ? { clipDurationS, middleFrameUrl: TINY_JPEG } : {})
				},
				() => {}
			);
			const entry = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
			expect(entry.status, `${model}: ${entry.outcome}`).toBe(200);
			expectRequestConforms(ChatRequest$outboundSchema, entry.body!.redacted, model);
		}
	});

	it('the rewrite of one shot', async () => {
		await regenerateShot(signal(), ai(), shot, {}, 'make it a close-up', {
			context: '',
			structured: true
		});
		expectRequestConforms(ChatRequest$outboundSchema, sentBody('/chat/completions'), 'rewrite');
	});

	it.each([
		['google/gemini-2.5-flash-image', ['image', 'text']],
		['black-forest-labs/flux.2-pro', ['image']]
	])('the image request for %s, with its reference pictures', async (model, outputs) => {
		await renderImage(signal(), ai(), {
			model,
			outputModalities: outputs,
			prompt: 'Title: Arrival. A lantern-lit stall in the rain.',
			aspectRatio: '16:9',
			pictures: [TINY_JPEG, TINY_JPEG]
		});
		expectRequestConforms(ChatRequest$outboundSchema, sentBody('/chat/completions'), model);
	});

	it('the /videos request for every video model, as "Animate" plans it', async () => {
		const client = new VideoClient({ baseUrl: fake().url, timeoutS: 10 }, KEY);
		const models = await client.listModels(signal());
		for (const [index, model] of models.entries()) {
			const plan = planVideo(model, { durationS: 5 }, '16:9', true);
			await client.submit(
				{
					model: model.id,
					prompt: 'A lantern drifts.',
					durationS: plan.durationS,
					...(plan.resolution ? { resolution: plan.resolution } : {}),
					...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
					...(plan.generateAudio === false ? { generateAudio: false } : {}),
					firstFrameUrl: TINY_JPEG,
					...(plan.lastFrame ? { lastFrameUrl: TINY_JPEG } : {})
				},
				signal()
			);
			expectRequestConforms(
				VideoGenerationRequest$outboundSchema,
				sentBody('/videos', index),
				model.id
			);
		}
	});

	it('would catch a field OpenRouter does not know', () => {
		const parsed = ChatRequest$outboundSchema.safeParse(
			camelCase({ model: 'a/b', messages: [{ role: 'user', content: 'x' }], max_tokenz: 5 })
		);
		expect(JSON.parse(JSON.stringify(parsed.data))).not.toHaveProperty('max_tokenz');
	});
});

/** The JSON data events of an SSE body (comments and [DONE] skipped). */
function sseEvents(text: string): unknown[] {
	return text
		.split(/\r?\n/)
		.filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
		.map((line) => JSON.parse(line.slice(6)) as unknown);
}

async function post(path: string, body: Json): Promise<Response> {
	return fetch(`${fake().url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

describe('answers the fake gives, against OpenRouter’s response schemas', () => {
	it('GET /models for every purpose', async () => {
		for (const query of ['', '?output_modalities=image', '?output_modalities=all']) {
			const body = (await (await fetch(`${fake().url}/models${query}`)).json()) as unknown;
			expectResponseConforms(ModelsListResponse$inboundSchema, body, `/models${query}`);
		}
	});

	it('GET /videos/models, POST /videos and the finished job', async () => {
		const models = (await (await fetch(`${fake().url}/videos/models`)).json()) as unknown;
		expectResponseConforms(VideoModelsListResponse$inboundSchema, models, '/videos/models');
		const submitted = (await (
			await post('/videos', { model: 'runway/gen-4.5', prompt: 'x', duration: 5 })
		).json()) as { polling_url: string };
		expectResponseConforms(VideoGenerationResponse$inboundSchema, submitted, 'POST /videos');
		fake().advanceTime(1_000);
		const done = (await (
			await fetch(submitted.polling_url, { headers: { authorization: `Bearer ${KEY}` } })
		).json()) as { status: string };
		expect(done.status).toBe('completed');
		expectResponseConforms(VideoGenerationResponse$inboundSchema, done, 'GET /videos/{id}');
	});

	it.each([
		['openai/gpt-4o-mini', { messages: [{ role: 'user', content: 'Premise: rain. 2 shots.' }] }],
		[
			'google/gemini-2.5-flash-image',
			{ messages: [{ role: 'user', content: 'A lantern.' }], modalities: ['image', 'text'] }
		],
		['deepseek/deepseek-r1', { messages: [{ role: 'user', content: 'Premise: rain.' }] }]
	])('chat answers of %s, whole and streamed', async (model, request) => {
		const whole = (await (
			await post('/chat/completions', { model, max_tokens: 2000, ...request })
		).json()) as unknown;
		expectResponseConforms(ChatResult$inboundSchema, whole, `${model} whole`);
		const streamed = await (
			await post('/chat/completions', { model, max_tokens: 2000, stream: true, ...request })
		).text();
		const events = sseEvents(streamed);
		expect(events.length).toBeGreaterThan(2);
		for (const event of events) {
			expectResponseConforms(ChatStreamChunk$inboundSchema, event, `${model} chunk`);
		}
	});

	it('a provider’s refusal passed on by OpenRouter', async () => {
		const response = await post('/chat/completions', {
			model: 'openai/gpt-4o-mini',
			max_tokens: 100,
			messages: [{ role: 'user', content: 'x' }],
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'x',
					strict: true,
					schema: { type: 'object', properties: { a: { type: 'string' } } }
				}
			}
		});
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: unknown; user_id?: unknown };
		expectResponseConforms(BadRequestResponseErrorData$inboundSchema, body.error, '400');
	});
});
