import { LAYER_CONVERTERS } from './layers';
import { NcnnWeightReader } from './ncnn-bin';
import { parseNcnnParam } from './ncnn-param';
import { OnnxGraphBuilder } from './onnx-graph';
import { encodeModel, type OnnxModel } from './onnx-proto';

/** Opset 17: Resize, DepthToSpace CRD and Shape slicing as used here, and wide runtime support. */
export const OPSET = 17;

/** Bumped whenever converter output changes, so cached models are rebuilt. */
export const CONVERTER_VERSION = 1;

/** How to convert one ncnn model. */
export interface ConvertOptions {
	/** Keep float16 weights as float16 (plus a Cast): half the file, same numbers. Default true. */
	keepHalf?: boolean;
	/** Graph name and model metadata (credits, licence). */
	name?: string;
	metadata?: Record<string, string>;
}

/** Convert an ncnn model (.param text and .bin bytes) to an ONNX model description. */
export function ncnnToOnnxModel(
	paramText: string,
	bin: Uint8Array,
	options: ConvertOptions = {}
): OnnxModel {
	const graph = parseNcnnParam(paramText);
	const reader = new NcnnWeightReader(bin);
	const g = new OnnxGraphBuilder(options.keepHalf ?? true);
	const consumed = new Set(graph.layers.flatMap((layer) => layer.bottoms));
	const outputs: string[] = [];
	for (const layer of graph.layers) {
		const convert = LAYER_CONVERTERS[layer.type];
		if (!convert) throw new Error(`unsupported ncnn layer type ${layer.type} (${layer.name})`);
		convert(g, layer, reader);
		if (layer.type === 'Input') continue;
		for (const blob of layer.tops) if (!consumed.has(blob)) outputs.push(g.value(blob));
	}
	if (reader.remaining !== 0) throw new Error(`ncnn .bin has ${reader.remaining} unread bytes`);
	if (g.inputs.length === 0) throw new Error('ncnn graph has no Input layer');
	return {
		opset: OPSET,
		producer: 'maestro-ncnn2onnx',
		graphName: options.name ?? 'ncnn',
		nodes: g.nodes,
		initializers: g.initializers,
		inputs: g.inputs,
		outputs: outputs.map((name) => ({ name })),
		metadata: { ...options.metadata, converter_version: String(CONVERTER_VERSION) }
	};
}

/** Convert an ncnn model to the bytes of an .onnx file. */
export function ncnnToOnnx(
	paramText: string,
	bin: Uint8Array,
	options: ConvertOptions = {}
): Uint8Array {
	return encodeModel(ncnnToOnnxModel(paramText, bin, options));
}
