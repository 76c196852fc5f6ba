import { describe, expect, it } from 'vitest';
import { responseFormat } from '$lib/director/client';
import { directorAnswerSchema, directorJsonSchema } from '$lib/director/shot-schema';
import {
	anthropicSchemaProblem,
	geminiSchemaProblem,
	openAiStrictSchemaProblem
} from '../../fake-openrouter/schema-rules';

type Node = Record<string, unknown>;

/** A shot as the director's answer holds it, with what a test sets. */
function answerShot(fields: Node): Node {
	return {
		title: 'A',
		description: 'B',
		shotSize: 'Wide',
		angle: 'Eye level',
		movement: 'Static',
		durationS: 3,
		transition: 'cut',
		notes: '',
		dialogue: [],
		sound: '',
		cast: [],
		...fields
	};
}

function objects(node: unknown, found: Node[] = []): Node[] {
	if (typeof node !== 'object' || node === null) return found;
	const record = node as Node;
	if (record.type === 'object') found.push(record);
	for (const value of Object.values(record)) objects(value, found);
	return found;
}

describe('directorJsonSchema', () => {
	const idea = directorJsonSchema(4);
	const clip = directorJsonSchema(4, { clipDurationS: 12.5 });

	it('passes OpenAI strict mode and Gemini’s schema subset, with and without a clip', () => {
		for (const schema of [idea, clip]) {
			expect(openAiStrictSchemaProblem(schema, 'storyboard_shots')).toBeNull();
			expect(geminiSchemaProblem(schema)).toBeNull();
		}
	});

	it('lists every property as required and forbids others on every object', () => {
		for (const object of [...objects(idea), ...objects(clip)]) {
			expect(object.additionalProperties).toBe(false);
			expect([...(object.required as string[])].sort()).toEqual(
				Object.keys(object.properties as Node).sort()
			);
		}
	});

	it('has no source time at all for a storyboard from an idea', () => {
		expect(JSON.stringify(idea)).not.toContain('sourceTimeS');
	});

	it('states the clip’s bounds and the shot count in words, not as bounds Anthropic refuses', () => {
		const shot = (clip.properties as Node).shots as Node;
		const sourceTime = ((shot.items as Node).properties as Node).sourceTimeS as Node;
		expect(sourceTime.type).toBe('number');
		expect(sourceTime.description).toMatch(/From 0 to 12\.5\.$/);
		expect(shot.description).toBe('Exactly 4 items.');
		for (const schema of [idea, clip]) {
			expect(JSON.stringify(schema)).not.toMatch(/"(minimum|maximum|minItems|maxItems)"/);
			expect(anthropicSchemaProblem(schema)).toBeNull();
		}
	});

	it('keeps the bounds in the zod schema the answer is checked against', () => {
		const answer = directorAnswerSchema(1, { clipDurationS: 12.5 });
		const shot = answerShot({
			beats: [{ action: 'She turns', camera: '', sourceTimeS: 2.5, cast: [] }],
			sourceTimeS: 20
		});
		expect(answer.safeParse({ cast: [], shots: [shot] }).success).toBe(false);
		expect(answer.safeParse({ cast: [], shots: [{ ...shot, sourceTimeS: 2 }] }).success).toBe(true);
		expect(answer.safeParse({ cast: [], shots: [] }).success).toBe(false);
	});

	it('asks every shot for its beats, each with an action and a camera note, 1 to 4 in words', () => {
		for (const schema of [idea, clip]) {
			const item = (((schema.properties as Node).shots as Node).items as Node).properties as Node;
			const beats = item.beats as Node;
			expect(((schema.properties as Node).shots as Node).items).toMatchObject({
				required: expect.arrayContaining(['beats'])
			});
			expect(beats.type).toBe('array');
			expect(beats.description).toMatch(/At least 1 items\. At most 4 items\.$/);
			expect(beats).not.toHaveProperty('minItems');
			expect(beats).not.toHaveProperty('maxItems');
			const beat = beats.items as Node;
			expect(beat.additionalProperties).toBe(false);
			expect(Object.keys(beat.properties as Node)).toEqual(
				schema === clip ? ['action', 'camera', 'cast', 'sourceTimeS'] : ['action', 'camera', 'cast']
			);
			expect(beat.required).toEqual(Object.keys(beat.properties as Node));
		}
	});

	it('holds an answer to 1–4 beats per shot and beat times inside the clip', () => {
		const answer = directorAnswerSchema(1, { clipDurationS: 10 });
		const shot = answerShot({ sourceTimeS: 1 });
		const beat = (sourceTimeS: number) => ({ action: 'Moves', camera: '', sourceTimeS, cast: [] });
		const parse = (beats: unknown[]) =>
			answer.safeParse({ cast: [], shots: [{ ...shot, beats }] }).success;
		expect(parse([beat(1), beat(2)])).toBe(true);
		expect(parse([])).toBe(false);
		expect(parse([1, 2, 3, 4, 5].map(beat))).toBe(false);
		expect(parse([beat(11)])).toBe(false);
	});

	it('is what "Generate shots" sends, strict, only for models with structured outputs', () => {
		expect(responseFormat(false, 3, {})).toEqual({});
		expect(responseFormat(true, 3, {}).response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'storyboard_shots', strict: true, schema: directorJsonSchema(3) }
		});
	});

	it('accepts an answer that follows it and refuses one with an unknown camera term', () => {
		const shot = {
			title: 'Arrival',
			description: 'A lantern-lit stall in the rain.',
			beats: [{ action: 'The vendor lifts a lantern', camera: '', cast: ['Vendor'] }],
			shotSize: 'Wide',
			angle: 'Eye level',
			movement: 'Static',
			durationS: 3,
			transition: 'cut',
			notes: '',
			dialogue: [{ speaker: 'Vendor', line: 'Last lantern tonight!' }],
			sound: 'Rain on canvas',
			cast: ['Vendor']
		};
		const cast = [{ name: 'Vendor', kind: 'character', description: 'Old, straw hat' }];
		const parse = (shots: unknown[]) => directorAnswerSchema(1).safeParse({ cast, shots }).success;
		expect(parse([shot])).toBe(true);
		expect(parse([{ ...shot, dialogue: [{ line: 'Hi' }] }])).toBe(false);
		expect(parse([{ ...shot, shotSize: 'Very wide' }])).toBe(false);
	});
});

