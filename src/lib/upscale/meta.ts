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

/** Fast illustration model at 2x, 256 px tiles, 10 px mirrored edge like the reference. */
export const defaultOptions: Options = {
	choice: 'illustration',
	outscale: 2,
	tileSize: 256,
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
