import { describe, expect, it } from 'vitest';
import { restorer } from '$lib/domain/lenient';
import { HistoryStepSchema, ShotSchema } from '$lib/domain/records';
import { diffRecords, TRACKED_SHOT_FIELDS } from '$lib/domain/history';
import { sameValue } from '$lib/domain/same-value';
import { shot } from '../export/fixtures';

function read(raw: unknown) {
	const warnings: string[] = [];
	const result = restorer(ShotSchema, 'skipped')(raw, (w) => warnings.push(w));
	return { shot: result, warnings };
}

describe('ShotSchema dialogue and sound', () => {
	it('reads a shot saved before dialogue existed with no lines and no sound', () => {
		const { shot, warnings } = read({ id: 's', projectId: 'p', title: 'Old', notes: 'n' });
		expect(shot).toMatchObject({ title: 'Old', notes: 'n', dialogue: [], sound: '' });
		expect(warnings).toEqual([]);
	});

	it('keeps lines in order with their speakers, and the sound', () => {
		const dialogue = [
			{ speaker: 'Ana', line: 'We leave tonight.' },
			{ speaker: '老师', line: '为什么？' }
		];
		const { shot } = read({ id: 's', projectId: 'p', dialogue, sound: 'Rain' });
		expect(shot?.dialogue).toEqual(dialogue);
		expect(shot?.sound).toBe('Rain');
	});

	it('repairs bad values: bare text is a line without speaker, unreadable lines go with a note', () => {
		const { shot, warnings } = read({
			id: 's',
			projectId: 'p',
			dialogue: ['Run!', { speaker: 7, line: 'Now.' }, { speaker: 'Ben' }, 42, null],
			sound: { loud: true }
		});
		expect(shot?.dialogue).toEqual([
			{ speaker: '', line: 'Run!' },
			{ speaker: '', line: 'Now.' }
		]);
		expect(shot?.sound).toBe('');
		expect(warnings).toEqual(['3 lines of dialogue were unreadable and were left out.']);
	});

	it('reads dialogue that is not a list as no lines, and drops unknown fields of a line', () => {
		expect(read({ id: 's', projectId: 'p', dialogue: { a: 1 } }).shot?.dialogue).toEqual([]);
		expect(
			read({ id: 's', projectId: 'p', dialogue: [{ speaker: 'A', line: 'B', mood: 'x' }] }).shot
				?.dialogue
		).toEqual([{ speaker: 'A', line: 'B' }]);
	});
});

describe('sameValue', () => {
	it('compares lists of lines by what they hold', () => {
		expect(sameValue([{ speaker: 'A', line: 'B' }], [{ speaker: 'A', line: 'B' }])).toBe(true);
		expect(sameValue([{ speaker: 'A', line: 'B' }], [{ speaker: 'A', line: 'C' }])).toBe(false);
		expect(sameValue([], {})).toBe(false);
		expect(sameValue([], null)).toBe(false);
		expect(sameValue('a', 'a')).toBe(true);
	});
});

describe('diffRecords with dialogue', () => {
	it('records a changed dialogue, and nothing for an equal copy', () => {
		const before = shot('a', 0, { dialogue: [{ speaker: 'A', line: 'Hi' }] });
		const copy = shot('a', 0, { dialogue: [{ speaker: 'A', line: 'Hi' }] });
		expect(diffRecords([before], [copy], TRACKED_SHOT_FIELDS).before).toEqual({});
		const after = shot('a', 0, { dialogue: [{ speaker: 'A', line: 'Hello' }], sound: 'Wind' });
		const sides = diffRecords([before], [after], TRACKED_SHOT_FIELDS);
		expect(sides.after).toEqual({
			a: { dialogue: [{ speaker: 'A', line: 'Hello' }], sound: 'Wind' }
		});
		const step = HistoryStepSchema.safeParse({
			id: 'x',
			label: 'edit the dialogue of shot 1',
			time: 1,
			before: { shots: sides.before },
			after: { shots: sides.after }
		});
		expect(step.success).toBe(true);
	});
});
