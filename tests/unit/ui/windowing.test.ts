import { describe, expect, it } from 'vitest';
import {
	keepAnchor,
	layoutRows,
	rowAt,
	rowsToMount,
	RowHeights,
	totalHeight
} from '../../../src/lib/ui/windowing';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `row-${i}`);

/** Heights with each listed row measured. */
function measured(fallback: number, rows: Record<string, number>): RowHeights {
	const heights = new RowHeights(fallback);
	for (const [id, height] of Object.entries(rows)) heights.set(id, height);
	return heights;
}

describe('RowHeights', () => {
	it('assumes the fallback height before any row is measured', () => {
		expect(new RowHeights(300).estimate).toBe(300);
	});

	it('estimates unmeasured rows as the mean of the measured ones', () => {
		const heights = measured(300, { a: 200, b: 400, c: 600 });
		expect(heights.estimate).toBe(400);
		expect(heights.measured).toBe(3);
	});

	it('replaces a row measured again instead of counting it twice', () => {
		const heights = measured(300, { a: 200, b: 400 });
		expect(heights.set('a', 600)).toBe(true);
		expect(heights.estimate).toBe(500);
		expect(heights.get('a')).toBe(600);
	});

	it('says nothing changed for the same height (sub-pixel noise included) or a bad one', () => {
		const heights = measured(300, { a: 200 });
		expect(heights.set('a', 200.01)).toBe(false);
		expect(heights.set('a', Number.NaN)).toBe(false);
		expect(heights.set('b', -1)).toBe(false);
		expect(heights.get('a')).toBe(200);
	});
});

describe('layoutRows', () => {
	it('stacks measured rows at their height and the others at the estimate', () => {
		const layout = layoutRows(['a', 'b', 'c', 'd'], measured(300, { a: 100, c: 300 }));
		// The estimate is (100 + 300) / 2 = 200 for b and d.
		expect([...layout.offsets]).toEqual([0, 100, 300, 600, 800]);
		expect(totalHeight(layout)).toBe(800);
	});

	it('lays out 2,000 rows with the estimate filling what was never on screen', () => {
		const layout = layoutRows(ids(2000), measured(250, { 'row-0': 500, 'row-1': 300 }));
		expect(totalHeight(layout)).toBe(500 + 300 + 1998 * 400);
	});

	it('has no height for no rows', () => {
		expect(totalHeight(layoutRows([], new RowHeights(300)))).toBe(0);
	});
});

describe('rowAt', () => {
	const layout = layoutRows(['a', 'b', 'c'], measured(100, { a: 100, b: 50, c: 150 }));

	it('finds the row that holds a point, a row top belonging to that row', () => {
		expect(rowAt(layout, 0)).toBe(0);
		expect(rowAt(layout, 99.9)).toBe(0);
		expect(rowAt(layout, 100)).toBe(1);
		expect(rowAt(layout, 149)).toBe(1);
		expect(rowAt(layout, 150)).toBe(2);
	});

	it('clamps points above and below the list to the first and last row', () => {
		expect(rowAt(layout, -500)).toBe(0);
		expect(rowAt(layout, 10_000)).toBe(2);
	});

	it('finds no row in an empty list', () => {
		expect(rowAt(layoutRows([], new RowHeights(100)), 0)).toBe(-1);
	});
});

