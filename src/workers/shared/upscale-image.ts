import { BandAccumulator } from './band';
import { PngSink, type PngOptions } from './png-stream';
import { alphaPlane, tileInput, type RgbaImage } from './rgba-image';
import { PlaneResizer } from './resample';
import { HalvingSink, type RowSink } from './row-sinks';
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
	/** How the PNG is compressed (`PNG_DEFAULTS` when not given). */
	png?: PngOptions;
}

/** An upscaled image, already encoded. */
export interface UpscaledPng {
	png: Blob;
	width: number;
	height: number;
	/** Whether the source had transparency, upscaled on its own into the PNG's alpha channel. */
	alpha: boolean;
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
 * Upscale an RGBA image tile by tile to a PNG: tiles overlap and are cross-faded so no seam
 * shows, finished rows stream out (through a 2:1 Lanczos reduction when a 4x model makes a 2x
 * result) into a PNG encoder as they are done, and transparency is resized alongside with a
 * bicubic filter. Memory holds the source, one band of tile rows and the compressed PNG, never
 * the whole upscaled image.
 */
export async function upscaleImage(
	image: RgbaImage,
	options: UpscaleImageOptions,
	run: TileRunner,
	onTile?: (done: number, total: number) => void
): Promise<UpscaledPng> {
	const { modelScale: scale, outscale, overlap, margin, edgePadding: pad } = options;
	if (outscale > scale) throw new RangeError(`a ${scale}x model cannot make ${outscale}x`);
	const { width, height } = image;
	const [outWidth, outHeight] = [width * outscale, height * outscale];
	const plane = alphaPlane(image);
	const alpha = plane && new PlaneResizer(plane, width, height, outWidth, outHeight);
	const png = new PngSink(outWidth, outHeight, alpha, options.png);
	const sink: RowSink =
		outscale === scale ? png : new HalvingSink(png, width * scale, height * scale);

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
	onTile?.(0, tiles.tiles.length);
	for (const [r, row] of tiles.rows.entries()) {
		band.startRow(row.start * scale);
		for (const tile of tiles.tiles.filter((t) => t.row === r)) {
			const result = await run(tileInput(image, pad, tile), tile.width, tile.height);
			band.add(tile, scale, result, weightsX[tile.column]!, weightsY[r]!);
			onTile?.(++done, tiles.tiles.length);
		}
	}
	band.finish();
	return { png: png.png, width: outWidth, height: outHeight, alpha: plane !== undefined };
}
