import { describe, expect, it } from 'vitest';
import { moveItem } from '../../../src/lib/domain/shot';
import {
	arrowTarget,
	aspectValue,
	dropPosition,
	frameMinWidth,
	gridWindow
} from '../../../src/lib/ui/frame-grid';

/** How many frames of at least `min` px fit in `width` px with 16 px gaps. */
const columnsIn = (width: number, min: number) => Math.floor((width + 16) / (min + 16));

describe('aspectValue', () => {
	it('reads width over height', () => {
		expect(aspectValue('16:9')).toBeCloseTo(1.778, 3);
		expect(aspectValue('2.39:1')).toBeCloseTo(2.39, 3);
		expect(aspectValue('9:16')).toBeCloseTo(0.5625, 4);
	});

	it('falls back to 16:9 for text it cannot read', () => {
		expect(aspectValue('wide')).toBeCloseTo(16 / 9);
		expect(aspectValue('0:0')).toBeCloseTo(16 / 9);
	});
});

describe('frameMinWidth', () => {
	it('fits 4 frames of 16:9 and 6 of 9:16 on the 1,160 px board of a 1440 px screen', () => {
		expect(columnsIn(1162, frameMinWidth('16:9'))).toBe(4);
		expect(columnsIn(1162, frameMinWidth('9:16'))).toBe(6);
	});

	it('gives wider shapes fewer columns than taller ones', () => {
		const shapes = ['2.39:1', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
		const widths = shapes.map(frameMinWidth);
		expect(widths).toEqual([...widths].sort((a, b) => b - a));
	});
});

describe('gridWindow', () => {
	it('mounts whole rows within the range and stands in for the others', () => {
		// 100 frames, 4 a row (25 rows of 300 px); the range covers rows 3 to 5.
		expect(gridWindow(100, 4, 300, 950, 1750)).toEqual({
			start: 12,
			end: 24,
			spaceAbove: 900,
			spaceBelow: 19 * 300
		});
	});

	it('keeps the total height whatever the range', () => {
		for (const top of [-500, 0, 1234, 7000, 9999]) {
			const window = gridWindow(101, 4, 300, top, top + 900);
			const rowsMounted = Math.ceil((window.end - window.start) / 4);
			expect(window.spaceAbove + rowsMounted * 300 + window.spaceBelow).toBe(26 * 300);
		}
	});

	it('mounts the last row, even when short, at the end of the board', () => {
		const window = gridWindow(10, 4, 300, 5000, 6000);
		expect(window).toMatchObject({ start: 8, end: 10, spaceBelow: 0 });
	});

	it('mounts everything before a row was measured', () => {
		expect(gridWindow(50, 4, 0, 0, 900)).toEqual({
			start: 0,
			end: 50,
			spaceAbove: 0,
			spaceBelow: 0
		});
	});
});

describe('dropPosition', () => {
	const order = ['a', 'b', 'c', 'd', 'e'];
	const drop = (from: number, over: number, side: 'before' | 'after') =>
		moveItem(order, from, dropPosition(from, over, side)).join('');

	it('puts a frame dragged forward before or after the frame it is dropped on', () => {
		expect(drop(0, 3, 'before')).toBe('bcade');
		expect(drop(0, 3, 'after')).toBe('bcdae');
	});

	it('puts a frame dragged back before or after the frame it is dropped on', () => {
		expect(drop(4, 1, 'before')).toBe('aebcd');
		expect(drop(4, 1, 'after')).toBe('abecd');
	});

	it('leaves the order alone when dropped beside itself', () => {
		expect(drop(2, 2, 'before')).toBe('abcde');
		expect(drop(2, 1, 'after')).toBe('abcde');
		expect(drop(2, 3, 'before')).toBe('abcde');
	});
});

describe('arrowTarget', () => {
	it('moves one frame with left and right and one row with up and down', () => {
		expect(arrowTarget('ArrowLeft', 5, 4, 20)).toBe(4);
		expect(arrowTarget('ArrowRight', 5, 4, 20)).toBe(6);
		expect(arrowTarget('ArrowUp', 5, 4, 20)).toBe(1);
		expect(arrowTarget('ArrowDown', 5, 4, 20)).toBe(9);
	});

	it('stops at the ends of the board', () => {
		expect(arrowTarget('ArrowUp', 2, 4, 20)).toBe(0);
		expect(arrowTarget('ArrowDown', 18, 4, 20)).toBe(19);
	});

	it('ignores other keys', () => {
		expect(arrowTarget('Enter', 2, 4, 20)).toBeUndefined();
	});
});
