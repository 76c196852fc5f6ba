/** Tag word before a float16 blob in an ncnn .bin file. */
export const TAG_FP16 = 0x01306b47;
/** Tag word before an int8 blob (not supported: our models are float). */
export const TAG_INT8 = 0x000d4b38;
/** Tag word before a float32 blob "with extra scaling" (read as plain float32). */
export const TAG_FP32_SCALED = 0x0002c056;

/** A weight blob: float32 values, plus the original float16 bits when stored as half. */
export interface NcnnBlob {
	values: Float32Array;
	half?: Uint16Array;
}

/** Convert IEEE 754 half-precision bits to a number. */
export function halfToFloat(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1;
	const exponent = (bits >> 10) & 0x1f;
	const mantissa = bits & 0x3ff;
	if (exponent === 0) return sign * mantissa * 2 ** -24;
	if (exponent === 31) return mantissa ? NaN : sign * Infinity;
	return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Sequential reader of an ncnn .bin file, mirroring ncnn's ModelBinFromDataReader. */
export class NcnnWeightReader {
	#view: DataView;
	#offset = 0;

	constructor(bytes: Uint8Array) {
		this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	/** Bytes not read yet (a converter should end at zero). */
	get remaining(): number {
		return this.#view.byteLength - this.#offset;
	}

	#need(bytes: number, what: string): void {
		if (this.#offset + bytes > this.#view.byteLength) {
			throw new Error(`ncnn .bin ends early reading ${what} at byte ${this.#offset}`);
		}
	}

	#float32(count: number, what: string): Float32Array {
		this.#need(count * 4, what);
		const values = new Float32Array(count);
		for (let i = 0; i < count; i++) values[i] = this.#view.getFloat32(this.#offset + i * 4, true);
		this.#offset += count * 4;
		return values;
	}

	/** A blob loaded with ncnn type 1: raw float32, no tag (biases, PReLU slopes). */
	raw(count: number, what = 'raw blob'): NcnnBlob {
		return { values: this.#float32(count, what) };
	}

	/** A blob loaded with ncnn type 0: a tag word, then float16, float32 or quantised data. */
	tagged(count: number, what = 'tagged blob'): NcnnBlob {
		this.#need(4, what);
		const tag = this.#view.getUint32(this.#offset, true);
		const tagBytes = [0, 1, 2, 3].map((i) => this.#view.getUint8(this.#offset + i));
		this.#offset += 4;
		if (tag === TAG_FP16) {
			this.#need(count * 2, what);
			const half = new Uint16Array(count);
			const values = new Float32Array(count);
			for (let i = 0; i < count; i++) {
				half[i] = this.#view.getUint16(this.#offset + i * 2, true);
				values[i] = halfToFloat(half[i] ?? 0);
			}
			this.#offset += Math.ceil((count * 2) / 4) * 4;
			return { values, half };
		}
		if (tag === TAG_INT8) throw new Error(`${what}: int8 weights are not supported`);
		if (tag === TAG_FP32_SCALED) return { values: this.#float32(count, what) };
		if (tagBytes.some((b) => b !== 0)) {
			const table = this.#float32(256, what);
			this.#need(count, what);
			const values = new Float32Array(count);
			for (let i = 0; i < count; i++) {
				values[i] = table[this.#view.getUint8(this.#offset + i)] ?? 0;
			}
			this.#offset += Math.ceil(count / 4) * 4;
			return { values };
		}
		return { values: this.#float32(count, what) };
	}
}
