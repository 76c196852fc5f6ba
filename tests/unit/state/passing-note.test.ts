import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSING_NOTE_MS, PassingNote } from '$lib/state/passing-note.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PassingNote', () => {
	it('shows a finished step for a few seconds, then nothing', () => {
		const note = new PassingNote();
		note.show('5 shots written.');
		expect(note.text).toBe('5 shots written.');
		vi.advanceTimersByTime(PASSING_NOTE_MS - 1);
		expect(note.text).toBe('5 shots written.');
		vi.advanceTimersByTime(1);
		expect(note.text).toBe('');
	});

	it('hides the line as soon as it is no longer true', () => {
		let shots = ['a', 'b', 'c', 'd', 'e'];
		const written = shots.join(' ');
		const note = new PassingNote();
		note.show('5 shots written.', { holds: () => shots.join(' ') === written });
		expect(note.text).toBe('5 shots written.');
		shots = [...shots, 'f'];
		expect(note.text).toBe('');
	});

	it('replaces the last line with a new one, which gets its own time', () => {
		const note = new PassingNote();
		note.show('Scene described (40 words).');
		vi.advanceTimersByTime(PASSING_NOTE_MS - 100);
		note.show('Cancelled. What arrived before is kept.');
		vi.advanceTimersByTime(200);
		expect(note.text).toBe('Cancelled. What arrived before is kept.');
		note.clear();
		expect(note.text).toBe('');
	});
});
