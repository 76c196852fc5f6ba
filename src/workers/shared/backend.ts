import type { UpscaleBackend } from '$lib/upscale/meta';

/** What the worker found out about where it runs. */
export interface BackendFacts {
	/** A WebGPU adapter was granted. */
	gpuAdapter: boolean;
	/** The worker is cross-origin isolated, so SharedArrayBuffer and wasm threads exist. */
	isolated: boolean;
	/** `navigator.hardwareConcurrency`. */
	cores: number;
}

/** onnxruntime-web would use only half the cores by default; more than 8 stops paying off. */
const MAX_THREADS = 8;

/** WebGPU when an adapter exists, else WebAssembly with a thread per core when isolated. */
export function chooseBackend(facts: BackendFacts): UpscaleBackend {
	const threads = facts.isolated ? Math.max(1, Math.min(MAX_THREADS, facts.cores || 1)) : 1;
	if (facts.gpuAdapter) return { device: 'webgpu', threads, isolated: facts.isolated };
	return {
		device: 'wasm',
		threads,
		isolated: facts.isolated,
		note: 'No WebGPU adapter in this browser.'
	};
}

/** The same backend after WebGPU failed to run the model: WebAssembly, saying why. */
export function wasmFallback(backend: UpscaleBackend, reason: string): UpscaleBackend {
	return { ...backend, device: 'wasm', note: `WebGPU failed (${reason}).` };
}

/** Bytes one buffer may take: the adapter's limits on WebGPU, a share of the wasm heap otherwise. */
export function bufferBudget(
	device: UpscaleBackend['device'],
	limits?: { maxBufferSize: number; maxStorageBufferBindingSize: number }
): number {
	if (device === 'webgpu' && limits) {
		return Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
	}
	// The wasm heap tops out at 4 GB and the runtime keeps a few feature maps alive at once.
	return 96 * 1024 * 1024;
}
