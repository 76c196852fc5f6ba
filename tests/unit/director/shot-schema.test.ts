import { describe, expect, it } from 'vitest';
import { formatCost, usageCost } from '$lib/ai/costs';
import { cleanBaseUrl, restoreOptions } from '$lib/ai/meta';
import { normaliseCameraTerm, parseModelShot, toShotFields } from '$lib/director/shot-schema';
import { CAMERA_ANGLES, createShot, SHOT_SIZES } from '$lib/domain/shot';
import { MAX_BEATS } from '$lib/domain/beats';
import { shotSpan } from '$lib/director/source-time';

describe('normaliseCameraTerm', () => {
	it('maps model spellings onto our vocabulary', () => {
		expect(normaliseCameraTerm('extreme-close-up', SHOT_SIZES, 'Medium')).toBe('Extreme close-up');
		expect(normaliseCameraTerm('LOW ANGLE', CAMERA_ANGLES, 'Eye level')).toBe('Low angle');
		expect(normaliseCameraTerm('overhead', CAMERA_ANGLES, 'Eye level')).toBe("Bird's-eye");
		expect(normaliseCameraTerm('ECU', SHOT_SIZES, 'Medium')).toBe('Extreme close-up');
	});

	it('keeps a term it does not know, and falls back when there is none', () => {
		expect(normaliseCameraTerm('two-shot', SHOT_SIZES, 'Medium')).toBe('Two-shot');
		expect(normaliseCameraTerm('  ', SHOT_SIZES, 'Medium')).toBe('Medium');
	});
});

describe('parseModelShot', () => {
	it('accepts a good shot, coercing numbers sent as strings', () => {
		const parsed = parseModelShot(
			'{"title":"A","description":"B","durationS":"4.5","transition":"Dissolve"}'
		);
		expect(parsed.ok).toBe(true);
		if (parsed.ok)
			expect(toShotFields(parsed.shot)).toMatchObject({ durationS: 4.5, transition: 'dissolve' });
	});

	it('says why a shot is unusable', () => {
		expect(parseModelShot('{"title":"A"}')).toEqual({
			ok: false,
			reason: expect.stringContaining('description')
		});
		expect(parseModelShot('{"title":')).toEqual({ ok: false, reason: 'it is not valid JSON' });
	});

	it('bounds durations and keeps source times to the centisecond, inside the clip', () => {
		const clip = { clipDurationS: 10 };
		const parsed = parseModelShot(
			'{"title":"A","description":"B","durationS":9999,"sourceTimeS":3.14159}',
			clip
		);
		if (!parsed.ok) throw new Error('should parse');
		expect(toShotFields(parsed.shot, clip)).toMatchObject({ durationS: 600, sourceTimeS: 3.14 });
		const late = parseModelShot('{"title":"A","description":"B","sourceTimeS":"42"}', clip);
		if (!late.ok) throw new Error('should parse');
		expect(toShotFields(late.shot, clip).sourceTimeS).toBe(9.99);
	});

	it('gives a shot of a storyboard without a clip no source time, whatever the model wrote', () => {
		const parsed = parseModelShot('{"title":"A","description":"B","sourceTimeS":3}');
		if (!parsed.ok) throw new Error('should parse');
		expect(toShotFields(parsed.shot)).not.toHaveProperty('sourceTimeS');
	});
});

describe('usageCost and formatCost', () => {
	it('reads usage.cost in numbers or strings and ignores nonsense', () => {
		expect(usageCost({ cost: 0.0123 })).toBe(0.0123);
		expect(usageCost({ cost: '0.5' })).toBe(0.5);
		expect(usageCost({ cost: -1 })).toBe(0);
		expect(usageCost(undefined)).toBe(0);
	});

	it('shows small amounts with useful digits', () => {
		expect(formatCost(0)).toBe('$0.00');
		expect(formatCost(0.00042)).toBe('$0.00042');
		expect(formatCost(0.0345)).toBe('$0.035');
		expect(formatCost(12.3)).toBe('$12.30');
	});
});

describe('restoreOptions', () => {
	it('fills defaults and bounds limits', () => {
		const options = restoreOptions({
			concurrency: 99,
			requestsPerMinute: 'x',
			timeoutS: 1,
			baseUrl: 'ftp://nope'
		});
		expect(options.concurrency).toBe(16);
		expect(options.requestsPerMinute).toBe(20);
		expect(options.timeoutS).toBe(10);
		expect(options.baseUrl).toBe('https://openrouter.ai/api/v1');
	});

	it('cleans a base URL', () => {
		expect(cleanBaseUrl(' http://localhost:8080/v1/ ')).toBe('http://localhost:8080/v1');
		expect(cleanBaseUrl('not a url')).toBeUndefined();
	});
});

