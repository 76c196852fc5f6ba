import { describe, expect, it } from 'vitest';
import { createAiClient } from '$lib/ai/client';
import { analyzeScene, directShots, regenerateShot } from '$lib/director/client';
import { AiOutputError, describeAiError } from '$lib/ai/errors';
import { defaultOptions } from '$lib/ai/meta';
import { createShot } from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';
import type { CastProposal } from '$lib/director/cast-schema';
import { directorAnswerSchema, type ShotCastNames } from '$lib/director/shot-schema';
import { TINY_JPEG, useFake } from '../fake-openrouter/fixture';

const fake = useFake();
const KEY = 'sk-or-v1-test-key-0001';

function ai(directorModel = 'openai/gpt-4o-mini', maxRetries?: number) {
	const context = createAiClient(
		{
			...defaultOptions,
			baseUrl: fake().url,
			directorModel,
			contextModel: 'google/gemini-2.5-flash'
		},
		KEY
	);
	if (maxRetries !== undefined) context.client = context.client.withOptions({ maxRetries });
	return context;
}

const brief = {
	shotCount: 4,
	context: '',
	premise: 'A lighthouse keeper finds a bottle.',
	structured: true
};

async function collect(model?: string, overrides: Partial<typeof brief> = {}) {
	const shots: Partial<Shot>[] = [];
	const result = await directShots(
		new AbortController().signal,
		ai(model),
		{ ...brief, ...overrides },
		(fields) => {
			shots.push(fields);
		}
	);
	return { shots, result };
}

