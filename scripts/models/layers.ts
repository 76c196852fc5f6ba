import type { NcnnWeightReader } from './ncnn-bin';
import { paramArray, paramNumber, type NcnnLayer } from './ncnn-param';
import type { OnnxGraphBuilder } from './onnx-graph';

/** Converts one ncnn layer into ONNX nodes, reading its weights in file order. */
export type LayerConverter = (g: OnnxGraphBuilder, layer: NcnnLayer, bin: NcnnWeightReader) => void;

function only<T>(items: T[], layer: NcnnLayer, what: string): T {
	if (items.length !== 1 || items[0] === undefined) {
		throw new Error(`${layer.type} ${layer.name}: expects one ${what}, has ${items.length}`);
	}
	return items[0];
}

const bottom = (g: OnnxGraphBuilder, layer: NcnnLayer) =>
	g.value(only(layer.bottoms, layer, 'input'));
const top = (g: OnnxGraphBuilder, layer: NcnnLayer) => {
	const name = only(layer.tops, layer, 'output');
	g.claim(name);
	return name;
};

/** Emit ncnn's fused activation (Convolution param 9, arguments in param 10). */
function activation(g: OnnxGraphBuilder, layer: NcnnLayer, x: string, out: string): void {
	const type = paramNumber(layer, 9, 0);
	const args = paramArray(layer, 10);
	const name = `${layer.name}_act`;
	if (type === 1) g.node('Relu', name, [x], [out]);
	else if (type === 2) g.node('LeakyRelu', name, [x], [out], { alpha: { float: args[0] ?? 0 } });
	else if (type === 3) {
		const min = g.constant(`${layer.name}.clip_min`, [], [args[0] ?? -Infinity]);
		const max = g.constant(`${layer.name}.clip_max`, [], [args[1] ?? Infinity]);
		g.node('Clip', name, [x, min, max], [out]);
	} else if (type === 4) g.node('Sigmoid', name, [x], [out]);
	else if (type === 5) {
		const soft = g.unique(`${layer.name}_softplus`);
		const tanh = g.unique(`${layer.name}_tanh`);
		g.node('Softplus', `${name}_softplus`, [x], [soft]);
		g.node('Tanh', `${name}_tanh`, [soft], [tanh]);
		g.node('Mul', name, [x, tanh], [out]);
	} else if (type === 6) {
		const gate = g.unique(`${layer.name}_hardsigmoid`);
		const [alpha = 0.2, beta = 0.5] = args;
		g.node('HardSigmoid', `${name}_gate`, [x], [gate], {
			alpha: { float: alpha },
			beta: { float: beta }
		});
		g.node('Mul', name, [x, gate], [out]);
	} else throw new Error(`${layer.type} ${layer.name}: unsupported activation type ${type}`);
}

/** Convolution and ConvolutionDepthWise: weights OIHW (same order as ONNX), optional bias. */
function convolution(g: OnnxGraphBuilder, layer: NcnnLayer, bin: NcnnWeightReader): void {
	const outChannels = paramNumber(layer, 0, 0);
	const kw = paramNumber(layer, 1, 0);
	const kh = paramNumber(layer, 11, kw);
	const dw = paramNumber(layer, 2, 1);
	const dh = paramNumber(layer, 12, dw);
	const sw = paramNumber(layer, 3, 1);
	const sh = paramNumber(layer, 13, sw);
	const left = paramNumber(layer, 4, 0);
	const topPad = paramNumber(layer, 14, left);
	const right = paramNumber(layer, 15, left);
	const bottomPad = paramNumber(layer, 16, topPad);
	const padValue = paramNumber(layer, 18, 0);
	const hasBias = paramNumber(layer, 5, 0) !== 0;
	const weightSize = paramNumber(layer, 6, 0);
	const group = layer.type === 'ConvolutionDepthWise' ? paramNumber(layer, 7, 1) : 1;
	if (paramNumber(layer, 8, 0) !== 0)
		throw new Error(`${layer.name}: int8 convolution is not supported`);
	if (paramNumber(layer, 19, 0) !== 0)
		throw new Error(`${layer.name}: dynamic weights are not supported`);
	const inPerGroup = weightSize / (outChannels * kw * kh);
	if (!Number.isInteger(inPerGroup) || inPerGroup < 1) {
		throw new Error(
			`${layer.name}: weight size ${weightSize} does not fit ${outChannels}x?x${kh}x${kw}`
		);
	}

	let x = bottom(g, layer);
	g.hintChannels(x, inPerGroup * group);
	const out = top(g, layer);
	const weight = g.weight(
		`${layer.name}.weight`,
		[outChannels, inPerGroup, kh, kw],
		bin.tagged(weightSize, layer.name)
	);
	const inputs = [x, weight];
	if (hasBias)
		inputs.push(
			g.constant(`${layer.name}.bias`, [outChannels], bin.raw(outChannels, layer.name).values)
		);

	const attributes: Record<string, string | number | number[]> = {
		kernel_shape: [kh, kw],
		strides: [sh, sw],
		dilations: [dh, dw],
		group
	};
	if (left === -233 || left === -234) {
		attributes.auto_pad = left === -233 ? 'SAME_UPPER' : 'SAME_LOWER';
	} else if (padValue !== 0 && (left || topPad || right || bottomPad)) {
		const padded = g.unique(`${layer.name}_padded`);
		const pads = g.constantInt64(`${layer.name}.pads`, [
			0,
			0,
			topPad,
			left,
			0,
			0,
			bottomPad,
			right
		]);
		const value = g.constant(`${layer.name}.pad_value`, [], [padValue]);
		g.node('Pad', `${layer.name}_pad`, [x, pads, value], [padded], { mode: 'constant' });
		inputs[0] = x = padded;
	} else {
		attributes.pads = [topPad, left, bottomPad, right];
	}

	const hasActivation = paramNumber(layer, 9, 0) !== 0;
	const convOut = hasActivation ? g.unique(`${out}_preact`) : out;
	g.node('Conv', layer.name, inputs, [convOut], attributes);
	if (hasActivation) activation(g, layer, convOut, out);
}

