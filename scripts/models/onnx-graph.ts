import type { NcnnBlob } from './ncnn-bin';
import {
	AttributeType,
	DataType,
	type OnnxAttribute,
	type OnnxNode,
	type OnnxTensor,
	type OnnxValue
} from './onnx-proto';

/** An attribute value before it is typed: strings, integers, floats or integer lists. */
export type AttributeValue = string | number | { float: number } | number[];

function toAttribute(name: string, value: AttributeValue): OnnxAttribute {
	if (typeof value === 'string') {
		return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
	}
	if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
	if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
	if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer`);
	return { name, type: AttributeType.INT, i: value };
}

function float32Bytes(values: ArrayLike<number>): Uint8Array {
	return new Uint8Array(Float32Array.from(values).buffer);
}

/** Accumulates ONNX nodes, initializers and value names while a graph is converted. */
export class OnnxGraphBuilder {
	readonly nodes: OnnxNode[] = [];
	readonly initializers: OnnxTensor[] = [];
	readonly inputs: OnnxValue[] = [];
	#aliases = new Map<string, string>();
	#used = new Set<string>();
	#keepHalf: boolean;

	/** keepHalf stores float16 weights as float16 plus a Cast, halving the file size. */
	constructor(keepHalf: boolean) {
		this.#keepHalf = keepHalf;
	}

	/** The ONNX value name for an ncnn blob (Split and no-op layers only alias). */
	value(blob: string): string {
		return this.#aliases.get(blob) ?? blob;
	}

	/** Make an ncnn blob refer to an existing ONNX value. */
	alias(blob: string, value: string): void {
		this.#aliases.set(blob, this.value(value));
	}

	/** A fresh value name derived from `base`. */
	unique(base: string): string {
		let name = base;
		for (let i = 1; this.#used.has(name); i++) name = `${base}_${i}`;
		this.#used.add(name);
		return name;
	}

	/** Append a node; attributes are typed from their JS values. */
	node(
		opType: string,
		name: string,
		input: string[],
		output: string[],
		attributes: Record<string, AttributeValue> = {}
	): void {
		const attribute = Object.entries(attributes).map(([key, value]) => toAttribute(key, value));
		this.nodes.push({ name: this.unique(name), opType, input, output, attribute });
	}

	/** A float32 constant. */
	constant(name: string, dims: number[], values: ArrayLike<number>): string {
		const unique = this.unique(name);
		this.initializers.push({
			name: unique,
			dims,
			dataType: DataType.FLOAT,
			rawData: float32Bytes(values)
		});
		return unique;
	}

	/** An int64 constant (shapes, indices). */
	constantInt64(name: string, values: number[]): string {
		const unique = this.unique(name);
		const rawData = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
		this.initializers.push({
			name: unique,
			dims: [values.length],
			dataType: DataType.INT64,
			rawData
		});
		return unique;
	}

	/** A weight tensor from an ncnn blob, kept in float16 when it was stored that way. */
	weight(name: string, dims: number[], blob: NcnnBlob): string {
		const count = dims.reduce((a, b) => a * b, 1);
		if (blob.values.length !== count) {
			throw new Error(`${name}: ${blob.values.length} values for shape [${dims.join(', ')}]`);
		}
		if (!this.#keepHalf || !blob.half) return this.constant(name, dims, blob.values);
		const half = this.unique(`${name}_fp16`);
		const rawData = new Uint8Array(blob.half.buffer, blob.half.byteOffset, blob.half.byteLength);
		this.initializers.push({ name: half, dims, dataType: DataType.FLOAT16, rawData });
		const output = this.unique(name);
		this.node('Cast', `${name}_cast`, [half], [output], { to: DataType.FLOAT });
		return output;
	}

	/** Declare a graph input; dims may use symbolic names. */
	input(name: string, dims: (number | string)[]): void {
		this.#used.add(name);
		this.inputs.push({ name, dims });
	}

	/** Record a value name produced by a node so that `unique` never reuses it. */
	claim(name: string): void {
		this.#used.add(name);
	}

	/** Replace a symbolic channel count of a graph input once a consumer reveals it. */
	hintChannels(value: string, channels: number): void {
		const input = this.inputs.find((i) => i.name === value);
		if (input?.dims && typeof input.dims[1] === 'string') input.dims[1] = channels;
	}
}
