/** What a response said it cost (OpenRouter's `usage.cost`, in USD); 0 when it did not say. */
export function usageCost(usage: unknown): number {
	if (typeof usage !== 'object' || usage === null) return 0;
	const cost = (usage as { cost?: unknown }).cost;
	const n = typeof cost === 'string' ? Number(cost) : cost;
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

export { formatCost } from '$lib/util/money';

/** A per-token or per-image price string from the catalogue ("0.0000003") as USD per million tokens. */
export function perMillion(price: string | number | undefined): number | undefined {
	const n = typeof price === 'string' ? Number(price) : price;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n * 1_000_000 : undefined;
}

/** Image tokens OpenRouter bills per generated image at the default size (1K). */
export const IMAGE_TOKENS_PER_IMAGE = 1290;

/** Model prices as `ModelInfo.pricing` holds them (USD, from the catalogue's strings). */
export interface ImagePricing {
	prompt?: number;
	completion?: number;
	/** `pricing.image`: per input image. */
	image?: number;
	/** `pricing.image_output`: per output image by OpenRouter's schema (see `perOutputImage`). */
	imageOutput?: number;
	/** `pricing.image_token`: per image token. */
	imageToken?: number;
}

/**
 * USD per generated image. `image_token` is per token (× 1290 tokens at 1K). OpenRouter's
 * schema calls `image_output` a price per output image, yet the catalogue lists per-token
 * amounts there for Gemini (0.00003 × 1290 = $0.039, Google's published price per image):
 * an amount under a tenth of a cent cannot be a whole image, so it is read per token.
 */
export function perOutputImage(pricing: ImagePricing): number | undefined {
	if (pricing.imageToken !== undefined && pricing.imageToken > 0) {
		return pricing.imageToken * IMAGE_TOKENS_PER_IMAGE;
	}
	const output = pricing.imageOutput;
	if (output !== undefined && output > 0) {
		return output >= 0.001 ? output : output * IMAGE_TOKENS_PER_IMAGE;
	}
	return undefined;
}

/**
 * What one render should cost from the model's listed prices: the output image, the prompt
 * with its reference pictures (about 258 tokens each) and a short caption. Undefined when the
 * catalogue lists no price for the image.
 */
export function estimateImageCostUsd(pricing: ImagePricing, inputImages = 1): number | undefined {
	const listedOutput = perOutputImage(pricing);
	const perImage =
		listedOutput ?? (pricing.image !== undefined && pricing.image > 0 ? pricing.image : undefined);
	if (perImage === undefined) return undefined;
	const promptTokens = 300 + 258 * inputImages;
	return (
		perImage +
		promptTokens * (pricing.prompt ?? 0) +
		inputImages * (listedOutput !== undefined ? (pricing.image ?? 0) : 0) +
		100 * (pricing.completion ?? 0)
	);
}