/** PReLU: one slope per channel (or one shared), stored raw. */
function prelu(g: OnnxGraphBuilder, layer: NcnnLayer, bin: NcnnWeightReader): void {
	const count = paramNumber(layer, 0, 0);
	const slope = bin.raw(count, layer.name).values;
	const slopeName = g.constant(`${layer.name}.slope`, count > 1 ? [count, 1, 1] : [1], slope);
	g.node('PRelu', layer.name, [bottom(g, layer), slopeName], [top(g, layer)]);
}

/** ReLU with param 0 as the negative slope (leaky when non-zero). */
function relu(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const slope = paramNumber(layer, 0, 0);
	if (slope === 0) g.node('Relu', layer.name, [bottom(g, layer)], [top(g, layer)]);
	else
		g.node('LeakyRelu', layer.name, [bottom(g, layer)], [top(g, layer)], {
			alpha: { float: slope }
		});
}

/** Split (and no-op layers) only give one value several names. */
function split(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const x = bottom(g, layer);
	for (const name of layer.tops) g.alias(name, x);
}

/** PixelShuffle mode 0 is PyTorch's order, DepthToSpace CRD; mode 1 is DCR. */
function pixelShuffle(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const blocksize = paramNumber(layer, 0, 1);
	const mode = paramNumber(layer, 1, 0) === 0 ? 'CRD' : 'DCR';
	g.node('DepthToSpace', layer.name, [bottom(g, layer)], [top(g, layer)], { blocksize, mode });
}

/** Interp: nearest (asymmetric, floor), bilinear and bicubic (A = -0.75, edges clamped). */
function interp(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const type = paramNumber(layer, 0, 0);
	const heightScale = paramNumber(layer, 1, 1);
	const widthScale = paramNumber(layer, 2, 1);
	const outHeight = paramNumber(layer, 3, 0);
	const outWidth = paramNumber(layer, 4, 0);
	const alignCorners = paramNumber(layer, 6, 0) !== 0;
	if (paramNumber(layer, 5, 0) !== 0)
		throw new Error(`${layer.name}: dynamic Interp size is not supported`);
	const x = bottom(g, layer);
	const attributes: Record<string, string | number | { float: number }> = {};
	if (type === 1) {
		Object.assign(attributes, {
			mode: 'nearest',
			coordinate_transformation_mode: 'asymmetric',
			nearest_mode: 'floor'
		});
	} else if (type === 2 || type === 3) {
		attributes.mode = type === 2 ? 'linear' : 'cubic';
		attributes.coordinate_transformation_mode = alignCorners ? 'align_corners' : 'half_pixel';
		if (type === 3)
			Object.assign(attributes, { cubic_coeff_a: { float: -0.75 }, exclude_outside: 0 });
	} else throw new Error(`${layer.name}: unsupported Interp type ${type}`);

	if (outHeight > 0 && outWidth > 0) {
		const batchChannels = g.unique(`${layer.name}_nc`);
		const sizes = g.unique(`${layer.name}_sizes`);
		g.node('Shape', `${layer.name}_shape`, [x], [batchChannels], { start: 0, end: 2 });
		const hw = g.constantInt64(`${layer.name}.hw`, [outHeight, outWidth]);
		g.node('Concat', `${layer.name}_sizes`, [batchChannels, hw], [sizes], { axis: 0 });
		g.node('Resize', layer.name, [x, '', '', sizes], [top(g, layer)], attributes);
	} else {
		const scales = g.constant(`${layer.name}.scales`, [4], [1, 1, heightScale, widthScale]);
		g.node('Resize', layer.name, [x, '', scales], [top(g, layer)], attributes);
	}
}

