import { describe, expect, it } from 'vitest';
import { castKindOf, parseCastProposal } from '$lib/director/cast-schema';
import {
	resolveCastNames,
	tagShot,
	unknownNamesNote,
	withBeatCasts
} from '$lib/director/cast-names';
import { parseModelShot, castNamesOf } from '$lib/director/shot-schema';

const members = [
	{ id: 'm1', name: 'Mara' },
	{ id: 'm2', name: 'Old Tom' },
	{ id: 'm3', name: 'Harbour' }
];

describe('resolveCastNames', () => {
	it('finds members by name in any case and spacing, in the order named, each once', () => {
		expect(resolveCastNames(['harbour', ' old  TOM ', 'Mara', 'MARA'], members)).toEqual({
			ids: ['m3', 'm2', 'm1'],
			unknown: []
		});
	});

	it('returns the names that match nobody, each once', () => {
		expect(resolveCastNames(['Mara', 'Captain', 'captain', 'Dog'], members)).toEqual({
			ids: ['m1'],
			unknown: ['Captain', 'Dog']
		});
	});
});

describe('tagShot', () => {
	it('gives each beat its own cast only when the shot has several beats and it differs', () => {
		const tags = tagShot(
			{ shot: ['Mara', 'Old Tom'], beats: [['Mara'], ['mara', 'old tom'], ['Old Tom', 'Ghost']] },
			members
		);
		expect(tags.cast).toEqual(['m1', 'm2']);
		expect(tags.beatCasts).toEqual([['m1'], undefined, ['m2']]);
		expect(tags.unknown).toEqual(['Ghost']);
	});

	it('gives a one-beat shot no beat cast, and a beat that names nobody none', () => {
		expect(tagShot({ shot: ['Mara'], beats: [['Harbour']] }, members).beatCasts).toEqual([
			undefined
		]);
		expect(tagShot({ shot: ['Mara'], beats: [[], ['Mara']] }, members).beatCasts).toEqual([
			undefined,
			undefined
		]);
	});
});

describe('withBeatCasts', () => {
	it('lays the casts on the beats and takes an old one off', () => {
		const beats = [
			{ id: 'b1', action: 'a', camera: '', cast: ['old'] },
			{ id: 'b2', action: 'b', camera: '' }
		];
		expect(withBeatCasts(beats, [undefined, ['m1']])).toEqual([
			{ id: 'b1', action: 'a', camera: '' },
			{ id: 'b2', action: 'b', camera: '', cast: ['m1'] }
		]);
	});
});

describe('unknownNamesNote', () => {
	it('says once per name which shots used it', () => {
		const notes = unknownNamesNote(
			new Map([
				[2, ['Captain']],
				[3, ['captain', 'Dog']],
				[5, ['Captain']]
			])
		);
		expect(notes).toEqual([
			'The director named “Captain” in shots 2, 3 and 5, who is not in the cast: left out.',
			'The director named “Dog” in shot 3, who is not in the cast: left out.'
		]);
	});
});

describe('parseCastProposal', () => {
	it('reads a member, trimming and mapping a kind in other words', () => {
		expect(
			parseCastProposal('{"name":" Mara ","kind":"Person","description":" Red coat "}')
		).toEqual({ ok: true, member: { name: 'Mara', kind: 'character', description: 'Red coat' } });
		expect(parseCastProposal('{"name":"Pier","kind":"place"}')).toEqual({
			ok: true,
			member: { name: 'Pier', kind: 'location', description: '' }
		});
	});

	it('refuses a member without a name', () => {
		expect(parseCastProposal('{"name":"  ","kind":"prop"}')).toEqual({
			ok: false,
			reason: 'it has no name'
		});
		expect(parseCastProposal('{"name":')).toMatchObject({ ok: false });
	});

	it('maps kinds onto ours, a character when unsure', () => {
		expect(['prop', 'item', 'vehicle', 'setting', 'robot', 42].map(castKindOf)).toEqual([
			'prop',
			'prop',
			'prop',
			'location',
			'character',
			'character'
		]);
	});
});

describe('a shot’s cast names as parsed', () => {
	const base = { title: 'A', description: 'B' };

	it('are empty for an answer without cast (an older model, a prose answer)', () => {
		const parsed = parseModelShot(JSON.stringify({ ...base, beats: [{ action: 'x' }] }));
		expect(parsed.ok && castNamesOf(parsed.shot)).toEqual({
			shot: [],
			beats: [[]],
			answered: false
		});
	});

	it('keep the names as written and leave out what is not a name', () => {
		const parsed = parseModelShot(
			JSON.stringify({
				...base,
				cast: [' Mara ', 3, '', { name: 'x' }, 'Nobody'],
				beats: [{ action: 'x', cast: 'Mara' }, 'she turns']
			})
		);
		expect(parsed.ok && castNamesOf(parsed.shot)).toEqual({
			shot: ['Mara', 'Nobody'],
			beats: [[], []],
			answered: true
		});
	});
});
