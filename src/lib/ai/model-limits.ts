/**
 * Input images an image model takes in one request, where its maker documents a number. The
 * catalogue does not list it; a model not named here is sent at most UNKNOWN_MODEL_PICTURES
 * (`render/references.ts`).
 */
const INPUT_IMAGE_LIMITS: readonly { prefix: string; maxInputImages: number }[] = [
	// Recraft's image-to-image takes one source image.
	{ prefix: 'recraft/', maxInputImages: 1 },
	// Black Forest Labs: FLUX.2 [pro] up to 8 reference images through the API, [flex] up to 10.
	{ prefix: 'black-forest-labs/flux.2-pro', maxInputImages: 8 },
	{ prefix: 'black-forest-labs/flux.2-flex', maxInputImages: 10 },
	// Google: Gemini 2.5 Flash Image works best with up to 3 input images; Gemini 3 Pro Image takes up to 14.
	{ prefix: 'google/gemini-2.5-flash-image', maxInputImages: 3 },
	{ prefix: 'google/gemini-3-pro-image', maxInputImages: 14 },
	// OpenAI's image edits take up to 16 images.
	{ prefix: 'openai/gpt-5-image', maxInputImages: 16 }
];

/** The documented input-image limit of a model, or undefined when none is known. */
export function maxInputImages(modelId: string): number | undefined {
	return INPUT_IMAGE_LIMITS.find((limit) => modelId.startsWith(limit.prefix))?.maxInputImages;
}
