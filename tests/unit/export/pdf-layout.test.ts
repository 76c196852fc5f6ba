import { describe, expect, it } from 'vitest';
import {
	MARGIN,
	aspectValue,
	containRect,
	pageCount,
	pageSize,
	DIALOGUE_LINES,
	sheetLayout,
	speechLinesFor,
	textBlockHeight,
	wrapText
} from '$lib/export/pdf-layout';

/** A monospace measure: every character is 1 wide, CJK 2 wide. */
const measure = (text: string) =>
	[...text].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);

describe('pageSize', () => {
	it('knows A4 and Letter in points and turns them for landscape', () => {
		expect(pageSize('a4', 'portrait')).toEqual({ width: 595.28, height: 841.89 });
		expect(pageSize('letter', 'landscape')).toEqual({ width: 792, height: 612 });
	});
});

describe('aspectValue', () => {
	it('reads "w:h" and falls back to 16:9', () => {
		expect(aspectValue('4:3')).toBeCloseTo(4 / 3);
		expect(aspectValue('9:16')).toBeCloseTo(9 / 16);
		expect(aspectValue('bad')).toBeCloseTo(16 / 9);
	});
});

describe('sheetLayout', () => {
	for (const paper of ['a4', 'letter'] as const) {
		for (const orientation of ['portrait', 'landscape'] as const) {
			for (const panelsPerRow of [1, 2, 3] as const) {
				for (const [aspect, speech] of [
					['16:9', 0],
					['9:16', 0],
					['1:1', 0],
					['16:9', 4],
					['9:16', 4]
				] as const) {
					it(`keeps every ${aspect} panel${speech ? ' with dialogue' : ''} on a ${paper} ${orientation} page with ${panelsPerRow} per row`, () => {
						const layout = sheetLayout(
							{ paper, orientation, panelsPerRow },
							aspectValue(aspect),
							speech
						);
						const text = textBlockHeight(layout.descriptionLines, layout.speechLines);
						expect(layout.columns).toBe(panelsPerRow);
						expect(layout.perPage).toBe(layout.rows * panelsPerRow);
						expect(layout.rows).toBeGreaterThanOrEqual(1);
						for (const panel of layout.panels) {
							expect(panel.image.x).toBeGreaterThanOrEqual(MARGIN - 0.01);
							expect(panel.image.x + panel.image.width).toBeLessThanOrEqual(
								layout.page.width - MARGIN + 0.01
							);
							expect(panel.image.y - text).toBeGreaterThanOrEqual(MARGIN);
							expect(panel.image.y + panel.image.height).toBeLessThanOrEqual(
								layout.page.height - MARGIN
							);
							expect(panel.image.width / panel.image.height).toBeCloseTo(aspectValue(aspect), 1);
						}
						// Panels of one page never overlap.
						const [first, second] = layout.panels;
						if (second && panelsPerRow > 1) {
							expect(first!.x + first!.textWidth).toBeLessThan(second.x);
						}
					});
				}
			}
		}
	}
	it('makes room for dialogue and sound only when a shot has some', () => {
		const hasNone = { hasDialogue: false, hasSound: false };
		expect(speechLinesFor([hasNone, hasNone])).toBe(0);
		expect(speechLinesFor([hasNone, { hasDialogue: true, hasSound: false }])).toBe(DIALOGUE_LINES);
		expect(
			speechLinesFor([
				{ hasDialogue: true, hasSound: false },
				{ ...hasNone, hasSound: true }
			])
		).toBe(DIALOGUE_LINES + 1);
		const plain = sheetLayout({ paper: 'a4', orientation: 'portrait', panelsPerRow: 2 }, 16 / 9);
		const spoken = sheetLayout(
			{ paper: 'a4', orientation: 'portrait', panelsPerRow: 2 },
			16 / 9,
			4
		);
		expect(spoken.speechLines).toBe(4);
		expect(plain.panels[0]!.image).toEqual(spoken.panels[0]!.image);
	});

	it('fits more rows of wide panels on a portrait page than of tall ones', () => {
		const wide = sheetLayout({ paper: 'a4', orientation: 'portrait', panelsPerRow: 2 }, 16 / 9);
		const tall = sheetLayout({ paper: 'a4', orientation: 'portrait', panelsPerRow: 2 }, 9 / 16);
		expect(wide.rows).toBeGreaterThan(tall.rows);
	});
});

describe('containRect', () => {
	it('letterboxes a wide image in a square box and pillarboxes a tall one', () => {
		expect(containRect(200, 100, { x: 0, y: 0, width: 100, height: 100 })).toEqual({
			x: 0,
			y: 25,
			width: 100,
			height: 50
		});
		expect(containRect(100, 200, { x: 10, y: 0, width: 100, height: 100 })).toEqual({
			x: 35,
			y: 0,
			width: 50,
			height: 100
		});
	});
});

describe('pageCount', () => {
	it('rounds up and never returns zero', () => {
		expect(pageCount(40, 6)).toBe(7);
		expect(pageCount(6, 6)).toBe(1);
		expect(pageCount(0, 6)).toBe(1);
	});
});

describe('wrapText', () => {
	it('breaks Latin text between words', () => {
		expect(wrapText('the quick brown fox', 10, 5, measure)).toEqual(['the quick', 'brown fox']);
	});
	it('breaks CJK text between characters', () => {
		expect(wrapText('配達人が提灯を持って走る', 8, 5, measure)).toEqual([
			'配達人が',
			'提灯を持',
			'って走る'
		]);
	});
	it('splits a word longer than a line and keeps line breaks', () => {
		expect(wrapText('abcdefghij\nxy', 4, 5, measure)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
	});
	it('ends cut-off text with an ellipsis that fits', () => {
		const lines = wrapText('one two three four five six', 9, 2, measure);
		expect(lines).toEqual(['one two', 'three…']);
		expect(lines.every((line) => measure(line) <= 9)).toBe(true);
	});
});
