import { describe, expect, it } from 'vitest';
import {
	inOrder,
	keepExisting,
	NO_SELECTION,
	selectOne,
	selectRange,
	toggleOne
} from '../../../src/lib/ui/selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort().join('');

describe('selectOne', () => {
	it('selects only that frame and anchors a range there', () => {
		expect(selectOne('c')).toEqual({ ids: new Set(['c']), anchor: 'c' });
	});
});

describe('toggleOne', () => {
	it('adds a frame that was not selected and takes out one that was', () => {
		const two = toggleOne(selectOne('a'), 'c');
		expect(ids(two)).toBe('ac');
		expect(ids(toggleOne(two, 'a'))).toBe('c');
	});
});

describe('selectRange', () => {
	it('selects from the anchor to the frame, in either direction', () => {
		expect(ids(selectRange(selectOne('b'), order, 'd'))).toBe('bcd');
		expect(ids(selectRange(selectOne('d'), order, 'a'))).toBe('abcd');
	});

	it('keeps the anchor so a second Shift+click changes the range', () => {
		const first = selectRange(selectOne('c'), order, 'e');
		expect(ids(selectRange(first, order, 'a'))).toBe('abc');
	});

	it('selects only the frame when there is no anchor', () => {
		expect(ids(selectRange(NO_SELECTION, order, 'b'))).toBe('b');
	});
});

describe('keepExisting', () => {
	it('drops frames that are gone and an anchor that is gone', () => {
		const kept = keepExisting(toggleOne(selectOne('a'), 'b'), new Set(['a', 'c']));
		expect(ids(kept)).toBe('a');
		expect(kept.anchor).toBeUndefined();
	});

	it('returns the same selection when nothing is gone', () => {
		const selection = selectOne('a');
		expect(keepExisting(selection, new Set(order))).toBe(selection);
	});
});

describe('inOrder', () => {
	it('lists the selected frames in board order, not in the order they were picked', () => {
		const picked = toggleOne(toggleOne(selectOne('d'), 'a'), 'c');
		expect(inOrder(picked, order)).toEqual(['a', 'c', 'd']);
	});
});
