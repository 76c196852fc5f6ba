import { describe, expect, it } from 'vitest';
import {
	afterRedo,
	afterUndo,
	diffRecords,
	emptyHistory,
	HISTORY_LIMIT,
	HISTORY_TEXT_LIMIT,
	recordStep,
	TYPING_PAUSE_MS,
	type History,
	type HistoryStep
} from '$lib/domain/history';

let counter = 0;

/** A typed edit of one shot's description from `from` to `to`, typed between `startedAt` and `time`. */
function typed(from: string, to: string, startedAt: number, time = startedAt): HistoryStep {
	return {
		id: `step-${counter++}`,
		label: 'edit the description of shot 1',
		mergeKey: 'a:description',
		startedAt,
		time,
		before: { shots: { a: { description: from } } },
		after: { shots: { a: { description: to } } }
	};
}

function deleted(id: string, time = 0): HistoryStep {
	return {
		id: `step-${counter++}`,
		label: `delete ${id}`,
		time,
		before: { shots: { [id]: { id, projectId: 'p', title: id } } },
		after: { shots: { [id]: null } }
	};
}

describe('recordStep', () => {
	it('merges keystrokes in the same field that come within the pause into one step', () => {
		let history = emptyHistory();
		history = recordStep(history, typed('', 'A d', 1000, 1300));
		history = recordStep(history, typed('A d', 'A dusk', 1300 + TYPING_PAUSE_MS - 1, 2600));
		history = recordStep(history, typed('A dusk', 'A dusk pier', 2700, 2900));
		expect(history.undo).toHaveLength(1);
		expect(history.undo[0]!.before).toEqual({ shots: { a: { description: '' } } });
		expect(history.undo[0]!.after).toEqual({ shots: { a: { description: 'A dusk pier' } } });
		expect(history.undo[0]!.time).toBe(2900);
	});

	it('starts a new step after a longer pause', () => {
		let history = emptyHistory();
		history = recordStep(history, typed('', 'One', 0, 500));
		history = recordStep(history, typed('One', 'One two', 500 + TYPING_PAUSE_MS + 1));
		expect(history.undo.map((step) => step.after)).toEqual([
			{ shots: { a: { description: 'One' } } },
			{ shots: { a: { description: 'One two' } } }
		]);
	});

	it('keeps typing in another field as its own step', () => {
		let history = recordStep(emptyHistory(), typed('', 'One', 0, 100));
		history = recordStep(history, { ...typed('', 'Title', 150), mergeKey: 'a:title' });
		expect(history.undo).toHaveLength(2);
	});

	it('drops typing that ends where it began, and steps that change nothing', () => {
		let history = recordStep(emptyHistory(), typed('Dusk', 'Dusky', 0));
		history = recordStep(history, typed('Dusky', 'Dusk', 200));
		expect(history.undo).toEqual([]);
		expect(recordStep(emptyHistory(), typed('Same', 'Same', 0)).undo).toEqual([]);
	});

	it('keeps only the newest 100 steps', () => {
		let history = emptyHistory();
		for (let i = 0; i < HISTORY_LIMIT + 20; i++) history = recordStep(history, deleted(`s${i}`, i));
		expect(history.undo).toHaveLength(HISTORY_LIMIT);
		expect(history.undo[0]!.label).toBe('delete s20');
		expect(history.undo.at(-1)!.label).toBe(`delete s${HISTORY_LIMIT + 19}`);
	});

	it('drops the oldest steps once their text passes the limit, keeping the newest', () => {
		const long = 'x'.repeat(HISTORY_TEXT_LIMIT / 4);
		let history = emptyHistory();
		for (let i = 0; i < 6; i++) history = recordStep(history, typed(`${i}`, long + i, i * 5000));
		expect(history.undo.length).toBe(3);
		expect(history.undo.at(-1)!.after.shots!.a!.description).toBe(long + 5);
		const huge = recordStep(emptyHistory(), typed('', long.repeat(5), 0));
		expect(huge.undo).toHaveLength(1);
	});

	it('clears what could be redone when a new edit is made after an undo', () => {
		let history = recordStep(emptyHistory(), deleted('one'));
		history = recordStep(history, deleted('two'));
		history = afterUndo(history, history.undo.at(-1)!);
		expect(history.redo.map((step) => step.label)).toEqual(['delete two']);
		history = recordStep(history, deleted('three'));
		expect(history.redo).toEqual([]);
		expect(history.undo.map((step) => step.label)).toEqual(['delete one', 'delete three']);
	});

	it('never merges typing into a step once something was undone', () => {
		let history: History = recordStep(emptyHistory(), typed('', 'One', 0, 100));
		history = recordStep(history, typed('One', 'One two', 200, 300));
		history = { undo: history.undo, redo: [deleted('x')] };
		history = recordStep(history, typed('One two', 'One two three', 350));
		expect(history.undo).toHaveLength(2);
		expect(history.redo).toEqual([]);
	});
});

describe('afterUndo and afterRedo', () => {
	it('move the newest step between the two lists and back', () => {
		let history = recordStep(emptyHistory(), deleted('one'));
		history = recordStep(history, deleted('two'));
		const undone = afterUndo(history, history.undo.at(-1)!);
		expect(undone.undo.map((s) => s.label)).toEqual(['delete one']);
		const redone = afterRedo(undone, undone.redo.at(-1)!);
		expect(redone).toEqual(history);
	});
});

describe('diffRecords', () => {
	it('gives whole records for shots added or removed and changed fields for the rest', () => {
		const a = { id: 'a', order: 0, title: 'A' };
		const b = { id: 'b', order: 1, title: 'B' };
		const c = { id: 'c', order: 2, title: 'C' };
		const sides = diffRecords([a, b], [{ ...a, order: 1 }, c], ['order', 'title']);
		expect(sides.before).toEqual({ a: { order: 0 }, b: b, c: null });
		expect(sides.after).toEqual({ a: { order: 1 }, b: null, c: c });
	});

	it('counts an unset field and a cleared one as the same', () => {
		const sides = diffRecords(
			[{ id: 'a' }],
			[{ id: 'a', sourceTimeS: undefined }],
			['sourceTimeS']
		);
		expect(sides.before).toEqual({});
	});
});
