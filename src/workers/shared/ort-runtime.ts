import type * as Ort from 'onnxruntime-web';
// Our own copies of onnxruntime-web's wasm glue and binaries: nothing is fetched from a CDN.
// no-inline: the glue is also the script of the runtime's thread workers, so it needs a real URL.
import wasmGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url&no-inline';
import wasmBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import gpuGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url&no-inline';
import gpuBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { UpscaleBackend } from '$lib/upscale/meta';

/** The onnxruntime-web module for a device: the WebGPU build carries the WASM backend too. */
export type OrtModule = typeof Ort;

const absolute = (url: string) => new URL(url, self.location.href).href;

/**
 * Load onnxruntime-web for a backend: the plain WASM build (smaller, no asyncify overhead) or
 * the WebGPU build, with its wasm files from our origin and a thread per core when isolated.
 */
export async function loadOrt(backend: UpscaleBackend): Promise<OrtModule> {
	const gpu = backend.device === 'webgpu';
	const ort = (gpu
		? await import('onnxruntime-web/webgpu')
		: await import('onnxruntime-web/wasm')) as unknown as OrtModule;
	ort.env.wasm.wasmPaths = {
		mjs: absolute(gpu ? gpuGlueUrl : wasmGlueUrl),
		wasm: absolute(gpu ? gpuBinaryUrl : wasmBinaryUrl)
	};
	ort.env.wasm.numThreads = backend.threads;
	ort.env.wasm.simd = true;
	ort.env.wasm.proxy = false;
	ort.env.logLevel = 'error';
	return ort;
}

/** The WebGPU adapter's buffer limits, when there is an adapter. */
export interface GpuLimits {
	maxBufferSize: number;
	maxStorageBufferBindingSize: number;
}

interface GpuLike {
	requestAdapter(): Promise<{ limits: GpuLimits } | null>;
}

/** Ask for a WebGPU adapter; undefined when the browser has none (or no WebGPU at all). */
export async function findGpuAdapter(): Promise<GpuLimits | undefined> {
	const gpu = (self.navigator as unknown as { gpu?: GpuLike }).gpu;
	if (!gpu) return undefined;
	try {
		const adapter = await gpu.requestAdapter();
		if (!adapter) return undefined;
		const { maxBufferSize, maxStorageBufferBindingSize } = adapter.limits;
		return { maxBufferSize, maxStorageBufferBindingSize };
	} catch {
		return undefined;
	}
}
