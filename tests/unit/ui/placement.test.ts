import { describe, expect, it } from 'vitest';
import { ANCHOR_GAP, placeMenu, VIEWPORT_MARGIN } from '../../../src/lib/ui/placement';

const phone = { width: 390, height: 844 };
const desktop = { width: 1440, height: 900 };
const menu = { width: 224, height: 240 };

describe('placeMenu', () => {
	it('puts the menu under its button, right edges lined up, when that fits', () => {
		const anchor = { left: 1300, top: 100, width: 80, height: 36 };
		const spot = placeMenu(anchor, menu, desktop);
		expect(spot.left).toBe(1380 - 224);
		expect(spot.top).toBe(136 + ANCHOR_GAP);
	});

	it('lines up the left edges instead when the right-aligned menu would leave the screen on the left', () => {
		// An Export button near a phone's left edge: right-aligned, the menu would start at -126.
		const anchor = { left: 20, top: 200, width: 78, height: 44 };
		const spot = placeMenu(anchor, menu, phone);
		expect(spot.left).toBe(20);
	});

	it('keeps the preferred left alignment unless it leaves the screen on the right', () => {
		expect(placeMenu({ left: 40, top: 0, width: 60, height: 30 }, menu, phone, 'start').left).toBe(
			40
		);
		const nearRight = placeMenu({ left: 300, top: 0, width: 60, height: 30 }, menu, phone, 'start');
		expect(nearRight.left).toBe(360 - 224);
	});

	it('pushes the menu inside the margins when neither edge fits', () => {
		const anchor = { left: 110, top: 200, width: 78, height: 44 };
		const spot = placeMenu(anchor, menu, { width: 320, height: 568 });
		// Right-aligned it would start at -36, left-aligned end at 334: it moves to the margin.
		expect(spot.left).toBe(VIEWPORT_MARGIN);
		expect(spot.left + 224).toBeLessThanOrEqual(320 - VIEWPORT_MARGIN);
		expect(spot.left + 224).toBeGreaterThan(anchor.left + anchor.width);
	});

	it('never makes the menu wider than the viewport less its margins', () => {
		const spot = placeMenu(
			{ left: 10, top: 10, width: 50, height: 30 },
			{ width: 500, height: 100 },
			phone
		);
		expect(spot.maxWidth).toBe(390 - 2 * VIEWPORT_MARGIN);
		expect(spot.left).toBe(VIEWPORT_MARGIN);
	});

	it('opens upwards when there is no room below and more above', () => {
		const anchor = { left: 200, top: 780, width: 80, height: 44 };
		const spot = placeMenu(anchor, menu, phone);
		expect(spot.top).toBe(780 - ANCHOR_GAP - 240);
		expect(spot.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
	});

	it('caps the height at the room there is, so a long menu scrolls inside', () => {
		const anchor = { left: 200, top: 300, width: 80, height: 44 };
		const spot = placeMenu(anchor, { width: 224, height: 2000 }, phone);
		expect(spot.top).toBe(344 + ANCHOR_GAP);
		expect(spot.maxHeight).toBe(844 - VIEWPORT_MARGIN - 344 - ANCHOR_GAP);
	});
});
