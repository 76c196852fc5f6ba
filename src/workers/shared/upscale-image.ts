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

/** Bytes the band of finished-but-not-yet-written output rows may take (see `BandAccumulator`). */
export const BAND_BYTES = 64 * 1024 * 1024;

/**
 * Tile height that keeps the band (3 float planes, a tile row tall, the whole width wide, at
 * the model's scale) within `BAND_BYTES`, so memory stays bounded as images get wider; never
 * under twice the overlap, never over the tile size.
 */
export function bandTileHeight(paddedWidth: number, options: UpscaleImageOptions): number {
	const rowBytes = 3 * 4 * paddedWidth * options.modelScale * options.modelScale;
	const fits = Math.floor(BAND_BYTES / rowBytes / 8) * 8;
	return Math.min(options.tileSize, Math.max(2 * options.overlap, fits));
}

function plan(width: number, height: number, options: UpscaleImageOptions) {
	const pad = options.edgePadding;
	const [w, h] = [width + 2 * pad, height + 2 * pad];
	return planTiles(w, h, options.tileSize, options.overlap, bandTileHeight(w, options));
}

/** Tiles the image will be cut into with these options (to report progress totals). */
export function tileCount(width: number, height: number, options: UpscaleImageOptions): number {
	return plan(width, height, options).tiles.length;
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

	const tiles = plan(width, height, options);
	const weightsX = tiles.columns.map((_, i) =>
		blendWeights(tiles.columns, i, scale, overlap, margin)
	);
	const weightsY = tiles.rows.map((_, i) => blendWeights(tiles.rows, i, scale, overlap, margin));
	const band = new BandAccumulator(
		(width + 2 * pad) * scale,
		(height + 2 * pad) * scale,
		(tiles.rows[0]?.size ?? 0) * scale,
		{ x: pad * scale, y: pad * scale, width: width * scale, height: height * scale },
		sink
	);
	let done = 0;
	for (const [r, row] of tiles.rows.entries()) {
		band.startRow(row.start * scale);
		for (const tile of tiles.tiles.filter((t) => t.row === r)) {
			const result = await run(tileInput(image, pad, tile), tile.width, tile.height);
			band.add(tile, scale, result, weightsX[tile.column]!, weightsY[r]!);
			onTile?.(++done, tiles.tiles.length);
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
