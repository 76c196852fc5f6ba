import { describe, expect, it } from 'vitest';
import { cubic, resizePlane } from '../../../src/workers/shared/resample';
import { alphaPlane, reflect, tileInput } from '../../../src/workers/shared/rgba-image';

describe('cubic', () => {
	it('is 1 at zero, 0 at the other integers, and zero beyond two pixels', () => {
		expect(cubic(0)).toBe(1);
		expect(cubic(1)).toBe(0);
		expect(cubic(-2)).toBe(0);
		expect(cubic(2.5)).toBe(0);
		expect(cubic(0.5)).toBeCloseTo(0.5625, 10);
	});
});

describe('resizePlane', () => {
	it('keeps a flat plane flat at the new size', () => {
		const out = resizePlane(new Uint8Array(12).fill(200), 4, 3, 16, 12);
		expect(out).toHaveLength(16 * 12);
		expect(out.every((v) => v === 200)).toBe(true);
	});

	it('keeps a hard edge in place and keeps values in range', () => {
		const plane = Uint8Array.from({ length: 8 * 2 }, (_, i) => (i % 8 < 4 ? 0 : 255));
		const out = resizePlane(plane, 8, 2, 32, 8);
		const row = Array.from(out.subarray(0, 32));
		expect(row.slice(0, 12).every((v) => v === 0)).toBe(true);
		expect(row.slice(20).every((v) => v === 255)).toBe(true);
		expect(row[15]! < 128 && row[16]! > 127).toBe(true);
	});
});

describe('reflect', () => {
	it('mirrors without repeating the edge, even far outside', () => {
		expect([-2, -1, 0, 3, 4, 5].map((i) => reflect(i, 4))).toEqual([2, 1, 0, 3, 2, 1]);
		expect(reflect(-7, 4)).toBe(1);
		expect(reflect(5, 1)).toBe(0);
	});
});

describe('tileInput', () => {
	it('gives planar RGB in 0..1 with the mirrored edge', () => {
		// 2x1 image: red, then blue.
		const image = { data: Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 255]), width: 2, height: 1 };
		const input = tileInput(image, 1, { x: 0, y: 0, width: 4, height: 1, column: 0, row: 0 });
		// Padded row: blue | red blue | red.
		expect(Array.from(input)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0]);
	});
});

describe('alphaPlane', () => {
	it('is undefined for an opaque image and the alpha values otherwise', () => {
		const opaque = { data: Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]), width: 2, height: 1 };
		expect(alphaPlane(opaque)).toBeUndefined();
		const clear = { data: Uint8Array.from([1, 2, 3, 0, 4, 5, 6, 128]), width: 2, height: 1 };
		expect(Array.from(alphaPlane(clear)!)).toEqual([0, 128]);
	});
});
