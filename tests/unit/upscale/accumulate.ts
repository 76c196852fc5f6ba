import { BandAccumulator } from '../../../src/workers/shared/band';
import type { RowSink } from '../../../src/workers/shared/row-sinks';
import { blendWeights, type Tile, type TilePlan } from '../../../src/workers/shared/tiles';

/**
 * Runs every tile of `plan` through `upscale` and cross-fades them with the `BandAccumulator`
 * the worker uses, a band one tile row tall; returns the whole result as planar RGB (all red,
 * then green, then blue), the layout a model gives for a whole image.
 */
export function accumulate(
	plan: TilePlan,
	scale: number,
	overlap: number,
	margin: number,
	upscale: (tile: Tile) => Float32Array
): Float32Array {
	const width = Math.max(...plan.columns.map((s) => s.start + s.size)) * scale;
	const height = Math.max(...plan.rows.map((s) => s.start + s.size)) * scale;
	const out = new Float32Array(3 * width * height);
	let y = 0;
	const sink: RowSink = {
		push(row) {
			for (let c = 0; c < 3; c++)
				out.set(row.subarray(c * width, (c + 1) * width), c * width * height + y * width);
			y++;
		},
		finish() {}
	};
	const band = new BandAccumulator(
		width,
		height,
		(plan.rows[0]?.size ?? 0) * scale,
		{ x: 0, y: 0, width, height },
		sink
	);
	for (const [r, row] of plan.rows.entries()) {
		band.startRow(row.start * scale);
		const wy = blendWeights(plan.rows, r, scale, overlap, margin);
		for (const tile of plan.tiles.filter((t) => t.row === r)) {
			const wx = blendWeights(plan.columns, tile.column, scale, overlap, margin);
			band.add(tile, scale, upscale(tile), wx, wy);
		}
	}
	band.finish();
	if (y !== height) throw new Error(`the band gave ${y} of ${height} rows`);
	return out;
}
