/**
 * What a clip costs, read from a video model's `pricing_skus` (GET /videos/models). The
 * catalogue names each price by its unit and the cases it covers, e.g. `duration_seconds_720p`,
 * `duration_seconds_without_audio_720p`, `image_to_video_duration_seconds_720p`,
 * `cents_per_second_output` or `video_tokens`; the values are strings. A key Maestro does not
 * know never reads as free: such a model is "unpriced" and the person is told so.
 */

import type { ClipPrice } from './meta';

/** What the clip asks for, as far as the price depends on it. */
export interface ClipPriceQuery {
	durationS: number;
	resolution?: string;
	aspectRatio?: string;
	/** Sound is asked for (or the model always makes it). */
	audio: boolean;
	/** A first frame is sent: image-to-video. */
	imageToVideo: boolean;
	/** Reference images sent besides the frames. */
	referenceImages?: number;
}

/** Frames per second the token rule counts (BytePlus's Seedance pricing: w × h × fps × s / 1024). */
export const VIDEO_TOKEN_FPS = 24;

type Unit = 'usd-per-second' | 'cents-per-second' | 'usd-per-token';

interface Sku {
	key: string;
	unit: Unit;
	value: number;
	mode?: 'image' | 'text';
	audio?: boolean;
	videoInput?: boolean;
	resolution?: string;
}

const RESOLUTION = /_(\d{3,4}p|\dk)$/i;

