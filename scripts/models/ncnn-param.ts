/** A parameter value of an ncnn layer: a number or an array of numbers. */
export type NcnnParamValue = number | number[];

/** One layer line of an ncnn .param file. */
export interface NcnnLayer {
	type: string;
	name: string;
	bottoms: string[];
	tops: string[];
	params: Map<number, NcnnParamValue>;
}

/** A parsed ncnn .param file. */
export interface NcnnGraph {
	layers: NcnnLayer[];
	blobCount: number;
}

/** The first line of every text .param file. */
const MAGIC = 7767517;
/** ncnn writes array parameter k as key -23300 - k. */
const ARRAY_KEY_BASE = -23300;

function parseNumber(text: string, where: string): number {
	const value = Number(text);
	if (text === '' || !Number.isFinite(value)) throw new Error(`${where}: bad number "${text}"`);
	return value;
}

function parseParam(token: string, where: string): [number, NcnnParamValue] {
	const eq = token.indexOf('=');
	if (eq <= 0) throw new Error(`${where}: bad parameter "${token}"`);
	const key = parseNumber(token.slice(0, eq), where);
	const value = token.slice(eq + 1);
	if (key <= ARRAY_KEY_BASE) {
		const [count, ...items] = value.split(',');
		const numbers = items.map((item) => parseNumber(item, where));
		if (numbers.length !== parseNumber(count ?? '', where)) {
			throw new Error(`${where}: array parameter ${key} announces ${count} items`);
		}
		return [ARRAY_KEY_BASE - key, numbers];
	}
	return [key, parseNumber(value, where)];
}

/** Parse the text of an ncnn .param file (the format written by ncnn's converters). */
export function parseNcnnParam(text: string): NcnnGraph {
	const lines = text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	if (Number(lines[0]) !== MAGIC) throw new Error('not an ncnn .param file (bad magic)');
	const [layerCount, blobCount] = (lines[1] ?? '').split(/\s+/).map(Number);
	if (!layerCount || !blobCount) throw new Error('ncnn .param: missing layer and blob counts');
	const layers: NcnnLayer[] = [];
	for (const line of lines.slice(2)) {
		const tokens = line.split(/\s+/);
		const [type, name, bottomText, topText] = tokens;
		const where = `layer ${name ?? '?'}`;
		if (!type || !name || bottomText === undefined || topText === undefined) {
			throw new Error(`${where}: truncated line`);
		}
		const bottomCount = parseNumber(bottomText, where);
		const topCount = parseNumber(topText, where);
		const bottoms = tokens.slice(4, 4 + bottomCount);
		const tops = tokens.slice(4 + bottomCount, 4 + bottomCount + topCount);
		if (bottoms.length + tops.length !== bottomCount + topCount) {
			throw new Error(`${where}: fewer blob names than announced`);
		}
		const params = new Map(
			tokens.slice(4 + bottomCount + topCount).map((token) => parseParam(token, where))
		);
		layers.push({ type, name, bottoms, tops, params });
	}
	if (layers.length !== layerCount) {
		throw new Error(`ncnn .param: ${layers.length} layers, header says ${layerCount}`);
	}
	return { layers, blobCount };
}

/** Read a scalar parameter, with ncnn's default when absent. */
export function paramNumber(layer: NcnnLayer, key: number, fallback: number): number {
	const value = layer.params.get(key);
	if (value === undefined) return fallback;
	if (typeof value !== 'number')
		throw new Error(`layer ${layer.name}: parameter ${key} is an array`);
	return value;
}

/** Read an array parameter, empty when absent. */
export function paramArray(layer: NcnnLayer, key: number): number[] {
	const value = layer.params.get(key);
	if (value === undefined) return [];
	return typeof value === 'number' ? [value] : value;
}