describe('directShots', () => {
	it('emits every shot in order with our vocabulary and the cost', async () => {
		const { shots, result } = await collect();
		expect(shots).toHaveLength(4);
		expect(result.problems).toEqual([]);
		expect(result.costUsd).toBeGreaterThan(0);
		for (const shot of shots) {
			expect(shot.title).toBeTruthy();
			expect(shot.description).toBeTruthy();
			expect(['cut', 'dissolve']).toContain(shot.transition);
			expect(shot.shotSize?.[0]).toBe(shot.shotSize?.[0]?.toUpperCase());
		}
		const request = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
		expect(request.body?.responseFormat?.type).toBe('json_schema');
		expect(request.body?.text).toContain('shot count: 4');
	});

	it('streams each shot with the beats the model wrote, structured or in words', async () => {
		for (const [model, structured] of [
			['openai/gpt-4o-mini', true],
			['anthropic/claude-sonnet-4.5', false]
		] as const) {
			const { shots } = await collect(model, { structured });
			expect(shots.map((shot) => shot.beats?.length)).toEqual([1, 3, 1, 1]);
			expect(shots[1]!.beats!.map((beat) => beat.action)).toEqual([
				'the subject turns toward the sound',
				'the subject sees what waits ahead',
				'a hand closes around the handle'
			]);
			expect(shots[1]!.beats![0]!.camera).toBe('');
		}
		const [structured, inWords] = fake().requests({ method: 'POST', path: '/chat/completions' });
		expect(JSON.stringify(structured!.body?.responseFormat?.schema)).toContain('"beats"');
		expect(inWords!.body?.responseFormat).toBeNull();
		expect(inWords!.body?.text).toContain('"beats":[{"action","camera","cast":[names]}]');
	});

	it('writes as many beats per shot as the fake is told to', async () => {
		fake().setMode({ beatsPerShot: 1 });
		const { shots } = await collect();
		expect(shots.map((shot) => shot.beats?.length)).toEqual([1, 1, 1, 1]);
	});

	it('places a clip storyboard’s beats at moments inside each shot’s span between cuts', async () => {
		const cutSpans = [
			{ startS: 0, endS: 2 },
			{ startS: 2, endS: 8 },
			{ startS: 8, endS: 12 }
		];
		const { shots } = await collect(undefined, {
			shotCount: 3,
			clipDurationS: 12,
			cutSpans
		} as never);
		const request = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
		expect(request.body?.text).toContain('0.0–2.0 s, 2.0–8.0 s, 8.0–12.0 s');
		expect(shots.map((shot) => shot.sourceTimeS)).toEqual([0, 2, 8]);
		expect(shots[1]!.beats!.map((beat) => beat.sourceTimeS)).toEqual([3, 5, 7]);
	});

	it('hands each shot over before the stream ends', async () => {
		fake().setMode({ tokenDelayMs: 5, charsPerChunk: 24 });
		const seenWhileStreaming: boolean[] = [];
		await directShots(new AbortController().signal, ai(), brief, () => {
			seenWhileStreaming.push(!fake().log.at(-1)!.finished);
		});
		expect(seenWhileStreaming.slice(0, 3)).toEqual([true, true, true]);
	});

	it('reads a model that ignores the schema and fences its JSON', async () => {
		const { shots } = await collect('anthropic/claude-sonnet-4.5', { structured: false });
		expect(shots).toHaveLength(4);
	});

	it('keeps complete shots of a truncated answer and says the rest is missing', async () => {
		fake().setMode({ outcome: 'truncate' });
		const { shots, result } = await collect();
		expect(shots.length).toBeGreaterThan(0);
		expect(shots.length).toBeLessThan(4);
		expect(result.problems[0]).toMatch(/cut off/);
		expect(result.raw).toContain('"shots"');
	});

	it('reports a different number of shots than asked', async () => {
		fake().setMode({ shotCount: 2 });
		const { shots, result } = await collect();
		expect(shots).toHaveLength(2);
		expect(result.problems).toEqual(['Asked for 4 shots, the model wrote 2.']);
	});

	it('throws AiOutputError with the raw text when no shot is usable', async () => {
		fake().setMode({ outcome: 'empty' });
		const error = await collect().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AiOutputError);
		expect(describeAiError(error).kind).toBe('output');
		// The empty answer was still billed: the cost travels with the error to be logged and counted.
		expect((error as AiOutputError).costUsd).toBeGreaterThan(0);
	});

	it('throws a mid-stream error after handing over what arrived', async () => {
		fake().setMode({ outcome: 'midstream-502' });
		const shots: Partial<Shot>[] = [];
		const error = await directShots(new AbortController().signal, ai(), brief, (fields) => {
			shots.push(fields);
		}).catch((e: unknown) => e);
		expect(describeAiError(error).kind).toBe('stream');
		expect(shots.length).toBeGreaterThanOrEqual(1);
	});

	it('stops on abort and says it was cancelled', async () => {
		fake().setMode({ tokenDelayMs: 20 });
		const controller = new AbortController();
		const stop = () => controller.abort();
		const error = await directShots(controller.signal, ai(), brief, stop, {
			onCastMember: stop
		}).catch((e: unknown) => e);
		expect(describeAiError(error).kind).toBe('aborted');
	});

	it('retries 429s, honouring Retry-After, before giving up', async () => {
		fake().setMode({ retryAfterS: 0.05 });
		fake().script([429, 429, 200], { path: '/chat/completions' });
		const shots: Partial<Shot>[] = [];
		await directShots(new AbortController().signal, ai('openai/gpt-4o-mini', 2), brief, (f) => {
			shots.push(f);
		});
		expect(shots).toHaveLength(4);
		expect(
			fake()
				.requests({ method: 'POST', path: '/chat/completions' })
				.map((r) => r.status)
		).toEqual([429, 429, 200]);
	});
});