describe('the director’s cast in its answer', () => {
	const idea = directorJsonSchema(4);
	const clip = directorJsonSchema(4, { clipDurationS: 12.5 });
	const rewrite = directorJsonSchema(1, {}, { proposeCast: false });
	const props = (node: unknown) => (node as Node).properties as Node;

	it('proposes the cast before the shots, so it streams first', () => {
		for (const schema of [idea, clip])
			expect(Object.keys(props(schema))).toEqual(['cast', 'shots']);
		expect(Object.keys(props(rewrite))).toEqual(['shots']);
	});

	it('asks each member for a name, a kind and a description, at most 8 in words', () => {
		const cast = props(idea).cast as Node;
		expect(cast.description).toMatch(/At most 8 items\.$/);
		expect(cast).not.toHaveProperty('maxItems');
		const member = cast.items as Node;
		expect(member.required).toEqual(['name', 'kind', 'description']);
		expect((props(member).kind as Node).enum).toEqual(['character', 'prop', 'location']);
	});

	it('asks every shot and every beat for the names of its cast', () => {
		for (const schema of [idea, clip, rewrite]) {
			const shot = (props(schema).shots as Node).items as Node;
			expect(props(shot).cast).toMatchObject({ type: 'array', items: { type: 'string' } });
			expect(shot.required).toContain('cast');
			const beat = (props(shot).beats as Node).items as Node;
			expect(props(beat).cast).toMatchObject({ type: 'array', items: { type: 'string' } });
			expect(beat.required).toContain('cast');
		}
	});

	it('is accepted by OpenAI strict mode, Gemini and Anthropic', () => {
		for (const schema of [idea, clip, rewrite]) {
			expect(openAiStrictSchemaProblem(schema, 'storyboard_shots')).toBeNull();
			expect(geminiSchemaProblem(schema)).toBeNull();
			expect(anthropicSchemaProblem(schema)).toBeNull();
		}
	});

	it('is what a rewrite sends: the shot’s cast names, no cast list', () => {
		expect(responseFormat(true, 1, {}, false).response_format?.json_schema.schema).toEqual(rewrite);
	});
});

