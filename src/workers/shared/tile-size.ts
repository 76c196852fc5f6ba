/** Tile sides are multiples of this many pixels (friendlier to both runtimes' kernels). */
const TILE_STEP = 8;
/** The largest tile side we ever try, whatever the memory allows. */
export const MAX_TILE_SIZE = 1024;

/** What bounds the tile size: the largest single buffer the runtime may make, and the model's needs. */
export interface TileBudget {
	/** Bytes the largest buffer of one tile may take. */
	bufferBytes: number;
	/** Bytes of that buffer per source pixel of the tile (see `bytesPerTilePixel`). */
	bytesPerPixel: number;
	/** The smallest side that leaves room for the model's overlap. */
	minSize: number;
	/** The side asked for; the budget may lower it, never raise it. */
	requested: number;
}

/** The largest tile side within the budget, a multiple of 8, never under `minSize`. */
export function tileSizeFor(budget: TileBudget): number {
	const fits = Math.floor(Math.sqrt(budget.bufferBytes / budget.bytesPerPixel));
	const side = Math.min(budget.requested, MAX_TILE_SIZE, fits);
	return Math.max(budget.minSize, Math.floor(side / TILE_STEP) * TILE_STEP);
}

/** The next smaller tile side to try after running out of memory, or undefined at the floor. */
export function lowerTileSize(current: number, minSize: number): number | undefined {
	if (current <= minSize) return undefined;
	return Math.max(minSize, Math.floor((current * 0.7) / TILE_STEP) * TILE_STEP);
}

/** Whether an error from the runtime means it ran out of (GPU or wasm) memory. */
export function isOutOfMemory(error: unknown): boolean {
	const text =
		error instanceof Error
			? `${error.name} ${error.message}`
			: typeof error === 'string'
				? error
				: '';
	return /out of memory|GPUOutOfMemoryError|bad_alloc|could not allocate|Failed to (create|allocate|map) (a )?buffer|exceeds the max(Buffer|StorageBufferBinding)Size|Cannot enlarge memory/i.test(
		text
	);
}

/** Raised when even the smallest tile does not fit in memory. */
export class OutOfMemory extends Error {
	override name = 'OutOfMemory';
}

/**
 * Run `attempt` with a tile side, and after an out-of-memory error again with smaller sides
 * (telling `onLowered`) until it fits or the floor is reached. Other errors pass through.
 */
export async function withTileRetry<T>(
	start: number,
	minSize: number,
	attempt: (tileSize: number) => Promise<T>,
	onLowered: (from: number, to: number) => void = () => {}
): Promise<{ value: T; tileSize: number }> {
	for (let tileSize = start; ;) {
		try {
			return { value: await attempt(tileSize), tileSize };
		} catch (error) {
			if (!isOutOfMemory(error)) throw error;
			const next = lowerTileSize(tileSize, minSize);
			if (next === undefined) throw new OutOfMemory(`Out of memory even with ${tileSize} px tiles`);
			onLowered(tileSize, next);
			tileSize = next;
		}
	}
}
