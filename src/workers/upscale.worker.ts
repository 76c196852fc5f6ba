import type {
	ModelLoad,
	ProgressCallback,
	UpscaleBackend,
	UpscaleErrorKind,
	UpscaleRequest,
	UpscaleResult
} from '$lib/upscale/meta';
import { bufferBudget, chooseBackend, wasmFallback } from './shared/backend';
import { findGpuAdapter, loadOrt, type GpuLimits, type OrtModule } from './shared/ort-runtime';
import type { RgbaImage } from './shared/rgba-image';
import { serveWorker } from './shared/serve-worker';
import { isOutOfMemory, tileSizeFor, withTileRetry } from './shared/tile-size';
import { upscaleImage, type TileRunner } from './shared/upscale-image';

/** What an upscale call returns: the result, or why it failed in a way the UI can name. */
export type UpscaleOutcome =
	{ ok: true; result: UpscaleResult } | { ok: false; kind: UpscaleErrorKind; detail: string };

/** What `prepare` returns: how long the model took to be ready, or why it could not be. */
export type PrepareOutcome = { ok: true; load: ModelLoad } | { ok: false; detail: string };

interface Engine {
	backend: UpscaleBackend;
	ort: OrtModule;
	limits: GpuLimits | undefined;
}

interface LoadedModel {
	url: string;
	session: import('onnxruntime-web').InferenceSession;
	/** How long fetching the bytes and making the session took when it was made. */
	fetchMs: number;
	sessionMs: number;
}

/** Sessions kept ready in this worker (the last used first out), so switching 2x and 4x costs nothing. */
const KEEP_SESSIONS = 2;

/** Loaded once per worker; dropped on failure so a retry can work. */
let engine: Promise<Engine> | undefined;
/** Ready (or loading) sessions by model URL, the most recently used last. */
const models = new Map<string, Promise<LoadedModel>>();

function startEngine(): Promise<Engine> {
	engine ??= (async () => {
		const limits = await findGpuAdapter();
		const backend = chooseBackend({
			gpuAdapter: limits !== undefined,
			isolated: self.crossOriginIsolated === true,
			cores: self.navigator.hardwareConcurrency
		});
		return { backend, ort: await loadOrt(backend), limits };
	})();
	engine.catch(() => (engine = undefined));
	return engine;
}

/**
 * The session for a model: the one this worker already made, or a new one (fetch the model, make
 * a session on the engine's device, falling back to WASM if WebGPU fails). The least recently
 * used session beyond `KEEP_SESSIONS` is released.
 */
async function openModel(url: string): Promise<{ loaded: LoadedModel; reused: boolean }> {
	const known = models.get(url);
	if (known) {
		models.delete(url);
		models.set(url, known);
		return { loaded: await known, reused: true };
	}
	const loading = loadModel(url);
	models.set(url, loading);
	loading.catch(() => models.get(url) === loading && models.delete(url));
	for (const [oldUrl, old] of models) {
		if (models.size <= KEEP_SESSIONS) break;
		models.delete(oldUrl);
		void old.then(
			(m) => m.session.release(),
			() => {}
		);
	}
	return { loaded: await loading, reused: false };
}

async function loadModel(url: string): Promise<LoadedModel> {
	const started = performance.now();
	const response = await fetch(url);
	if (!response.ok) throw new ModelMissing(`${url}: HTTP ${response.status}`);
	const bytes = new Uint8Array(await response.arrayBuffer());
	const fetched = performance.now();
	const session = await createSession(bytes);
	return { url, session, fetchMs: fetched - started, sessionMs: performance.now() - fetched };
}

/** A session on the engine's device, falling back to WASM when WebGPU cannot run the model. */
async function createSession(bytes: Uint8Array) {
	let e = await startEngine();
	if (e.backend.device === 'webgpu') {
		try {
			return await e.ort.InferenceSession.create(bytes, {
				executionProviders: ['webgpu'],
				graphOptimizationLevel: 'all'
			});
		} catch (error) {
			console.warn('WebGPU could not run the model; using WebAssembly', error);
			const backend = wasmFallback(e.backend, String((error as Error)?.message ?? error));
			e = { backend, ort: await loadOrt(backend), limits: undefined };
			engine = Promise.resolve(e);
		}
	}
	return e.ort.InferenceSession.create(bytes, {
		executionProviders: ['wasm'],
		graphOptimizationLevel: 'all'
	});
}

/** How long getting a model ready took, and whether this worker had it already. */
function modelLoad(started: number, loaded: LoadedModel, reused: boolean): ModelLoad {
	return {
		ms: performance.now() - started,
		reused,
		fetchMs: reused ? 0 : loaded.fetchMs,
		sessionMs: reused ? 0 : loaded.sessionMs
	};
}