describe('parseModelShot dialogue and sound', () => {
	it('keeps the spoken lines trimmed, in order, and leaves out empty ones', () => {
		const parsed = parseModelShot(
			JSON.stringify({
				title: 'A',
				description: 'B',
				dialogue: [
					{ speaker: ' Ana ', line: ' We leave tonight. ' },
					{ speaker: 'Ben', line: '  ' },
					'Fine.'
				],
				sound: ' Rain on tin '
			})
		);
		if (!parsed.ok) throw new Error('should parse');
		expect(toShotFields(parsed.shot)).toMatchObject({
			dialogue: [
				{ speaker: 'Ana', line: 'We leave tonight.' },
				{ speaker: '', line: 'Fine.' }
			],
			sound: 'Rain on tin'
		});
	});

	it('gives a shot without them, or with unusable ones, no lines and no sound', () => {
		for (const extra of ['', ',"dialogue":"oops","sound":null', ',"dialogue":null,"sound":3']) {
			const parsed = parseModelShot(`{"title":"A","description":"B"${extra}}`);
			if (!parsed.ok) throw new Error(`should parse: ${extra}`);
			expect(toShotFields(parsed.shot)).toMatchObject({ dialogue: [], sound: '' });
		}
	});
});

describe('parseModelShot and toShotFields with beats', () => {
	const read = (shot: object, source = {}) => {
		const parsed = parseModelShot(
			JSON.stringify({ title: 'A', description: 'B', ...shot }),
			source
		);
		if (!parsed.ok) throw new Error(parsed.reason);
		return toShotFields(parsed.shot, source);
	};

	it('saves the beats the director wrote, in order, each with a fresh id', () => {
		const fields = read({
			beats: [
				{ action: 'The door opens', camera: '' },
				{ action: ' She turns ', camera: 'Push in' },
				{ action: 'She sees him', camera: '' }
			]
		});
		expect(fields.beats?.map(({ action, camera }) => ({ action, camera }))).toEqual([
			{ action: 'The door opens', camera: '' },
			{ action: 'She turns', camera: 'Push in' },
			{ action: 'She sees him', camera: '' }
		]);
		const ids = fields.beats!.map((beat) => beat.id);
		expect(new Set(ids).size).toBe(3);
		expect(fields.beats![0]).not.toHaveProperty('sourceTimeS');
	});

	it('reads an answer without beats (an older model) as a shot of one plain beat', () => {
		expect(read({})).not.toHaveProperty('beats');
		expect(read({ beats: 'none' })).not.toHaveProperty('beats');
		expect(createShot('p', 0, read({})).beats).toEqual([
			{ id: expect.stringMatching(/#1$/), action: '', camera: '' }
		]);
	});

	it('drops beats without an action, reads bare strings as actions, keeps at most MAX_BEATS', () => {
		const fields = read({
			beats: [
				{ action: '  ', camera: 'Pan' },
				'She runs',
				{ camera: 'Tilt' },
				null,
				...Array.from({ length: 12 }, (_, i) => ({ action: `Step ${i + 1}` }))
			]
		});
		expect(fields.beats).toHaveLength(MAX_BEATS);
		expect(fields.beats![0]).toMatchObject({ action: 'She runs', camera: '' });
		expect(fields.beats![MAX_BEATS - 1]!.action).toBe(`Step ${MAX_BEATS - 1}`);
		expect(read({ beats: [{ action: '', camera: '' }] })).not.toHaveProperty('beats');
	});

	it('holds beat times inside the shot’s span of the clip, in order', () => {
		const clip = {
			clipDurationS: 12,
			cutSpans: [
				{ startS: 0, endS: 4 },
				{ startS: 4, endS: 10 },
				{ startS: 10, endS: 12 }
			]
		};
		const fields = read(
			{
				sourceTimeS: 4.5,
				beats: [
					{ action: 'a', camera: '', sourceTimeS: 2 },
					{ action: 'b', camera: '', sourceTimeS: '7.25' },
					{ action: 'c', camera: '', sourceTimeS: 6 },
					{ action: 'd', camera: '' },
					{ action: 'e', camera: '', sourceTimeS: 30 }
				]
			},
			clip
		);
		expect(fields.sourceTimeS).toBe(4.5);
		expect(fields.beats!.map((beat) => beat.sourceTimeS)).toEqual([4, 7.25, 7.25, undefined, 9.99]);
	});

	it('holds beat times inside the clip when no cuts are known', () => {
		const fields = read(
			{ sourceTimeS: 3, beats: [{ action: 'a', camera: '', sourceTimeS: 99 }] },
			{ clipDurationS: 8 }
		);
		expect(fields.beats![0]!.sourceTimeS).toBe(7.99);
	});
});

describe('shotSpan', () => {
	const cuts = [
		{ startS: 0, endS: 4 },
		{ startS: 4, endS: 10 }
	];

	it('is the cut span the shot starts in, held inside the clip', () => {
		expect(shotSpan(4, cuts, 9)).toEqual({ startS: 4, endS: 9 });
		expect(shotSpan(0, cuts, 12)).toEqual({ startS: 0, endS: 4 });
	});

	it('runs to the clip’s end past the known cuts, and is the whole clip without a start', () => {
		expect(shotSpan(11, cuts, 12)).toEqual({ startS: 11, endS: 12 });
		expect(shotSpan(undefined, cuts, 12)).toEqual({ startS: 0, endS: 12 });
	});
});