function amount(raw: unknown): number | undefined {
	const n = typeof raw === 'string' ? Number(raw) : raw;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** One key read by the catalogue's grammar; undefined for keys that are not a per-output price. */
export function readSku(key: string, raw: unknown): Sku | undefined {
	const value = amount(raw);
	if (value === undefined) return undefined;
	let rest = key.toLowerCase().replace(/-/g, '_');
	const sku: Partial<Sku> = { key, value };
	const res = RESOLUTION.exec(rest);
	if (res?.[1]) {
		sku.resolution = res[1].toLowerCase();
		rest = rest.slice(0, -res[0].length);
	}
	if (rest.startsWith('image_to_video_')) {
		sku.mode = 'image';
		rest = rest.slice('image_to_video_'.length);
	} else if (rest.startsWith('text_to_video_')) {
		sku.mode = 'text';
		rest = rest.slice('text_to_video_'.length);
	}
	const audio = /_(with|without)_audio$/.exec(rest);
	if (audio) {
		sku.audio = audio[1] === 'with';
		rest = rest.slice(0, -audio[0].length);
	}
	if (rest.endsWith('_with_video_input')) {
		sku.videoInput = true;
		rest = rest.slice(0, -'_with_video_input'.length);
	}
	if (rest === 'duration_seconds' || rest === 'per_video_second') sku.unit = 'usd-per-second';
	else if (rest === 'cents_per_second_output' || rest === 'cents_per_video_output_second')
		sku.unit = 'cents-per-second';
	else if (rest === 'video_tokens') sku.unit = 'usd-per-token';
	else return undefined;
	return sku as Sku;
}

/** Width and height of a clip at "720p" (the short side) in an aspect ratio; undefined when unknown. */
export function clipSize(
	resolution: string | undefined,
	aspectRatio = '16:9'
): { width: number; height: number } | undefined {
	const lines = /^(\d{3,4})p$/i.exec(resolution ?? '')?.[1];
	const k = /^(\d)k$/i.exec(resolution ?? '')?.[1];
	const short = lines ? Number(lines) : k ? { 1: 1080, 2: 1440, 4: 2160 }[Number(k)] : undefined;
	const [a, b] = aspectRatio.split(':').map(Number);
	if (!short || !a || !b) return undefined;
	const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
	return a >= b ? { width: long, height: short } : { width: short, height: long };
}

/** Video tokens of a clip by the documented rule: width × height × fps × seconds / 1024. */
export function videoTokens(size: { width: number; height: number }, durationS: number): number {
	return Math.ceil((size.width * size.height * VIDEO_TOKEN_FPS * durationS) / 1024);
}

/** How well a key fits the clip: higher is more specific; -1 when it does not apply. */
function fit(sku: Sku, query: ClipPriceQuery): number {
	const resolution = query.resolution?.toLowerCase();
	if (sku.videoInput) return -1; // Maestro never sends a video as input.
	if (sku.resolution && sku.resolution !== resolution) return -1;
	if (sku.mode && sku.mode !== (query.imageToVideo ? 'image' : 'text')) return -1;
	if (sku.audio !== undefined && sku.audio !== query.audio) return -1;
	return (sku.resolution ? 4 : 0) + (sku.mode ? 2 : 0) + (sku.audio !== undefined ? 1 : 0);
}

const money = (usd: number) =>
	`$${usd >= 0.1 ? usd.toFixed(2) : usd >= 0.01 ? usd.toFixed(3) : usd.toPrecision(2)}`;

/** The price of one clip from the model's `pricing_skus`; unpriced, with the reason, when none applies. */
export function priceClip(
	skus: Readonly<Record<string, string>>,
	query: ClipPriceQuery
): ClipPrice {
	const keys = Object.keys(skus);
	if (keys.length === 0) return { priced: false, reason: 'the catalogue lists no price for it' };
	const read = keys
		.map((key) => readSku(key, skus[key]))
		.filter((sku): sku is Sku => sku !== undefined);
	const fitting = (wanted: ClipPriceQuery) =>
		read
			.map((sku) => ({ sku, score: fit(sku, wanted) }))
			.filter(({ score }) => score >= 0)
			.sort((a, b) => b.score - a.score || a.sku.key.localeCompare(b.sku.key));
	let candidates = fitting(query);
	// A model priced only with sound (or only without) bills that price whatever was asked.
	if (candidates.length === 0) candidates = fitting({ ...query, audio: !query.audio });
	const perSecond = candidates.find(({ sku }) => sku.unit !== 'usd-per-token')?.sku;
	const perToken = candidates.find(({ sku }) => sku.unit === 'usd-per-token')?.sku;
	const where = query.resolution ? ` at ${query.resolution}` : '';
	let usd: number;
	let rule: string;
	if (perSecond) {
		const rate = perSecond.unit === 'cents-per-second' ? perSecond.value / 100 : perSecond.value;
		usd = rate * query.durationS;
		rule = `${money(rate)} per second${where} (${perSecond.key})`;
	} else if (perToken) {
		const size = clipSize(query.resolution, query.aspectRatio);
		if (!size) {
			return {
				priced: false,
				reason: `it is priced per video token and the size of a ${query.resolution ?? 'default'} clip is not known`
			};
		}
		const tokens = videoTokens(size, query.durationS);
		usd = tokens * perToken.value;
		rule = `${tokens.toLocaleString('en-US')} video tokens (${size.width}×${size.height}, ${VIDEO_TOKEN_FPS} fps) at ${money(perToken.value * 1e6)} per million (${perToken.key})`;
	} else {
		return {
			priced: false,
			reason: `its prices (${keys.join(', ')}) do not cover this clip${where}`
		};
	}
	const references = query.referenceImages ?? 0;
	const perReference = amount(skus.reference_images);
	const centsPerInput = amount(skus.cents_per_image_input);
	if (references > 0 && perReference !== undefined) usd += references * perReference;
	const inputs = references + (query.imageToVideo ? 1 : 0);
	if (inputs > 0 && centsPerInput !== undefined) usd += (inputs * centsPerInput) / 100;
	const minimum = amount(skus.minimum_cents_per_generation);
	if (minimum !== undefined) usd = Math.max(usd, minimum / 100);
	return { priced: true, usd: Math.round(usd * 1e6) / 1e6, rule };
}

/** "from $0.10 per second": the cheapest per-second reading of a model's prices, for the model list. */
export function describeVideoPricing(skus: Readonly<Record<string, string>>): string {
	const read = Object.entries(skus)
		.map(([key, raw]) => readSku(key, raw))
		.filter((sku): sku is Sku => sku !== undefined && !sku.videoInput);
	const seconds = read
		.filter((sku) => sku.unit !== 'usd-per-token')
		.map((sku) => (sku.unit === 'cents-per-second' ? sku.value / 100 : sku.value));
	if (seconds.length) return `from ${money(Math.min(...seconds))} per second`;
	const tokens = read.filter((sku) => sku.unit === 'usd-per-token').map((sku) => sku.value);
	if (tokens.length) return `${money(Math.min(...tokens) * 1e6)} per million video tokens`;
	return Object.keys(skus).length ? 'price in units Maestro cannot read' : 'price not listed';
}
