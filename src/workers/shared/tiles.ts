/** One axis of a tile: its first source pixel and its length. */
export interface Span {
	start: number;
	size: number;
}

/** A rectangle of source pixels run through the model in one go, and its place in the grid. */
export interface Tile {
	x: number;
	y: number;
	width: number;
	height: number;
	column: number;
	row: number;
}

/** Tiles covering an image, with the per-axis spans they were built from. */
export interface TilePlan {
	columns: Span[];
	rows: Span[];
	tiles: Tile[];
}

function assertSize(name: string, value: number, min: number): void {
	if (!Number.isInteger(value) || value < min)
		throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/**
 * Cover [0, length) with as few equal spans of at most `tile` (one span when it fits) as
 * possible whose neighbours share at least `overlap` pixels, each as small as that count
 * allows so little work is repeated; equal sizes let a runtime reuse one shape for every tile.
 */
export function planSpans(length: number, tile: number, overlap: number): Span[] {
	assertSize('length', length, 1);
	assertSize('tile', tile, 1);
	assertSize('overlap', overlap, 0);
	if (length <= tile) return [{ start: 0, size: length }];
	if (overlap >= tile)
		throw new RangeError(`overlap ${overlap} must be smaller than the tile ${tile}`);
	const count = Math.ceil((length - overlap) / (tile - overlap));
	const size = Math.min(tile, Math.ceil((length + (count - 1) * overlap) / count));
	return Array.from({ length: count }, (_, i) => ({
		start: Math.round((i * (length - size)) / (count - 1)),
		size
	}));
}

/**
 * Tiles of at most `tile` x `tileHeight` (square by default) covering width x height,
 * neighbours sharing `overlap` px.
 */
export function planTiles(
	width: number,
	height: number,
	tile: number,
	overlap: number,
	tileHeight = tile
): TilePlan {
	const columns = planSpans(width, tile, overlap);
	const rows = planSpans(height, tileHeight, overlap);
	const tiles = rows.flatMap((r, row) =>
		columns.map((c, column) => ({
			x: c.start,
			y: r.start,
			width: c.size,
			height: r.size,
			column,
			row
		}))
	);
	return { columns, rows, tiles };
}

/**
 * Cross-fade weights along one axis for span `index`, at output resolution (`scale` output
 * pixels per source pixel). On its inner edges (not at the image border) a span first ignores
 * `margin` source pixels, where the model saw the tile's zero padding, then ramps up over the
 * rest of `overlap`. Weights are normalised so all spans covering a pixel sum to exactly 1, and
 * a tile's 2-D weight, weightsX[x] * weightsY[y], then also sums to 1. Needs 2 * margin < overlap.
 */
export function blendWeights(
	spans: Span[],
	index: number,
	scale: number,
	overlap: number,
	margin = 0
): Float32Array {
	const span = spans[index];
	if (!span) throw new RangeError(`no span ${index}`);
	if (spans.length > 1 && 2 * margin >= overlap) {
		throw new RangeError(`margin ${margin} leaves no cross-fade in an overlap of ${overlap}`);
	}
	const length = Math.max(...spans.map((s) => s.start + s.size));
	const skip = margin * scale;
	const ramp = (overlap - 2 * margin) * scale;
	const rise = (distance: number): number =>
		ramp <= 0 ? 1 : Math.min(1, Math.max(0, (distance - skip + 0.5) / ramp));
	const weight = (s: Span, q: number): number => {
		const end = s.start + s.size;
		const fromStart = s.start === 0 ? 1 : rise(q - s.start * scale);
		const toEnd = end === length ? 1 : rise(end * scale - q - 1);
		return Math.min(fromStart, toEnd);
	};
	const weights = new Float32Array(span.size * scale);
	for (let i = 0; i < weights.length; i++) {
		const q = span.start * scale + i;
		let total = 0;
		for (const other of spans) {
			if (q >= other.start * scale && q < (other.start + other.size) * scale)
				total += weight(other, q);
		}
		weights[i] = weight(span, q) / total;
	}
	return weights;
}
