import type { ModelManifest, UpscaleModelInfo } from './manifest';
import {
	bytesPerTilePixel,
	minTileSize,
	modelFor,
	modelTiling,
	type Options,
	type UpscaleRequest
} from './meta';

/** The built model that serves these options, or undefined when it is missing. */
export function pickModel(manifest: ModelManifest, options: Options): UpscaleModelInfo | undefined {
	const id = modelFor[options.choice][options.outscale];
	return manifest.models.find((model) => model.id === id);
}

/**
 * What the worker needs to upscale with `model`, whose file sits under `modelsUrl`. The URL
 * carries the model's hash, so the offline cache never serves an older build of it.
 */
export function buildRequest(
	model: UpscaleModelInfo,
	options: Options,
	modelsUrl: string
): UpscaleRequest {
	return {
		modelUrl: new URL(`${model.file}?v=${model.sha256.slice(0, 16)}`, modelsUrl).href,
		modelScale: model.scale,
		outscale: options.outscale,
		input: model.input,
		output: model.output,
		tiling: modelTiling[model.id],
		tileSize: Math.max(options.tileSize, minTileSize(model.id)),
		minTileSize: minTileSize(model.id),
		bytesPerTilePixel: bytesPerTilePixel[model.id],
		edgePadding: options.edgePadding
	};
}
