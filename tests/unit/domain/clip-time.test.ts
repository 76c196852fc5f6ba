import { describe, expect, it } from 'vitest';
import { clipTimeOf, createShot } from '$lib/domain/shot';
import { SHOT_LIST_COLUMNS, shotListCsv } from '$lib/export/csv';

describe('clipTimeOf', () => {
	it('gives a shot’s source time only for a storyboard with a clip', () => {
		const shot = { sourceTimeS: 3 };
		expect(clipTimeOf(shot, { kind: 'video' })).toBe(3);
		// Idea storyboards once saved times the model made up: they are not shown.
		expect(clipTimeOf(shot, { kind: 'idea' })).toBeUndefined();
	});
});

describe('shotListCsv for a storyboard made from an idea', () => {
	it('leaves the source time column blank, whatever was saved', () => {
		const shot = createShot('p', 0, { title: 'Pier', sourceTimeS: 3 });
		const column = SHOT_LIST_COLUMNS.indexOf('Source time (s)');
		const [, row] = shotListCsv([shot], new Map(), { kind: 'idea' }).slice(1).split('\r\n');
		expect(row!.split(',')[column]).toBe('');
		const [, clipRow] = shotListCsv([shot], new Map(), { kind: 'video' }).slice(1).split('\r\n');
		expect(clipRow!.split(',')[column]).toBe('3');
	});
});