describe('openAiStrictSchemaProblem', () => {
	const base = {
		type: 'object',
		additionalProperties: false,
		required: ['shots'],
		properties: {
			shots: {
				type: 'array',
				items: {
					type: 'object',
					additionalProperties: false,
					required: ['title'],
					properties: { title: { type: 'string' }, sourceTimeS: { type: 'number' } }
				}
			}
		}
	};

	it('refuses a property left out of required, with OpenAI’s own words', () => {
		expect(openAiStrictSchemaProblem(base, 'storyboard_shots')).toBe(
			"Invalid schema for response_format 'storyboard_shots': In context=('properties', 'shots', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'sourceTimeS'."
		);
	});

	it('refuses an object without additionalProperties: false', () => {
		const loose = structuredClone(base) as Node;
		((loose.properties as Node).shots as Node).items = {
			type: 'object',
			required: ['title'],
			properties: { title: { type: 'string' } }
		};
		expect(openAiStrictSchemaProblem(loose, 'x')).toContain(
			"'additionalProperties' is required to be supplied and to be false"
		);
	});

	it('refuses keywords strict mode does not support, and a root that is not an object', () => {
		const withAllOf = { ...base, allOf: [] };
		expect(openAiStrictSchemaProblem(withAllOf, 'x')).toContain("'allOf' is not permitted");
		expect(openAiStrictSchemaProblem({ type: 'array', items: {} }, 'x')).toContain(
			'schema must be a JSON Schema of \'type: "object"\''
		);
	});

	it('accepts optional fields written as a union with null', () => {
		const nullable = structuredClone(base) as Node;
		const item = ((nullable.properties as Node).shots as Node).items as Node;
		item.required = ['title', 'sourceTimeS'];
		(item.properties as Node).sourceTimeS = { anyOf: [{ type: 'number' }, { type: 'null' }] };
		expect(openAiStrictSchemaProblem(nullable, 'x')).toBeNull();
	});

	it('refuses nesting deeper than the published limit', () => {
		let deep: Node = { type: 'string' };
		for (let level = 0; level < 11; level++) {
			deep = {
				type: 'object',
				additionalProperties: false,
				required: ['a'],
				properties: { a: deep }
			};
		}
		expect(openAiStrictSchemaProblem(deep, 'x')).toContain('levels of nesting exceeds limit of 10');
	});
});

describe('geminiSchemaProblem', () => {
	it('refuses keywords outside Gemini’s schema subset, such as $schema', () => {
		expect(geminiSchemaProblem({ $schema: 'x', type: 'object' })).toContain(
			'Unknown name "$schema"'
		);
		expect(
			geminiSchemaProblem({ type: 'object', properties: { a: { type: 'string', const: 'b' } } })
		).toContain('Unknown name "const"');
	});
});

describe('anthropicSchemaProblem', () => {
	it('refuses numeric bounds and array sizes above one, in Anthropic’s words', () => {
		expect(
			anthropicSchemaProblem({
				type: 'object',
				additionalProperties: false,
				properties: { n: { type: 'integer', minimum: 0 } }
			})
		).toBe("output_format.schema: For 'integer' type, property 'minimum' is not supported");
		expect(
			anthropicSchemaProblem({ type: 'array', minItems: 5, items: { type: 'string' } })
		).toContain("'minItems' values other than 0 or 1");
	});
});
