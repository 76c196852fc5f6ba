import { describe, expect, it } from 'vitest';
import { defaultOptions, minTileSize, modelFor, modelTiling } from '$lib/upscale/meta';
import { blendWeights, planSpans, planTiles, type Span } from '../../../src/workers/shared/tiles';
import { accumulate } from './accumulate';

function covers(spans: Span[], length: number): boolean {
	return Array.from({ length }, (_, p) =>
		spans.some((s) => p >= s.start && p < s.start + s.size)
	).every(Boolean);
}

describe('planSpans', () => {
	it('uses one span when the length fits in a tile', () => {
		expect(planSpans(200, 256, 16)).toEqual([{ start: 0, size: 200 }]);
	});

	it('covers the length with equal tiles, no larger than asked, that overlap by at least the overlap', () => {
		for (const [length, tile, overlap] of [
			[512, 256, 16],
			[288, 128, 16],
			[1000, 96, 24],
			[257, 256, 0],
			[300, 64, 30]
		] as const) {
			const spans = planSpans(length, tile, overlap);
			expect(covers(spans, length), `${length}/${tile}/${overlap}`).toBe(true);
			expect(
				spans.every(
					(s) =>
						s.size === spans[0]?.size &&
						s.size <= tile &&
						s.start >= 0 &&
						s.start + s.size <= length
				)
			).toBe(true);
			for (let i = 1; i < spans.length; i++) {
				const prev = spans[i - 1] as Span;
				expect(prev.start + prev.size - (spans[i] as Span).start).toBeGreaterThanOrEqual(overlap);
			}
		}
	});

	it('needs three tiles for 512 px with 256 px tiles and a 16 px overlap, each shrunk to 182 px', () => {
		expect(planSpans(512, 256, 16)).toEqual([
			{ start: 0, size: 182 },
			{ start: 165, size: 182 },
			{ start: 330, size: 182 }
		]);
	});

	it('repeats little work: two tiles for 1044 px with 608 px tiles overlap by about the overlap', () => {
		const spans = planSpans(1044, 608, 48);
		expect(spans).toEqual([
			{ start: 0, size: 546 },
			{ start: 498, size: 546 }
		]);
	});

	it('refuses an overlap as large as the tile and non-integer sizes', () => {
		expect(() => planSpans(500, 64, 64)).toThrow(RangeError);
		expect(() => planSpans(10.5, 64, 4)).toThrow(RangeError);
		expect(() => planSpans(0, 64, 4)).toThrow(RangeError);
	});
});

describe('planTiles', () => {
	it('can use shorter tiles than wide ones', () => {
		const plan = planTiles(1044, 596, 608, 48, 320);
		expect(plan.columns).toHaveLength(2);
		expect(plan.rows).toHaveLength(3);
		expect(plan.tiles.every((t) => t.width <= 608 && t.height <= 320)).toBe(true);
	});

	it('lays tiles out row by row over both axes', () => {
		const plan = planTiles(512, 288, 256, 16);
		expect(plan.columns).toHaveLength(3);
		expect(plan.rows).toHaveLength(2);
		expect(plan.tiles).toHaveLength(6);
		expect(plan.tiles[4]).toEqual({ x: 165, y: 136, width: 182, height: 152, column: 1, row: 1 });
	});
});

describe('blendWeights', () => {
	it('sums to one at every output pixel, even where three tiles overlap', () => {
		for (const [length, tile, overlap, scale] of [
			[512, 256, 16, 4],
			[300, 64, 30, 2],
			[100, 40, 8, 1]
		] as const) {
			const spans = planSpans(length, tile, overlap);
			const sums = new Float64Array(length * scale);
			spans.forEach((span, i) => {
				blendWeights(spans, i, scale, overlap).forEach(
					(w, k) => (sums[span.start * scale + k] = (sums[span.start * scale + k] ?? 0) + w)
				);
			});
			for (const sum of sums) expect(sum).toBeCloseTo(1, 6);
		}
	});

	it('keeps full weight at the image border and fades towards a neighbour', () => {
		const spans = planSpans(512, 256, 16);
		const first = blendWeights(spans, 0, 1, 16);
		expect(first[0]).toBe(1);
		expect(first[100]).toBe(1);
		expect(first[181]).toBeLessThan(0.1);
	});

	it('is all ones for a single tile', () => {
		expect(Array.from(blendWeights([{ start: 0, size: 3 }], 0, 2, 8))).toEqual([1, 1, 1, 1, 1, 1]);
	});
});

describe('BandAccumulator', () => {
	it('rebuilds a whole-image nearest upscale exactly from overlapping tiles', () => {
		const width = 37;
		const height = 23;
		const scale = 2;
		const source = Float32Array.from(
			{ length: 3 * width * height },
			(_, i) => Math.sin(i) * 0.5 + 0.5
		);
		const upscale = (x0: number, y0: number, w: number, h: number) => {
			const out = new Float32Array(3 * w * scale * h * scale);
			for (let c = 0; c < 3; c++)
				for (let y = 0; y < h * scale; y++)
					for (let x = 0; x < w * scale; x++) {
						const v =
							source[
								c * width * height +
									(y0 + Math.floor(y / scale)) * width +
									x0 +
									Math.floor(x / scale)
							];
						out[c * w * scale * h * scale + y * w * scale + x] = v ?? 0;
					}
			return out;
		};
		const plan = planTiles(width, height, 16, 4);
		const tiled = accumulate(plan, scale, 4, 0, (tile) =>
			upscale(tile.x, tile.y, tile.width, tile.height)
		);
		const whole = upscale(0, 0, width, height);
		let worst = 0;
		whole.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (tiled[i] ?? 0)))));
		expect(plan.tiles.length).toBeGreaterThan(4);
		expect(worst).toBeLessThan(1e-6);
	});

	it('refuses a tile whose pixel count does not match its size', () => {
		const plan = planTiles(2, 2, 2, 0);
		expect(() => accumulate(plan, 2, 0, 0, () => new Float32Array(47))).toThrow(RangeError);
	});
});

describe('upscale meta', () => {
	it('defaults to the fast illustration model at 2x', () => {
		expect(modelFor[defaultOptions.choice][defaultOptions.outscale]).toBe(
			'realesr-animevideov3-x2'
		);
	});

	it('gives every model a tiling whose margins leave a cross-fade and fit the default tile', () => {
		for (const [id, { overlap, margin }] of Object.entries(modelTiling)) {
			expect(2 * margin, id).toBeLessThan(overlap);
			expect(minTileSize(id as keyof typeof modelTiling), id).toBeLessThanOrEqual(
				defaultOptions.tileSize
			);
		}
	});
});
