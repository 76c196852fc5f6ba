/**
 * Input images an image model takes in one request, where its maker documents a number. The
 * catalogue does not list it; a model not named here is sent what the render needs (two at most).
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

/** The pictures a render sends with its prompt, in the order they matter. */
export interface RenderReferences {
	styleReferenceUrl?: string;
	continuityUrl?: string;
}

/**
 * Keep a render's reference pictures within the model's limit: the previous shot's picture goes
 * first (continuity is a nicety), then the style reference. Each dropped picture is a note.
 */
export function fitReferences(
	modelId: string,
	references: RenderReferences
): { references: RenderReferences; notes: string[] } {
	const limit = maxInputImages(modelId);
	const kept = { ...references };
	const notes: string[] = [];
	const count = () => [kept.styleReferenceUrl, kept.continuityUrl].filter(Boolean).length;
	if (limit === undefined || count() <= limit) return { references: kept, notes };
	if (kept.continuityUrl) {
		delete kept.continuityUrl;
		notes.push(
			`${modelId} takes ${limit === 1 ? 'one input picture' : `${limit} input pictures`}: the previous shot’s picture was not sent.`
		);
	}
	if (count() > limit && kept.styleReferenceUrl) {
		delete kept.styleReferenceUrl;
		notes.push(`${modelId} takes no input pictures: the style reference was not sent.`);
	}
	return { references: kept, notes };
}
