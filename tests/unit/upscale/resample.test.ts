import { describe, expect, it } from 'vitest';
import { cubic, PlaneResizer, resizePlane } from '../../../src/workers/shared/resample';
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

describe('PlaneResizer', () => {
	it('gives the rows of a direct two-dimensional bicubic resize, one at a time', () => {
		const [w, h, ow, oh] = [9, 7, 36, 28];
		const plane = Uint8Array.from({ length: w * h }, (_, i) => (i * 73) % 256);
		const resizer = new PlaneResizer(plane, w, h, ow, oh);
		const at = (x: number, y: number) =>
			plane[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))] ?? 0;
		let worst = 0;
		for (let y = 0; y < oh; y++) {
			const row = resizer.row(y);
			const cy = (y + 0.5) / 4 - 0.5;
			for (let x = 0; x < ow; x++) {
				const cx = (x + 0.5) / 4 - 0.5;
				let sum = 0;
				for (let j = Math.ceil(cy - 2); j <= cy + 2; j++)
					for (let i = Math.ceil(cx - 2); i <= cx + 2; i++)
						sum += at(i, j) * cubic(i - cx) * cubic(j - cy);
				const expected = Math.min(255, Math.max(0, Math.round(sum)));
				worst = Math.max(worst, Math.abs((row[x] ?? 0) - expected));
			}
		}
		expect(worst).toBeLessThanOrEqual(1);
	});

	it('refuses rows out of order and a plane of the wrong size', () => {
		const resizer = new PlaneResizer(new Uint8Array(4), 2, 2, 4, 4);
		resizer.row(0);
		expect(() => resizer.row(2)).toThrow(RangeError);
		expect(() => new PlaneResizer(new Uint8Array(3), 2, 2, 4, 4)).toThrow(RangeError);
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
