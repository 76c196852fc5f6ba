import { describe, expect, it } from 'vitest';
import { HALVING_WEIGHTS, HalvingSink, type RowSink } from '../../../src/workers/shared/row-sinks';

/** Collects the rows a sink is given. */
class Rows implements RowSink {
	rows: Float32Array[] = [];
	finished = false;
	push(row: Float32Array) {
		this.rows.push(row);
	}
	finish() {
		this.finished = true;
	}
}

/** Planar RGB rows of a w x h image whose value at (x, y) is f(x, y) in every channel. */
function feed(sink: RowSink, w: number, h: number, f: (x: number, y: number) => number) {
	for (let y = 0; y < h; y++) {
		const row = new Float32Array(3 * w);
		for (let c = 0; c < 3; c++) for (let x = 0; x < w; x++) row[c * w + x] = f(x, y);
		sink.push(row);
	}
	sink.finish();
}

describe('HalvingSink', () => {
	it('has filter weights that sum to one and are symmetric', () => {
		expect(HALVING_WEIGHTS.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		for (let k = 0; k < 6; k++)
			expect(HALVING_WEIGHTS[k]).toBeCloseTo(HALVING_WEIGHTS[11 - k]!, 12);
	});

	it('makes half the rows, each half as wide, and finishes the next sink', () => {
		const out = new Rows();
		feed(new HalvingSink(out, 40, 28), 40, 28, () => 0.5);
		expect(out.rows).toHaveLength(14);
		expect(out.rows.every((row) => row.length === 3 * 20)).toBe(true);
		expect(out.finished).toBe(true);
		expect(out.rows.every((row) => row.every((v) => Math.abs(v - 0.5) < 1e-6))).toBe(true);
	});

	it('keeps a smooth gradient: each output pixel is the mean of the two source pixels it covers', () => {
		const out = new Rows();
		const f = (x: number, y: number) => (x + 2 * y) / 200;
		feed(new HalvingSink(out, 64, 48), 64, 48, f);
		// Away from the edges (where the border repeats) a linear ramp is reproduced exactly.
		for (let j = 4; j < 20; j++) {
			for (let i = 4; i < 28; i++) {
				const expected = (f(2 * i, 2 * j) + f(2 * i + 1, 2 * j + 1)) / 2;
				expect(out.rows[j]![i]).toBeCloseTo(expected, 5);
			}
		}
	});

	it('removes a pattern finer than the smaller image can show instead of aliasing it', () => {
		const out = new Rows();
		feed(new HalvingSink(out, 64, 64), 64, 64, (x) => (x % 2 ? 1 : 0));
		const middle = out.rows[16]!;
		for (let i = 4; i < 28; i++) expect(middle[i]).toBeCloseTo(0.5, 2);
	});

	it('refuses odd sizes and a wrong number of rows', () => {
		expect(() => new HalvingSink(new Rows(), 41, 28)).toThrow(RangeError);
		const sink = new HalvingSink(new Rows(), 8, 8);
		sink.push(new Float32Array(24));
		expect(() => sink.finish()).toThrow(RangeError);
	});
});