describe('directShots with a cast', () => {
	async function direct(overrides: Partial<typeof brief> & { cast?: CastProposal[] } = {}) {
		const events: string[] = [];
		const names: ShotCastNames[] = [];
		const result = await directShots(
			new AbortController().signal,
			ai(overrides.structured === false ? 'anthropic/claude-sonnet-4.5' : undefined),
			{ ...brief, premise: 'Kofi races a paper lantern through a night market.', ...overrides },
			(fields, _index, cast) => {
				events.push(`shot ${fields.title}`);
				names.push(cast);
			},
			{ onCastMember: (member) => void events.push(`cast ${member.name} (${member.kind})`) }
		);
		return { events, names, result };
	}

	it('hands over the proposed members before the first shot, then who each shot names', async () => {
		fake().setMode({ beatsPerShot: null });
		for (const structured of [true, false]) {
			const { events, names, result } = await direct({ structured });
			expect(events.slice(0, 4)).toEqual([
				'cast Kofi (character)',
				expect.stringMatching(/^cast \w+ \(character\)$/),
				'cast Night market (location)',
				expect.stringMatching(/^shot /)
			]);
			expect(result.castProposed).toBe(3);
			const second = events[1]!.split(' ')[1]!;
			expect(names.map((shot) => shot.shot)).toEqual([
				['Night market', 'Kofi'],
				['Kofi', second],
				['Kofi'],
				[second, 'Night market']
			]);
			// The shot of three beats names its cast beat by beat.
			expect(names[1]!.beats).toEqual([['Kofi'], ['Kofi', second], [second]]);
		}
		const [structured, inWords] = fake().requests({ method: 'POST', path: '/chat/completions' });
		expect(
			Object.keys((structured!.body!.responseFormat!.schema as { properties: object }).properties)
		).toEqual(['cast', 'shots']);
		expect(inWords!.body?.text).toContain('{"cast":[{"name","kind","description"}],"shots":[');
	});

	it('gets from the fake an answer that holds to the strict schema, cast and all', async () => {
		fake().setMode({ beatsPerShot: null });
		const { result } = await direct();
		const answer = directorAnswerSchema(4).parse(JSON.parse(result.raw)) as {
			cast: { kind: string }[];
		};
		expect(answer.cast.map((member) => member.kind)).toEqual([
			'character',
			'character',
			'location'
		]);
	});

	it('tells the director the existing cast, which it names instead of proposing again', async () => {
		const { events, names } = await direct({
			cast: [
				{ name: 'Mara', kind: 'character', description: 'Red raincoat' },
				{ name: 'Tomas', kind: 'character', description: 'Grey beard' }
			]
		});
		const request = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
		expect(request.body?.text).toContain(
			'Existing cast (name them by these exact names; do not propose them again):\n- Mara (character): Red raincoat\n- Tomas (character): Grey beard'
		);
		expect(events.filter((event) => event.startsWith('cast'))).toEqual([
			'cast Night market (location)'
		]);
		expect(names[1]!.shot).toEqual(['Mara', 'Tomas']);
	});
});

describe('regenerateShot', () => {
	it('tells the director the cast and who is in the shot, and reads who is in the rewrite', async () => {
		const shot = createShot('p', 0, { title: 'Dock', description: 'A wide dock.' });
		const { cast } = await regenerateShot(
			new AbortController().signal,
			ai(),
			shot,
			{},
			'make it a close-up',
			{
				context: '',
				premise: 'A dock at dawn.',
				structured: true,
				cast: [{ name: 'Mara', kind: 'character', description: 'Red raincoat' }]
			},
			{ shot: ['Mara'], beats: [['Mara']] }
		);
		const request = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
		expect(request.body?.text).toContain('- Mara (character): Red raincoat');
		expect(request.body?.text).toContain('"cast":["Mara"]');
		expect(
			Object.keys((request.body!.responseFormat!.schema as { properties: object }).properties)
		).toEqual(['shots']);
		expect(cast.shot).toEqual(['Mara']);
	});

	it('follows the note and returns the new fields', async () => {
		const shot = createShot('p', 0, {
			title: 'Dock',
			description: 'A wide dock.',
			shotSize: 'Wide',
			angle: 'High angle'
		});
		const { fields } = await regenerateShot(
			new AbortController().signal,
			ai(),
			shot,
			{},
			'make it a low-angle close-up',
			{
				context: '',
				premise: 'A dock at dawn.',
				structured: true
			}
		);
		expect(fields.shotSize).toBe('Close-up');
		expect(fields.angle).toBe('Low angle');
	});
});

describe('analyzeScene', () => {
	it('sends every frame as an image part and streams the description', async () => {
		let streamed = '';
		const result = await analyzeScene(
			new AbortController().signal,
			ai(),
			[TINY_JPEG, TINY_JPEG, TINY_JPEG],
			{ durationS: 6 },
			(piece) => {
				streamed += piece;
			}
		);
		expect(streamed).toBe(result.text);
		expect(result.text).toMatch(/3 images/);
		const request = fake().requests({ method: 'POST', path: '/chat/completions' })[0]!;
		expect(request.body?.imageCount).toBe(3);
		expect(request.headers['http-referer']).toBeDefined();
		expect(request.headers['x-title']).toBe('Maestro');
	});
});