class ModelMissing extends Error {
	override name = 'ModelMissing';
}

/** Decode an image Blob to straight (not premultiplied) RGBA pixels. */
async function decode(blob: Blob): Promise<RgbaImage> {
	const bitmap = await createImageBitmap(blob, {
		premultiplyAlpha: 'none',
		colorSpaceConversion: 'none'
	});
	try {
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) throw new Error('no 2d context in the worker');
		context.drawImage(bitmap, 0, 0);
		const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
		return { data, width: bitmap.width, height: bitmap.height };
	} finally {
		bitmap.close();
	}
}

function tileRunner(
	loaded: LoadedModel,
	ort: OrtModule,
	request: UpscaleRequest,
	timer: { ms: number }
): TileRunner {
	return async (input, width, height) => {
		const started = performance.now();
		const feeds = { [request.input]: new ort.Tensor('float32', input, [1, 3, height, width]) };
		const results = await loaded.session.run(feeds);
		const output = results[request.output];
		if (!output) throw new Error(`the model gave no "${request.output}"`);
		try {
			// WebGPU outputs live on the GPU until read; getData copies them to the CPU.
			return (await output.getData()) as Float32Array;
		} finally {
			output.dispose();
			timer.ms += performance.now() - started;
		}
	};
}

const api = {
	/** Which path runs (WebGPU or WASM, threads), loading the runtime but no model. */
	async backend(): Promise<UpscaleBackend> {
		return (await startEngine()).backend;
	},

	/**
	 * Get a model ready (fetched, session made) before it is asked for, so "Upscale" starts at
	 * once; a model this worker already has costs nothing.
	 */
	async prepare(modelUrl: string): Promise<PrepareOutcome> {
		const started = performance.now();
		try {
			const { loaded, reused } = await openModel(modelUrl);
			return { ok: true, load: modelLoad(started, loaded, reused) };
		} catch (error) {
			return { ok: false, detail: String((error as Error)?.message ?? error) };
		}
	},

	/**
	 * Upscale an image Blob to a PNG. Tiles start as large as memory allows and shrink after an
	 * out-of-memory error (told through `onTileSizeLowered`); progress is reported per tile.
	 */
	async upscale(
		blob: Blob,
		request: UpscaleRequest,
		onProgress?: ProgressCallback,
		onTileSizeLowered?: (from: number, to: number) => void,
		onBackend?: (backend: UpscaleBackend) => void
	): Promise<UpscaleOutcome> {
		const started = performance.now();
		let image: RgbaImage;
		try {
			image = await decode(blob);
		} catch (error) {
			return { ok: false, kind: 'not-an-image', detail: String(error) };
		}
		try {
			const modelStarted = performance.now();
			const { loaded, reused } = await openModel(request.modelUrl);
			const load = modelLoad(modelStarted, loaded, reused);
			const e = await startEngine();
			onBackend?.(e.backend);
			const start = tileSizeFor({
				bufferBytes: bufferBudget(e.backend.device, e.limits),
				bytesPerPixel: request.bytesPerTilePixel,
				minSize: request.minTileSize,
				requested: request.tileSize
			});
			const timer = { ms: 0 };
			const run = tileRunner(loaded, e.ort, request, timer);
			const { value, tileSize } = await withTileRetry(
				start,
				request.minTileSize,
				(size) => {
					timer.ms = 0;
					return upscaleImage(
						image,
						{
							modelScale: request.modelScale,
							outscale: request.outscale,
							tileSize: size,
							overlap: request.tiling.overlap,
							margin: request.tiling.margin,
							edgePadding: request.edgePadding
						},
						run,
						onProgress
					);
				},
				onTileSizeLowered
			);
			return {
				ok: true,
				result: {
					png: value.png,
					width: value.width,
					height: value.height,
					backend: e.backend,
					tileSize,
					alpha: value.alpha,
					ms: performance.now() - started,
					inferenceMs: timer.ms,
					model: load
				}
			};
		} catch (error) {
			console.error('Upscale failed', error);
			const detail = String((error as Error)?.message ?? error);
			if (error instanceof ModelMissing) return { ok: false, kind: 'model-missing', detail };
			if (isOutOfMemory(error) || (error as Error)?.name === 'OutOfMemory') {
				return { ok: false, kind: 'out-of-memory', detail };
			}
			return { ok: false, kind: 'engine', detail };
		}
	}
};

/** The upscale worker's API, as the facade sees it through comlink. */
export type UpscaleApi = typeof api;

serveWorker(api);