/** BinaryOp op types 0..9 (add, sub, mul, div, max, min, pow, rsub, rdiv, rpow). */
const BINARY_OPS: [string, boolean][] = [
	['Add', false],
	['Sub', false],
	['Mul', false],
	['Div', false],
	['Max', false],
	['Min', false],
	['Pow', false],
	['Sub', true],
	['Div', true],
	['Pow', true]
];

/** BinaryOp on two same-shaped (or numpy-broadcastable) blobs, or on a blob and a scalar. */
function binaryOp(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const op = BINARY_OPS[paramNumber(layer, 0, 0)];
	if (!op) throw new Error(`${layer.name}: unsupported BinaryOp type ${paramNumber(layer, 0, 0)}`);
	const [opType, reversed] = op;
	const withScalar = paramNumber(layer, 1, 0) !== 0;
	const inputs = withScalar
		? [bottom(g, layer), g.constant(`${layer.name}.b`, [], [paramNumber(layer, 2, 0)])]
		: layer.bottoms.map((b) => g.value(b));
	if (inputs.length !== 2) throw new Error(`${layer.name}: BinaryOp needs two operands`);
	if (reversed) inputs.reverse();
	g.node(opType, layer.name, inputs, [top(g, layer)]);
}

/** Eltwise: product, sum with per-input coefficients, or maximum. */
function eltwise(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const type = paramNumber(layer, 0, 0);
	const coeffs = paramArray(layer, 1);
	let inputs = layer.bottoms.map((b) => g.value(b));
	if (type === 1 && coeffs.length > 0) {
		if (coeffs.length !== inputs.length)
			throw new Error(`${layer.name}: ${coeffs.length} coefficients`);
		inputs = inputs.map((x, i) => {
			const c = coeffs[i] ?? 1;
			if (c === 1) return x;
			const scaled = g.unique(`${layer.name}_in${i}_scaled`);
			g.node(
				'Mul',
				`${layer.name}_coeff${i}`,
				[x, g.constant(`${layer.name}.coeff${i}`, [], [c])],
				[scaled]
			);
			return scaled;
		});
	}
	const opType = ['Mul', 'Sum', 'Max'][type];
	if (!opType) throw new Error(`${layer.name}: unsupported Eltwise type ${type}`);
	if (opType === 'Mul') {
		let acc = inputs[0] ?? '';
		for (let i = 1; i < inputs.length; i++) {
			const out = i === inputs.length - 1 ? top(g, layer) : g.unique(`${layer.name}_prod${i}`);
			g.node('Mul', `${layer.name}_${i}`, [acc, inputs[i] ?? ''], [out]);
			acc = out;
		}
	} else g.node(opType, layer.name, inputs, [top(g, layer)]);
}

/** Concat along an ncnn axis of a (c, h, w) blob; ONNX adds the batch axis in front. */
function concat(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const axis = paramNumber(layer, 0, 0);
	g.node(
		'Concat',
		layer.name,
		layer.bottoms.map((b) => g.value(b)),
		[top(g, layer)],
		{
			axis: axis < 0 ? axis : axis + 1
		}
	);
}

/** Input: a float tensor [batch, channels, height, width]. */
function input(g: OnnxGraphBuilder, layer: NcnnLayer): void {
	const name = only(layer.tops, layer, 'output');
	const channels = paramNumber(layer, 2, 0);
	g.input(name, ['batch', channels > 0 ? channels : 'channels', 'height', 'width']);
}

/** Every ncnn layer type the converter understands. */
export const LAYER_CONVERTERS: Record<string, LayerConverter> = {
	Input: input,
	Split: split,
	Noop: split,
	Convolution: convolution,
	ConvolutionDepthWise: convolution,
	PReLU: prelu,
	ReLU: relu,
	PixelShuffle: pixelShuffle,
	Interp: interp,
	BinaryOp: binaryOp,
	Eltwise: eltwise,
	Concat: concat
};