describe('rowsToMount', () => {
	// 100 rows of 100 px: row i spans [100 i, 100 i + 100).
	const layout = layoutRows(ids(100), new RowHeights(100));

	it('mounts the rows that meet the span and no others', () => {
		expect(rowsToMount(layout, 250, 520)).toEqual({ start: 2, end: 6 });
	});

	it('leaves out a row that starts exactly where the span ends', () => {
		expect(rowsToMount(layout, 200, 500)).toEqual({ start: 2, end: 5 });
	});

	it('mounts the first rows when the view is above the list (the list further down the page)', () => {
		expect(rowsToMount(layout, -900, 150)).toEqual({ start: 0, end: 2 });
	});

	it('mounts the first row even when the whole span is above the list', () => {
		expect(rowsToMount(layout, -2000, -1000)).toEqual({ start: 0, end: 1 });
	});

	it('mounts the last rows at the end and never past them', () => {
		expect(rowsToMount(layout, 9850, 11_000)).toEqual({ start: 98, end: 100 });
		expect(rowsToMount(layout, 20_000, 21_000)).toEqual({ start: 99, end: 100 });
	});

	it('mounts a bounded number of rows for a view anywhere in 2,000 rows', () => {
		const big = layoutRows(ids(2000), measured(300, { 'row-0': 420, 'row-1': 180 }));
		for (const top of [0, 123_456, 299_000, totalHeight(big) - 900]) {
			const range = rowsToMount(big, top - 800, top + 900 + 800);
			expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil(2500 / 300) + 1);
			expect(big.offsets[range.start]!).toBeLessThanOrEqual(Math.max(0, top - 800));
			expect(big.offsets[range.end]!).toBeGreaterThanOrEqual(
				Math.min(top + 1700, totalHeight(big))
			);
		}
	});

	it('mounts nothing for no rows', () => {
		expect(rowsToMount(layoutRows([], new RowHeights(100)), 0, 1000)).toEqual({
			start: 0,
			end: 0
		});
	});
});

describe('keepAnchor', () => {
	it('moves the view by what the rows above the view grew, so the row in view stays put', () => {
		const heights = measured(100, Object.fromEntries(ids(10).map((id) => [id, 100])));
		const before = layoutRows(ids(10), heights);
		// Row 2 turned out 160 px tall; the view's top is 30 px into row 5.
		heights.set('row-2', 160);
		expect(keepAnchor(before, layoutRows(ids(10), heights), 530)).toBe(590);
	});

	it('follows a new estimate of the rows above the view that were never measured', () => {
		const heights = new RowHeights(100);
		const before = layoutRows(ids(10), heights);
		// The first row measured sets the estimate to 160 for every other row too.
		heights.set('row-6', 160);
		expect(keepAnchor(before, layoutRows(ids(10), heights), 530)).toBe(5 * 160 + 30);
	});

	it('keeps the view where it is when only rows below the view change', () => {
		const heights = measured(100, Object.fromEntries(ids(10).map((id) => [id, 100])));
		const before = layoutRows(ids(10), heights);
		heights.set('row-8', 400);
		expect(keepAnchor(before, layoutRows(ids(10), heights), 250)).toBe(250);
	});

	it('follows the row in view when rows above it were removed', () => {
		const heights = new RowHeights(100);
		const before = layoutRows(ids(10), heights);
		const after = layoutRows(ids(10).slice(3), heights);
		expect(keepAnchor(before, after, 540)).toBe(240);
	});

	it('keeps the end of the list where it is when the end is in view', () => {
		const heights = measured(100, Object.fromEntries(ids(10).map((id) => [id, 100])));
		const before = layoutRows(ids(10), heights);
		// The view shows the last 300 px and the page below; the last row turned out taller.
		heights.set('row-9', 250);
		expect(keepAnchor(before, layoutRows(ids(10), heights), 700, 1100)).toBe(850);
		// One pixel short of the end, the row at the top of the view is what stays.
		expect(keepAnchor(before, layoutRows(ids(10), heights), 700, 999)).toBe(700);
	});

	it('does not move a view at or above the list top, or one whose row is gone', () => {
		const heights = new RowHeights(100);
		const before = layoutRows(ids(10), heights);
		heights.set('row-0', 500);
		expect(keepAnchor(before, layoutRows(ids(10), heights), 0)).toBe(0);
		expect(keepAnchor(before, layoutRows(ids(10), heights), -300)).toBe(-300);
		expect(keepAnchor(before, layoutRows(['row-9'], heights), 450)).toBe(450);
	});
});
