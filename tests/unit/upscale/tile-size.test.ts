import { describe, expect, it } from 'vitest';
import { bufferBudget, chooseBackend, wasmFallback } from '../../../src/workers/shared/backend';
import {
	isOutOfMemory,
	lowerTileSize,
	MAX_TILE_SIZE,
	OutOfMemory,
	tileSizeFor,
	withTileRetry
} from '../../../src/workers/shared/tile-size';

const MB = 1024 * 1024;

describe('tileSizeFor', () => {
	it('fits the largest buffer of a tile into the budget, in steps of 8', () => {
		const side = tileSizeFor({
			bufferBytes: 96 * MB,
			bytesPerPixel: 256,
			minSize: 96,
			requested: 1024
		});
		expect(side).toBe(624);
		expect(side * side * 256).toBeLessThanOrEqual(96 * MB);
	});

	it('never asks for more than requested or the maximum', () => {
		expect(
			tileSizeFor({ bufferBytes: 4096 * MB, bytesPerPixel: 256, minSize: 96, requested: 300 })
		).toBe(296);
		expect(
			tileSizeFor({ bufferBytes: 4096 * MB, bytesPerPixel: 4, minSize: 96, requested: 5000 })
		).toBe(MAX_TILE_SIZE);
	});

	it('never goes under the model minimum, even on a tiny budget', () => {
		expect(
			tileSizeFor({ bufferBytes: MB, bytesPerPixel: 4096, minSize: 256, requested: 1024 })
		).toBe(256);
	});
});

describe('lowerTileSize', () => {
	it('shrinks by about a third, to the floor and no further', () => {
		expect(lowerTileSize(624, 96)).toBe(432);
		expect(lowerTileSize(120, 96)).toBe(96);
		expect(lowerTileSize(96, 96)).toBeUndefined();
	});
});

describe('isOutOfMemory', () => {
	it('recognises the runtimes’ out-of-memory errors and nothing else', () => {
		for (const message of [
			'GPUOutOfMemoryError: Out of memory',
			'Failed to create buffer of size 300000000',
			'std::bad_alloc',
			'WebAssembly.Memory.grow(): could not allocate memory',
			'Cannot enlarge memory arrays'
		]) {
			expect(isOutOfMemory(new Error(message)), message).toBe(true);
		}
		expect(isOutOfMemory(new Error('Invalid input shape'))).toBe(false);
		expect(isOutOfMemory(undefined)).toBe(false);
	});
});

describe('withTileRetry', () => {
	/** A device that runs out of memory above `fits` px tiles, like a GPU would. */
	const device = (fits: number) => async (size: number) => {
		if (size > fits) throw new Error(`Failed to create buffer for a ${size} px tile`);
		return `ran at ${size}`;
	};

	it('runs once when the first size fits', async () => {
		const lowered: number[][] = [];
		const result = await withTileRetry(512, 96, device(1024), (a, b) => lowered.push([a, b]));
		expect(result).toEqual({ value: 'ran at 512', tileSize: 512 });
		expect(lowered).toEqual([]);
	});

	it('lowers the tile size after each out-of-memory error and says so', async () => {
		const lowered: number[][] = [];
		const result = await withTileRetry(624, 96, device(300), (a, b) => lowered.push([a, b]));
		expect(result.tileSize).toBe(296);
		expect(lowered).toEqual([
			[624, 432],
			[432, 296]
		]);
	});

	it('gives up with OutOfMemory at the floor', async () => {
		await expect(withTileRetry(200, 96, device(50))).rejects.toBeInstanceOf(OutOfMemory);
	});

	it('passes other errors through at once', async () => {
		let calls = 0;
		const failing = async () => {
			calls++;
			throw new TypeError('bad model');
		};
		await expect(withTileRetry(512, 96, failing)).rejects.toThrow('bad model');
		expect(calls).toBe(1);
	});
});

describe('chooseBackend', () => {
	it('uses WebGPU when there is an adapter', () => {
		expect(chooseBackend({ gpuAdapter: true, isolated: true, cores: 8 })).toEqual({
			device: 'webgpu',
			threads: 8,
			isolated: true
		});
	});

	it('falls back to WebAssembly with a thread per core when isolated', () => {
		expect(chooseBackend({ gpuAdapter: false, isolated: true, cores: 2 })).toMatchObject({
			device: 'wasm',
			threads: 2
		});
		expect(chooseBackend({ gpuAdapter: false, isolated: true, cores: 64 }).threads).toBe(8);
	});

	it('runs single-threaded when the page is not cross-origin isolated', () => {
		expect(chooseBackend({ gpuAdapter: false, isolated: false, cores: 8 })).toMatchObject({
			device: 'wasm',
			threads: 1,
			isolated: false
		});
	});

	it('says why it fell back when WebGPU failed', () => {
		const gpu = chooseBackend({ gpuAdapter: true, isolated: false, cores: 4 });
		expect(wasmFallback(gpu, 'unsupported op')).toMatchObject({
			device: 'wasm',
			note: 'WebGPU failed (unsupported op).'
		});
	});
});

describe('bufferBudget', () => {
	it('follows the adapter limits on WebGPU and a share of the heap on WebAssembly', () => {
		expect(
			bufferBudget('webgpu', { maxBufferSize: 256 * MB, maxStorageBufferBindingSize: 128 * MB })
		).toBe(128 * MB);
		expect(bufferBudget('wasm')).toBe(96 * MB);
	});
});
