import type { RowSink } from './row-sinks';
import type { Tile } from './tiles';

/** The part of the accumulated output that is the picture (the mirrored edge is cut off). */
export interface Crop {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Adds weighted upscaled tiles into a band of output rows only one tile row tall, and hands
 * every row that no later tile touches to a `RowSink`: memory grows with the image's width,
 * not its height. Tiles must come row of tiles by row of tiles, each row begun with `startRow`.
 */
export class BandAccumulator {
	readonly #band: Float32Array;
	readonly #bandRows: number;
	/** Output row held at the band's first row. */
	#top = 0;

	constructor(
		readonly width: number,
		readonly height: number,
		bandRows: number,
		readonly crop: Crop,
		readonly sink: RowSink
	) {
		this.#bandRows = bandRows;
		this.#band = new Float32Array(3 * bandRows * width);
	}

	/** Begin a row of tiles whose output starts at row `y`: every row above is final. */
	startRow(y: number): void {
		if (y < this.#top) throw new RangeError(`row ${y} is above the band (${this.#top})`);
		const shift = Math.min(y - this.#top, this.#bandRows);
		for (let r = 0; r < shift; r++) this.#emit(this.#top + r, r);
		if (shift > 0) {
			const plane = this.#bandRows * this.width;
			for (let c = 0; c < 3; c++) {
				const start = c * plane;
				this.#band.copyWithin(start, start + shift * this.width, start + plane);
				this.#band.fill(0, start + plane - shift * this.width, start + plane);
			}
		}
		this.#top = y;
	}

	/** Add one upscaled tile (planar RGB, tile.width*scale x tile.height*scale), weighted. */
	add(
		tile: Tile,
		scale: number,
		pixels: Float32Array,
		weightsX: Float32Array,
		weightsY: Float32Array
	): void {
		const tw = tile.width * scale;
		const th = tile.height * scale;
		if (pixels.length !== 3 * tw * th) {
			throw new RangeError(`tile has ${pixels.length} values, expected ${3 * tw * th}`);
		}
		const firstRow = tile.y * scale - this.#top;
		if (firstRow < 0 || firstRow + th > this.#bandRows) {
			throw new RangeError('tile does not fit in the current band');
		}
		const plane = this.#bandRows * this.width;
		for (let c = 0; c < 3; c++) {
			for (let y = 0; y < th; y++) {
				const wy = weightsY[y] ?? 0;
				const out = c * plane + (firstRow + y) * this.width + tile.x * scale;
				const inRow = c * tw * th + y * tw;
				for (let x = 0; x < tw; x++) {
					this.#band[out + x] =
						(this.#band[out + x] ?? 0) + (pixels[inRow + x] ?? 0) * wy * (weightsX[x] ?? 0);
				}
			}
		}
	}

	/** Hand the rows still held to the sink and finish it. */
	finish(): void {
		for (let r = 0; this.#top + r < this.height && r < this.#bandRows; r++) {
			this.#emit(this.#top + r, r);
		}
		this.sink.finish();
	}

	#emit(y: number, bandRow: number): void {
		const { crop } = this;
		if (y < crop.y || y >= crop.y + crop.height) return;
		const row = new Float32Array(3 * crop.width);
		const plane = this.#bandRows * this.width;
		for (let c = 0; c < 3; c++) {
			const from = c * plane + bandRow * this.width + crop.x;
			row.set(this.#band.subarray(from, from + crop.width), c * crop.width);
		}
		this.sink.push(row);
	}
}
