import { describe, expect, it } from 'vitest';
import { ShotEdits, type Conflicts } from '$lib/state/shot-edits';
import { shot } from '../export/fixtures';

const stored = (fields = {}) => shot('a', 0, { title: 'Pier', description: 'Night', ...fields });

describe('ShotEdits.merge', () => {
	it('shows another tab’s changes where this tab has no edits', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		const { shots, conflicts } = edits.merge([stored({ title: 'Harbour' })], {});
		expect(shots[0]!.title).toBe('Harbour');
		expect(conflicts).toEqual({});
	});

	it('keeps this tab’s unsaved value over a field the other tab left alone', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'description', 'Dawn');
		const { shots, conflicts } = edits.merge([stored({ title: 'Harbour' })], {});
		expect([shots[0]!.title, shots[0]!.description]).toEqual(['Harbour', 'Dawn']);
		expect(conflicts).toEqual({});
	});

	it('makes a field both tabs changed a conflict, showing mine until it is settled', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'Mine');
		const { shots, conflicts } = edits.merge([stored({ title: 'Theirs' })], {});
		expect(shots[0]!.title).toBe('Mine');
		expect(conflicts).toEqual({ a: [{ field: 'title', theirs: 'Theirs', mine: 'Mine' }] });
	});

	it('is no conflict when the other tab wrote the same value', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'Same');
		expect(edits.merge([stored({ title: 'Same' })], {}).conflicts).toEqual({});
	});

	it('is no conflict when the other tab wrote only elsewhere, with dialogue read back as a copy', () => {
		const edits = new ShotEdits();
		const lines = [{ speaker: 'Ana', line: 'Go.' }];
		edits.reset([stored({ dialogue: lines })]);
		edits.edit('a', 'dialogue', [...lines, { speaker: 'Ben', line: 'Now?' }]);
		const fresh = stored({ title: 'Harbour', dialogue: [{ speaker: 'Ana', line: 'Go.' }] });
		const { shots, conflicts } = edits.merge([fresh], {});
		expect(conflicts).toEqual({});
		expect(shots[0]!.dialogue).toHaveLength(2);
	});

	it('shows a value being written, not the older stored one', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'Sent');
		const [write] = [...edits.writes({})];
		expect(write!.patch).toEqual({ title: 'Sent' });
		expect(edits.merge([stored()], {}).shots[0]!.title).toBe('Sent');
	});
});

describe('ShotEdits.writes', () => {
	it('holds back fields in conflict and writes the rest, keeping the held ones pending', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'Mine');
		edits.edit('a', 'description', 'Dawn');
		const conflicts: Conflicts = { a: [{ field: 'title', theirs: 'Theirs', mine: 'Mine' }] };
		const [write] = [...edits.writes(conflicts)];
		expect(write!.patch).toEqual({ description: 'Dawn' });
		expect(write!.base).toEqual({ description: 'Night' });
		edits.saved(write!, stored({ description: 'Dawn', revision: 1 }));
		expect(edits.hasPending).toBe(true);
		expect([...edits.writes(conflicts)]).toEqual([]);
		expect([...edits.writes({})][0]!.patch).toEqual({ title: 'Mine' });
	});

	it('puts a failed write back under edits typed while it was in flight', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'First');
		const [write] = [...edits.writes({})];
		edits.edit('a', 'title', 'Second');
		edits.edit('a', 'notes', 'More');
		edits.unsaved(write!);
		const [again] = [...edits.writes({})];
		expect(again!.patch).toEqual({ title: 'Second', notes: 'More' });
		expect(again!.base).toEqual({ title: 'Pier', notes: '' });
	});

	it('counts edits typed during a write as made over what it saved', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'First');
		const [write] = [...edits.writes({})];
		edits.edit('a', 'title', 'Second');
		edits.saved(write!, stored({ title: 'First', revision: 1 }));
		expect([...edits.writes({})][0]!.base).toEqual({ title: 'First' });
	});

	it('drops edits whose shot is gone', () => {
		const edits = new ShotEdits();
		edits.reset([stored()]);
		edits.edit('a', 'title', 'Lost');
		const [write] = [...edits.writes({})];
		edits.discard(write!);
		expect(edits.hasPending).toBe(false);
	});
});
