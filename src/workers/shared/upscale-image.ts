import { BandAccumulator } from './band';
import { alphaPlane, tileInput, type RgbaImage } from './rgba-image';
import { resizePlane } from './resample';
import { ByteSink, HalvingSink, type RowSink } from './row-sinks';
import { blendWeights, planTiles } from './tiles';

/** Runs the model on one tile: planar RGB in (3 x height x width), planar RGB out at the model's scale. */
export type TileRunner = (
	input: Float32Array,
	width: number,
	height: number
) => Promise<Float32Array>;

/** How one image is upscaled. */
export interface UpscaleImageOptions {
	modelScale: 2 | 4;
	outscale: 2 | 4;
	/** Longest tile side in source pixels. */
	tileSize: number;
	overlap: number;
	margin: number;
	/** Mirrored source pixels added around the image, like realesrgan-ncnn-vulkan. */
	edgePadding: number;
}

/** Tiles the image will be cut into with these options (to report progress totals). */
export function tileCount(width: number, height: number, options: UpscaleImageOptions): number {
	const pad = options.edgePadding;
	return planTiles(width + 2 * pad, height + 2 * pad, options.tileSize, options.overlap).tiles
		.length;
}

/**
 * Upscale an RGBA image tile by tile: tiles overlap and are cross-faded so no seam shows,
 * finished rows stream out (through a 2:1 Lanczos reduction when a 4x model makes a 2x
 * result), and transparency is upscaled separately with a bicubic filter.
 */
export async function upscaleImage(
	image: RgbaImage,
	options: UpscaleImageOptions,
	run: TileRunner,
	onTile?: (done: number, total: number) => void
): Promise<RgbaImage> {
	const { modelScale: scale, outscale, overlap, margin, edgePadding: pad } = options;
	if (outscale > scale) throw new RangeError(`a ${scale}x model cannot make ${outscale}x`);
	const { width, height } = image;
	const out = new Uint8ClampedArray(width * outscale * height * outscale * 4);
	const bytes = new ByteSink(out, width * outscale);
	const sink: RowSink =
		outscale === scale ? bytes : new HalvingSink(bytes, width * scale, height * scale);

	const plan = planTiles(width + 2 * pad, height + 2 * pad, options.tileSize, overlap);
	const weightsX = plan.columns.map((_, i) =>
		blendWeights(plan.columns, i, scale, overlap, margin)
	);
	const weightsY = plan.rows.map((_, i) => blendWeights(plan.rows, i, scale, overlap, margin));
	const band = new BandAccumulator(
		(width + 2 * pad) * scale,
		(height + 2 * pad) * scale,
		(plan.rows[0]?.size ?? 0) * scale,
		{ x: pad * scale, y: pad * scale, width: width * scale, height: height * scale },
		sink
	);
	let done = 0;
	for (const [r, row] of plan.rows.entries()) {
		band.startRow(row.start * scale);
		for (const tile of plan.tiles.filter((t) => t.row === r)) {
			const result = await run(tileInput(image, pad, tile), tile.width, tile.height);
			band.add(tile, scale, result, weightsX[tile.column]!, weightsY[r]!);
			onTile?.(++done, plan.tiles.length);
		}
	}
	band.finish();

	const alpha = alphaPlane(image);
	if (alpha) {
		const big = resizePlane(alpha, width, height, width * outscale, height * outscale);
		for (let p = 0; p < big.length; p++) out[p * 4 + 3] = big[p] ?? 255;
	}
	return { data: out, width: width * outscale, height: height * outscale };
}
