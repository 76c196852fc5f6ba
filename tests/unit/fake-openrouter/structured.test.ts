import { BadRequestError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { sdk, useFake } from './fixture';

const fake = useFake();

const shotSchema = {
	type: 'object',
	additionalProperties: false,
	required: ['shots'],
	properties: {
		shots: {
			type: 'array',
			minItems: 6,
			maxItems: 6,
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['title', 'description', 'shotSize', 'durationS', 'transition', 'sourceTimeS'],
				properties: {
					title: { type: 'string' },
					description: { type: 'string' },
					shotSize: { type: 'string', enum: ['WS', 'MS', 'CU'] },
					durationS: { type: 'number' },
					transition: { type: 'string', enum: ['cut', 'dissolve'] },
					sourceTimeS: { type: ['number', 'null'] }
				}
			}
		}
	}
};

function director(
	model: string,
	extra: Record<string, unknown> = {},
	prompt = 'Premise: a night market in the rain'
) {
	return sdk(fake()).chat.completions.create({
		model,
		max_tokens: 4000,
		messages: [{ role: 'user', content: prompt }],
		response_format: {
			type: 'json_schema',
			json_schema: { name: 'storyboard', strict: true, schema: shotSchema }
		},
		...extra
	});
}

describe('structured output', () => {
	it('honours json_schema: shot count from minItems/maxItems, enums and nullable fields', async () => {
		const completion = await director('openai/gpt-4o-mini');
		const parsed = JSON.parse(completion.choices[0]?.message.content ?? '') as {
			shots: Record<string, unknown>[];
		};
		expect(parsed.shots).toHaveLength(6);
		for (const shot of parsed.shots) {
			expect(Object.keys(shot)).toEqual([
				'title',
				'description',
				'shotSize',
				'durationS',
				'transition',
				'sourceTimeS'
			]);
			expect(['WS', 'MS', 'CU']).toContain(shot.shotSize);
			expect(shot.sourceTimeS).toBeNull();
		}
		expect(parsed.shots.map((s) => s.transition)).toContain('dissolve');
		expect(fake().log[0]?.body?.responseFormat).toMatchObject({
			type: 'json_schema',
			name: 'storyboard',
			strict: true
		});
	});

	it('refuses, as OpenAI does, a strict schema whose object leaves a property out of required', async () => {
		const loose = structuredClone(shotSchema);
		loose.properties.shots.items.required = ['title', 'description'];
		const error = await director('openai/gpt-4o-mini', {
			response_format: {
				type: 'json_schema',
				json_schema: { name: 'storyboard', strict: true, schema: loose }
			}
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BadRequestError);
		const body = (error as BadRequestError).error as {
			message: string;
			metadata: { raw: string; provider_name: string };
		};
		expect(body.message).toBe('Provider returned error');
		expect(body.metadata.provider_name).toBe('OpenAI');
		expect(JSON.parse(body.metadata.raw)).toEqual({
			error: {
				message: expect.stringContaining(
					"In context=('properties', 'shots', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'shotSize'."
				),
				type: 'invalid_request_error',
				param: 'response_format',
				code: null
			}
		});
	});

	it('refuses, as Anthropic does, array sizes and numeric bounds in a schema', async () => {
		const error = await director('anthropic/claude-haiku-4.5').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BadRequestError);
		const metadata = (
			(error as BadRequestError).error as { metadata: { raw: string; provider_name: string } }
		).metadata;
		expect(metadata.provider_name).toBe('Anthropic');
		expect(JSON.parse(metadata.raw)).toMatchObject({
			type: 'error',
			error: {
				type: 'invalid_request_error',
				message: expect.stringContaining('output_format.schema')
			}
		});
	});

	it('refuses a keyword outside Gemini’s schema subset for a Google model', async () => {
		const error = await director('google/gemini-2.5-flash', {
			response_format: {
				type: 'json_schema',
				json_schema: { name: 'storyboard', strict: true, schema: { $schema: 'x', ...shotSchema } }
			}
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BadRequestError);
		const metadata = (
			(error as BadRequestError).error as { metadata: { raw: string; provider_name: string } }
		).metadata;
		expect(metadata.provider_name).toBe('Google AI Studio');
		expect(metadata.raw).toContain('Unknown name \\"$schema\\"');
	});

	it('reads "shot count: N" from a plain prompt and fills sourceTimeS when the shots come from a clip', async () => {
		const completion = await sdk(fake()).chat.completions.create({
			model: 'google/gemini-2.5-flash',
			messages: [
				{
					role: 'user',
					content:
						'Return JSON only. Shot count: 3. Use sourceTimeS from the clip. Clip duration: 12 s.'
				}
			]
		});
		const parsed = JSON.parse(completion.choices[0]?.message.content ?? '') as {
			shots: { sourceTimeS: number }[];
		};
		expect(parsed.shots.map((s) => s.sourceTimeS)).toEqual([0, 4, 8]);
	});

	it('lets a model without structured_outputs ignore the schema and fence its JSON in prose', async () => {
		const content =
			(await director('anthropic/claude-sonnet-4.5')).choices[0]?.message.content ?? '';
		expect(content).toMatch(/^Here is the shot list/);
		expect(content).toContain('```json\n{');
		const fenced = /```json\n([\s\S]*?)\n```/.exec(content)?.[1] ?? '';
		expect((JSON.parse(fenced) as { shots: unknown[] }).shots).toHaveLength(6);
	});

	it('can be told to ignore the schema, wrap JSON in prose, or truncate it with finish_reason "length"', async () => {
		fake().script(['ignore-schema', 'prose-json', 'truncate']);
		expect((await director('openai/gpt-4o-mini')).choices[0]?.message.content).toContain('```json');
		expect((await director('openai/gpt-4o-mini')).choices[0]?.message.content).toMatch(
			/^Sure! Here are the shots[^{]*\{/
		);
		const truncated = (await director('openai/gpt-4o-mini')).choices[0];
		expect(truncated?.finish_reason).toBe('length');
		expect(() => JSON.parse(truncated?.message.content ?? '')).toThrow();
	});

	it('truncates naturally when the answer needs more than max_tokens', async () => {
		const choice = (await director('openai/gpt-4o-mini', { max_tokens: 50 })).choices[0];
		expect(choice?.finish_reason).toBe('length');
		expect(choice?.message.content?.length).toBe(200);
	});

	it('answers 404 constraint_filtered for require_parameters on a model without structured outputs', async () => {
		const error = await director('anthropic/claude-sonnet-4.5', {
			provider: { require_parameters: true }
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotFoundError);
		expect((error as NotFoundError).error).toMatchObject({
			code: 404,
			availability: { code: 'constraint_filtered', retryable: false }
		});
	});

	it('writes the wrong number of shots when shotCount is forced', async () => {
		fake().setMode({ shotCount: 2 });
		const parsed = JSON.parse(
			(await director('openai/gpt-4o-mini')).choices[0]?.message.content ?? ''
		) as { shots: unknown[] };
		expect(parsed.shots).toHaveLength(2);
	});

	it('follows a regenerate note for a single shot', async () => {
		const completion = await sdk(fake()).chat.completions.create({
			model: 'google/gemini-2.5-flash',
			messages: [
				{
					role: 'user',
					content: 'Rewrite exactly 1 shot as JSON.\nNote: make it a low-angle close-up'
				}
			]
		});
		const parsed = JSON.parse(completion.choices[0]?.message.content ?? '') as {
			shots: { angle: string; shotSize: string }[];
		};
		expect(parsed.shots).toEqual([
			expect.objectContaining({ angle: 'low-angle', shotSize: 'close-up' })
		]);
	});
});
