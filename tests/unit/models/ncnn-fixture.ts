import * as ort from 'onnxruntime-web';
import { TAG_FP16 } from '../../../scripts/models/ncnn-bin';
import { ncnnToOnnx, type ConvertOptions } from '../../../scripts/models/convert';

/** Half-precision bits of a value that float16 represents exactly (test weights only). */
export function exactHalf(value: number): number {
	if (value === 0) return Object.is(value, -0) ? 0x8000 : 0;
	const sign = value < 0 ? 0x8000 : 0;
	const magnitude = Math.abs(value);
	const exponent = Math.floor(Math.log2(magnitude));
	const mantissa = (magnitude / 2 ** exponent - 1) * 1024;
	if (!Number.isInteger(mantissa) || exponent < -14 || exponent > 15) {
		throw new Error(`${value} is not exactly representable in float16`);
	}
	return sign | ((exponent + 15) << 10) | mantissa;
}

/** Builds an ncnn .bin the way ncnn's converters write it. */
export class BinWriter {
	#parts: Uint8Array[] = [];

	/** Tagged float16 blob (ncnn load type 0, tag 0x01306B47), padded to 4 bytes. */
	half(values: number[]): this {
		const bytes = new Uint8Array(4 + Math.ceil((values.length * 2) / 4) * 4);
		const view = new DataView(bytes.buffer);
		view.setUint32(0, TAG_FP16, true);
		values.forEach((v, i) => view.setUint16(4 + i * 2, exactHalf(v), true));
		this.#parts.push(bytes);
		return this;
	}

	/** Tagged float32 blob (ncnn load type 0, tag word 0). */
	float(values: number[]): this {
		this.#parts.push(new Uint8Array(4), new Uint8Array(Float32Array.from(values).buffer));
		return this;
	}

	/** Untagged float32 blob (ncnn load type 1: biases, slopes). */
	raw(values: number[]): this {
		this.#parts.push(new Uint8Array(Float32Array.from(values).buffer));
		return this;
	}

	bytes(): Uint8Array {
		const out = new Uint8Array(this.#parts.reduce((n, p) => n + p.length, 0));
		let offset = 0;
		for (const part of this.#parts) {
			out.set(part, offset);
			offset += part.length;
		}
		return out;
	}
}

/** A .param text from layer lines; the header counts are computed. */
export function paramText(lines: string[]): string {
	const blobs = new Set(
		lines.flatMap((line) => {
			const t = line.trim().split(/\s+/);
			const n = Number(t[2]) + Number(t[3]);
			return t.slice(4, 4 + n);
		})
	);
	return ['7767517', `${lines.length} ${blobs.size}`, ...lines].join('\n');
}

/** A float32 input: channels x height x width values in row-major order. */
export interface Planes {
	c: number;
	h: number;
	w: number;
	data: number[];
}

/** Convert an ncnn graph, run it in onnxruntime-web (in Node) and return the named outputs. */
export async function runNcnn(
	lines: string[],
	bin: Uint8Array,
	inputs: Record<string, Planes>,
	options: ConvertOptions = {}
): Promise<Record<string, { dims: number[]; data: number[] }>> {
	const model = ncnnToOnnx(paramText(lines), bin, options);
	const session = await ort.InferenceSession.create(model);
	try {
		const feeds: Record<string, ort.Tensor> = {};
		for (const [name, p] of Object.entries(inputs)) {
			feeds[name] = new ort.Tensor('float32', Float32Array.from(p.data), [1, p.c, p.h, p.w]);
		}
		const result = await session.run(feeds);
		return Object.fromEntries(
			Object.entries(result).map(([name, t]) => [
				name,
				{ dims: (t.dims as number[]).slice(), data: Array.from(t.data as Float32Array) }
			])
		);
	} finally {
		await session.release();
	}
}

/** Run a graph with one input "data" and return the single output's values and dims. */
export async function runOne(
	lines: string[],
	bin: Uint8Array,
	input: Planes,
	options: ConvertOptions = {}
): Promise<{ dims: number[]; data: number[] }> {
	const outputs = Object.values(await runNcnn(lines, bin, { data: input }, options));
	if (outputs.length !== 1 || !outputs[0])
		throw new Error(`expected one output, got ${outputs.length}`);
	return outputs[0];
}
