import { describe, expect, it } from 'vitest';
import { ShotStreamParser } from '$lib/director/shot-stream';

function parseInPieces(text: string, sizes: number[] | 'chars'): unknown[] {
	const shots: unknown[] = [];
	const parser = new ShotStreamParser((json) => shots.push(JSON.parse(json)));
	if (sizes === 'chars') for (const ch of text) parser.push(ch);
	else {
		let at = 0;
		for (const size of sizes) {
			parser.push(text.slice(at, at + size));
			at += size;
		}
		parser.push(text.slice(at));
	}
	return shots;
}

const reply = JSON.stringify({
	shots: [
		{
			title: 'Dusk',
			description: 'Market {wide} with "quotes" and \\ slashes',
			tags: ['a', '[b]']
		},
		{ title: 'Courier', description: 'Nested', extra: { deep: { deeper: [1, 2, { x: '}' }] } } },
		{ title: '夜', description: 'Unicode' }
	]
});

describe('ShotStreamParser', () => {
	it('hands over each shot when its object closes, not before', () => {
		const seen: number[] = [];
		const parser = new ShotStreamParser((_json, index) => seen.push(index));
		const secondStart = reply.indexOf('{"title":"Courier"');
		parser.push(reply.slice(0, secondStart));
		expect(seen).toEqual([0]);
		parser.push(reply.slice(secondStart, secondStart + 20));
		expect(seen).toEqual([0]);
		parser.push(reply.slice(secondStart + 20));
		expect(seen).toEqual([0, 1, 2]);
		expect(parser.complete).toBe(true);
	});

	it('gives the same shots however the text is split', () => {
		const whole = parseInPieces(reply, []);
		expect(whole).toHaveLength(3);
		expect(parseInPieces(reply, 'chars')).toEqual(whole);
		for (let seed = 1; seed < 30; seed++) {
			const sizes = Array.from({ length: 40 }, (_, i) => ((i * 7 + seed * 13) % 11) + 1);
			expect(parseInPieces(reply, sizes)).toEqual(whole);
		}
	});

	it('reads a bare array, a fenced reply and prose around the JSON', () => {
		const bare = JSON.stringify([{ title: 'A' }, { title: 'B' }]);
		expect(parseInPieces(bare, [3])).toEqual([{ title: 'A' }, { title: 'B' }]);
		const fenced = 'Here is your storyboard:\n```json\n' + reply + '\n```\nEnjoy! {not json}';
		expect(parseInPieces(fenced, [5, 9])).toHaveLength(3);
	});

	it('ignores arrays that are not the shot list', () => {
		const text = JSON.stringify({ notes: [{ title: 'not a shot' }], shots: [{ title: 'real' }] });
		expect(parseInPieces(text, [])).toEqual([{ title: 'real' }]);
	});

	it('keeps the complete shots of a truncated reply', () => {
		const truncated = reply.slice(0, reply.indexOf('{"title":"夜"') + 12);
		const shots = parseInPieces(truncated, [10]);
		expect(shots.map((s) => (s as { title: string }).title)).toEqual(['Dusk', 'Courier']);
	});

	it('keeps every byte received for the raw output view', () => {
		const parser = new ShotStreamParser(() => {});
		parser.push('prose ');
		parser.push('[{"a":1}');
		expect(parser.text).toBe('prose [{"a":1}');
		expect(parser.count).toBe(1);
		expect(parser.complete).toBe(false);
	});

	it('hands over whole shots with their beats, never a beat on its own', () => {
		const withBeats = JSON.stringify({
			shots: [
				{
					title: 'Door',
					beats: [
						{ action: 'The door opens', camera: '' },
						{ action: 'She turns {left}', camera: 'Push in' },
						{ action: 'She sees him', camera: '' }
					],
					description: 'A hallway'
				},
				{ title: 'Street', beats: [{ action: 'Rain falls', camera: '' }], description: 'Wet' }
			]
		});
		for (const pieces of ['chars', [7, 13, 40, 3]] as const) {
			const shots = parseInPieces(withBeats, pieces === 'chars' ? 'chars' : [...pieces]);
			expect(shots).toEqual(JSON.parse(withBeats).shots);
		}
	});
});

describe('ShotStreamParser with a cast list', () => {
	const cast = [
		{ name: 'Mara', kind: 'character', description: 'Red coat, {bright}' },
		{ name: 'Harbour', kind: 'location', description: 'Cranes "at" dusk' }
	];
	const shots = [
		{ title: 'A', cast: ['Mara'], beats: [{ action: 'x', cast: ['Mara'] }] },
		{ title: 'B', cast: [{ name: 'not a member' }], beats: [] }
	];

	function parseBoth(text: string, split: (text: string) => string[]) {
		const seen: { list: string; value: unknown }[] = [];
		const parser = new ShotStreamParser(
			(json) => seen.push({ list: 'shots', value: JSON.parse(json) }),
			(json) => seen.push({ list: 'cast', value: JSON.parse(json) })
		);
		for (const piece of split(text)) parser.push(piece);
		return seen;
	}

	const at = (position: number) => (text: string) => [
		text.slice(0, position),
		text.slice(position)
	];

	it('hands over the cast first when it comes first, and a shot’s own cast stays in the shot', () => {
		const text = JSON.stringify({ cast, shots }, null, 2);
		const expected = [
			...cast.map((value) => ({ list: 'cast', value })),
			...shots.map((value) => ({ list: 'shots', value }))
		];
		for (let position = 0; position <= text.length; position++) {
			expect(parseBoth(text, at(position))).toEqual(expected);
		}
	});

	it('reads a cast list that comes after the shots, split anywhere', () => {
		const text = JSON.stringify({ shots, cast });
		const expected = [
			...shots.map((value) => ({ list: 'shots', value })),
			...cast.map((value) => ({ list: 'cast', value }))
		];
		for (let position = 0; position <= text.length; position++) {
			expect(parseBoth(text, at(position))).toEqual(expected);
		}
	});

	it('counts shots and cast members apart and ignores other lists after the shots', () => {
		const parser = new ShotStreamParser(() => {});
		parser.push(JSON.stringify({ cast, shots, notes: [{ title: 'not a shot' }] }));
		expect(parser.count).toBe(2);
		expect(parser.complete).toBe(true);
	});
});
