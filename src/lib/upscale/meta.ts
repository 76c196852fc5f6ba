/** What this capability is called in the UI. */
export const label = 'Upscale';

/** Ids of the models `scripts/models/` builds into `public/models/<id>.onnx`. */
export type UpscaleModelId =
	'realesr-animevideov3-x2' | 'realesr-animevideov3-x4' | 'realesrgan-x4fast' | 'realesrgan-x4plus';

/** The choice offered to a person: fast illustration, general photo, or slow quality. */
export type ModelChoice = 'illustration' | 'photo' | 'quality';

/** Which model serves each choice at each outscale (2x uses the x2 model where one exists). */
export const modelFor: Record<ModelChoice, Record<2 | 4, UpscaleModelId>> = {
	illustration: { 2: 'realesr-animevideov3-x2', 4: 'realesr-animevideov3-x4' },
	photo: { 2: 'realesrgan-x4fast', 4: 'realesrgan-x4fast' },
	quality: { 2: 'realesrgan-x4plus', 4: 'realesrgan-x4plus' }
};

/** Settings for one upscale; all have defaults in `defaultOptions`. */
export interface Options {
	/** Which kind of model to use. */
	choice: ModelChoice;
	/** Final size factor; a 4x model followed by a high-quality downscale gives 2x. */
	outscale: 2 | 4;
	/** Longest tile side in source pixels; lowered automatically after a GPU out-of-memory error. */
	tileSize: number;
	/**
	 * Source pixels of mirrored context around the image, as realesrgan-ncnn-vulkan adds
	 * (its prepadding), so edges look like the reference.
	 */
	edgePadding: number;
}

/** Fast illustration model at 2x, tiles as large as memory allows, 10 px mirrored edge like the reference. */
export const defaultOptions: Options = {
	choice: 'illustration',
	outscale: 2,
	tileSize: 1024,
	edgePadding: 10
};

/** How neighbouring tiles of one model are joined (see `blendWeights` in `tiles.ts`). */
export interface Tiling {
	/** Source pixels shared by neighbouring tiles. */
	overlap: number;
	/** Source pixels dropped at a tile's inner edges, where the model saw zero padding. */
	margin: number;
}

/**
 * Per-model tiling, measured on the 32x32 fixture mirrored to 112 or 192 px: tiled and whole
 * outputs then differ by at most 0.64/255 (x4fast), 0.0 (animevideov3) and 0.45/255 (x4plus,
 * whose RRDB trunk sees much further: 48/16 gave 9.7/255, 96/40 gave 3.0/255).
 */
export const modelTiling: Record<UpscaleModelId, Tiling> = {
	'realesr-animevideov3-x2': { overlap: 48, margin: 16 },
	'realesr-animevideov3-x4': { overlap: 48, margin: 16 },
	'realesrgan-x4fast': { overlap: 48, margin: 16 },
	'realesrgan-x4plus': { overlap: 128, margin: 56 }
};

/** The smallest tile side that leaves room for a model's overlap. */
export function minTileSize(model: UpscaleModelId): number {
	return modelTiling[model].overlap * 2;
}

/** Progress as numbers: `done` of `total` tiles. */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * Bytes of the largest buffer the model makes per source pixel of a tile (float32): 64
 * feature channels for the compact models; 64 channels at 4x the resolution after x4plus's
 * nearest-neighbour upsampling. Bounds the tile size by memory.
 */
export const bytesPerTilePixel: Record<UpscaleModelId, number> = {
	'realesr-animevideov3-x2': 64 * 4,
	'realesr-animevideov3-x4': 64 * 4,
	'realesrgan-x4fast': 64 * 4,
	'realesrgan-x4plus': 64 * 16 * 4
};

/** Which execution path runs the model, to say so in the UI. */
export interface UpscaleBackend {
	/** WebGPU when the browser has an adapter, WebAssembly otherwise. */
	device: 'webgpu' | 'wasm';
	/** WebAssembly threads (1 when the page is not cross-origin isolated). */
	threads: number;
	/** Whether the page is cross-origin isolated (threads need it). */
	isolated: boolean;
	/** Why WebGPU is not used, when it is not. */
	note?: string;
}

/** Everything the worker needs for one upscale; the facade fills it from the manifest and Options. */
export interface UpscaleRequest {
	/** Absolute URL of the ONNX model on our own origin. */
	modelUrl: string;
	modelScale: 2 | 4;
	outscale: 2 | 4;
	input: string;
	output: string;
	tiling: Tiling;
	/** Largest tile side to try first, in source pixels (the memory bound may lower it). */
	tileSize: number;
	minTileSize: number;
	bytesPerTilePixel: number;
	edgePadding: number;
}

/** A finished upscale: the PNG and how it was made. */
export interface UpscaleResult {
	png: Blob;
	width: number;
	height: number;
	backend: UpscaleBackend;
	/** The tile side that ran, in source pixels. */
	tileSize: number;
	/** Whether the source had transparency (upscaled separately). */
	alpha: boolean;
	/** Wall-clock ms of the whole call: decode, model load, tiles, PNG. */
	ms: number;
	/** Ms spent in the model runs alone (all tiles of the last attempt). */
	inferenceMs: number;
	/** How long the model took to be ready for this call. */
	model: ModelLoad;
}

/** How long a model took to be ready in the upscale worker, and where the time went. */
export interface ModelLoad {
	/** Ms from asking for the model to its session being ready. */
	ms: number;
	/** The worker had the session already (made for an earlier upscale or by `prepare`). */
	reused: boolean;
	/** Ms fetching the model's bytes (from the service worker's cache once it was used). */
	fetchMs: number;
	/** Ms making the onnxruntime session (the first one in a worker also starts the wasm engine). */
	sessionMs: number;
}

/** Why an upscale failed; each kind has one sentence in the facade. */
export type UpscaleErrorKind = 'model-missing' | 'not-an-image' | 'out-of-memory' | 'engine';

/** What the worker tells the facade while it works. */
export interface UpscaleListeners {
	/** Tiles done of total for the current attempt (restarts after the tile size is lowered). */
	onProgress?: ProgressCallback;
	/** The tile size was lowered after running out of memory: from, to (source pixels). */
	onTileSizeLowered?: (from: number, to: number) => void;
	/** The path that runs, as soon as it is known. */
	onBackend?: (backend: UpscaleBackend) => void;
}
