import type { AiContext } from './client';
import { perOutputImage, type ImagePricing } from './costs';

/** One model from the endpoint's catalogue, reduced to what Maestro shows and decides on. */
export interface ModelInfo {
	id: string;
	name: string;
	inputModalities: string[];
	outputModalities: string[];
	structuredOutputs: boolean;
	contextLength?: number;
	/** USD per token / per image, as the catalogue lists them. */
	pricing: ImagePricing;
}

export type ModelPurpose = 'context' | 'director' | 'image';

const QUERIES: Record<ModelPurpose, Record<string, string>> = {
	context: { input_modalities: 'image', output_modalities: 'text' },
	director: { output_modalities: 'text' },
	image: { output_modalities: 'image' }
};

function price(value: unknown): number | undefined {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Read one catalogue entry; null when it has no id. */
export function restoreModelInfo(raw: unknown): ModelInfo | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const entry = raw as Record<string, unknown>;
	if (typeof entry.id !== 'string' || !entry.id) return null;
	const architecture = (entry.architecture ?? {}) as Record<string, unknown>;
	const pricing = (entry.pricing ?? {}) as Record<string, unknown>;
	const parameters = strings(entry.supported_parameters);
	const info: ModelInfo = {
		id: entry.id,
		name: typeof entry.name === 'string' && entry.name ? entry.name : entry.id,
		inputModalities: strings(architecture.input_modalities),
		outputModalities: strings(architecture.output_modalities),
		structuredOutputs: parameters.includes('structured_outputs'),
		pricing: {
			prompt: price(pricing.prompt),
			completion: price(pricing.completion),
			image: price(pricing.image),
			imageOutput: price(pricing.image_output),
			imageToken: price(pricing.image_token)
		}
	};
	if (typeof entry.context_length === 'number') info.contextLength = entry.context_length;
	return info;
}

/** A ModelInfo saved earlier (our own shape, not the catalogue's); null when unusable. */
export function restoreSavedModelInfo(raw: unknown): ModelInfo | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const saved = raw as Record<string, unknown>;
	if (typeof saved.id !== 'string' || !saved.id) return null;
	const pricing = (saved.pricing ?? {}) as Record<string, unknown>;
	const info: ModelInfo = {
		id: saved.id,
		name: typeof saved.name === 'string' && saved.name ? saved.name : saved.id,
		inputModalities: strings(saved.inputModalities),
		outputModalities: strings(saved.outputModalities),
		structuredOutputs: saved.structuredOutputs === true,
		pricing: {
			prompt: price(pricing.prompt),
			completion: price(pricing.completion),
			image: price(pricing.image),
			imageOutput: price(pricing.imageOutput),
			imageToken: price(pricing.imageToken)
		}
	};
	if (typeof saved.contextLength === 'number') info.contextLength = saved.contextLength;
	return info;
}

/** The models that can do a job: vision-in for context, text-out for the director, image-out for renders. */
export async function listModels(
	signal: AbortSignal,
	ai: AiContext,
	purpose: ModelPurpose
): Promise<ModelInfo[]> {
	// The catalogue is public: no key goes with it, so a refused key never hides the models.
	const response = await ai.client.get<{ data?: unknown[] }>('/models', {
		query: QUERIES[purpose],
		signal,
		headers: { Authorization: null }
	});
	const models = (response.data ?? [])
		.map(restoreModelInfo)
		.filter((model): model is ModelInfo => model !== null)
		// An OpenAI-compatible server may ignore the filters: apply them here too when it lists modalities.
		.filter((model) => {
			if (purpose === 'image')
				return model.outputModalities.length === 0 || model.outputModalities.includes('image');
			if (purpose === 'context')
				return model.inputModalities.length === 0 || model.inputModalities.includes('image');
			return model.outputModalities.length === 0 || model.outputModalities.includes('text');
		});
	return models.sort((a, b) => a.name.localeCompare(b.name));
}

/** "$0.30 / $2.50 per M tokens" or "$0.039 per image": the price line shown next to a model. */
export function describePrice(model: ModelInfo): string {
	const { prompt, completion } = model.pricing;
	const perImage = perOutputImage(model.pricing);
	if (prompt === 0 && completion === 0 && perImage === undefined) return 'free';
	const parts: string[] = [];
	if (prompt !== undefined && completion !== undefined && (prompt > 0 || completion > 0)) {
		parts.push(`$${trim(prompt * 1e6)} in / $${trim(completion * 1e6)} out per M tokens`);
	}
	if (perImage) parts.push(`$${trim(perImage)} per image`);
	return parts.join(' · ') || 'price not listed';
}

function trim(n: number): string {
	return n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(2);
}
