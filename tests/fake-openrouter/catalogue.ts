/** How a catalogue model answers, beyond what its public fields say. */
export interface ModelBehaviour {
	/** How JSON is written when asked for shots: plain, fenced in prose, or prose around bare JSON. */
	json: 'plain' | 'fenced' | 'prose';
	/** Streams `delta.reasoning` / `reasoning_details` before the content. */
	reasoning: boolean;
	/** Returns images as a URL served by the fake instead of a data URL. */
	imageUrl: boolean;
	provider: string;
	/** Input images the provider accepts in one request, where its documentation gives a number. */
	maxInputImages?: number;
	/** `pricing.image_output` is a price per image (the schema's reading), not per image token. */
	imageOutputPerImage?: boolean;
}

/** A model as GET /models returns it. */
export interface CatalogueModel {
	id: string;
	canonical_slug: string;
	hugging_face_id: string | null;
	name: string;
	created: number;
	description: string;
	context_length: number;
	architecture: {
		modality: string;
		input_modalities: string[];
		output_modalities: string[];
		tokenizer: string;
		instruct_type: string | null;
	};
	pricing: Record<string, string>;
	top_provider: {
		context_length: number;
		max_completion_tokens: number | null;
		is_moderated: boolean;
	};
	per_request_limits: null;
	supported_parameters: string[];
	supported_voices: string[] | null;
	default_parameters: Record<string, number | null>;
	expiration_date: string | null;
	knowledge_cutoff: string | null;
	links: { details: string };
}

interface Seed {
	id: string;
	name: string;
	created: number;
	input: string[];
	output: string[];
	tokenizer: string;
	context: number;
	maxOut: number | null;
	moderated?: boolean;
	pricing: Record<string, string>;
	params: string[];
	behaviour: Partial<ModelBehaviour> & { provider: string };
	description: string;
}

const TEXT_PARAMS = [
	'max_tokens',
	'temperature',
	'top_p',
	'stop',
	'seed',
	'frequency_penalty',
	'presence_penalty'
];
const STRUCTURED = ['response_format', 'structured_outputs'];
const REASONING = ['reasoning', 'include_reasoning'];

const SEEDS: Seed[] = [
	{
		id: 'google/gemini-2.5-flash',
		name: 'Google: Gemini 2.5 Flash',
		created: 1750172488,
		input: ['file', 'image', 'text', 'audio', 'video'],
		output: ['text'],
		tokenizer: 'Gemini',
		context: 1048576,
		maxOut: 65535,
		pricing: {
			prompt: '0.0000003',
			completion: '0.0000025',
			image: '0.001238',
			input_cache_read: '0.00000003'
		},
		params: [...TEXT_PARAMS, ...STRUCTURED, ...REASONING, 'tools', 'tool_choice'],
		behaviour: { provider: 'Google AI Studio', json: 'plain' },
		description: 'Fast multimodal workhorse; honours json_schema.'
	},
	{
		id: 'openai/gpt-4o-mini',
		name: 'OpenAI: GPT-4o-mini',
		created: 1721260800,
		input: ['text', 'image', 'file'],
		output: ['text'],
		tokenizer: 'GPT',
		context: 128000,
		maxOut: 16384,
		moderated: true,
		pricing: {
			prompt: '0.00000015',
			completion: '0.0000006',
			image: '0.000217',
			input_cache_read: '0.000000075'
		},
		params: [...TEXT_PARAMS, ...STRUCTURED, 'tools', 'tool_choice', 'logprobs'],
		behaviour: { provider: 'OpenAI', json: 'plain' },
		description: 'Small vision model; honours json_schema.'
	},
	{
		id: 'anthropic/claude-sonnet-4.5',
		name: 'Anthropic: Claude Sonnet 4.5',
		created: 1759161676,
		input: ['text', 'image', 'file'],
		output: ['text'],
		tokenizer: 'Claude',
		context: 1000000,
		maxOut: 64000,
		moderated: false,
		pricing: {
			prompt: '0.000003',
			completion: '0.000015',
			image: '0.0048',
			input_cache_read: '0.0000003',
			input_cache_write: '0.00000375'
		},
		params: ['max_tokens', 'temperature', 'top_p', 'stop', 'tools', 'tool_choice', ...REASONING],
		behaviour: { provider: 'Anthropic', json: 'fenced' },
		description:
			'Vision model without structured_outputs: ignores the schema and fences its JSON in prose.'
	},
	{
		id: 'anthropic/claude-haiku-4.5',
		name: 'Anthropic: Claude Haiku 4.5',
		created: 1760547638,
		input: ['text', 'image'],
		output: ['text'],
		tokenizer: 'Claude',
		context: 200000,
		maxOut: 64000,
		pricing: { prompt: '0.000001', completion: '0.000005', image: '0' },
		params: ['max_tokens', 'temperature', 'top_p', 'stop', ...STRUCTURED],
		behaviour: { provider: 'Anthropic', json: 'plain' },
		description:
			'Structured outputs through Anthropic: its schema subset (no numeric or length bounds) is enforced.'
	},
	{
		id: 'deepseek/deepseek-r1',
		name: 'DeepSeek: R1',
		created: 1737381095,
		input: ['text'],
		output: ['text'],
		tokenizer: 'DeepSeek',
		context: 163840,
		maxOut: 163840,
		pricing: { prompt: '0.0000004', completion: '0.000002' },
		params: [...TEXT_PARAMS, ...REASONING, ...STRUCTURED],
		behaviour: { provider: 'DeepInfra', json: 'plain', reasoning: true },
		description: 'Reasoning model: streams reasoning before the content.'
	},
	{
		id: 'meta-llama/llama-3.3-70b-instruct:free',
		name: 'Meta: Llama 3.3 70B Instruct (free)',
		created: 1733506137,
		input: ['text'],
		output: ['text'],
		tokenizer: 'Llama3',
		context: 131072,
		maxOut: 2048,
		pricing: { prompt: '0', completion: '0' },
		params: ['max_tokens', 'temperature', 'top_p', 'stop', 'seed'],
		behaviour: { provider: 'Venice', json: 'prose' },
		description: 'Free variant, text only, no structured outputs: prose around bare JSON.'
	},
	{
		id: 'meta-llama/llama-3.3-70b-instruct',
		name: 'Meta: Llama 3.3 70B Instruct',
		created: 1733506137,
		input: ['text'],
		output: ['text'],
		tokenizer: 'Llama3',
		context: 131072,
		maxOut: 16384,
		pricing: { prompt: '0.00000013', completion: '0.00000039' },
		params: [...TEXT_PARAMS, 'tools', 'tool_choice', 'response_format'],
		behaviour: { provider: 'DeepInfra', json: 'fenced' },
		description: 'Paid twin of the :free variant; no structured_outputs.'
	},
	{
		id: 'google/gemini-2.5-flash-image',
		name: 'Google: Gemini 2.5 Flash Image (Nano Banana)',
		created: 1759870431,
		input: ['image', 'text'],
		output: ['image', 'text'],
		tokenizer: 'Gemini',
		context: 32768,
		maxOut: 32768,
		pricing: {
			prompt: '0.0000003',
			completion: '0.0000025',
			image: '0.001238',
			image_output: '0.00003'
		},
		params: ['max_tokens', 'temperature', 'top_p', 'seed', ...STRUCTURED],
		behaviour: { provider: 'Google AI Studio', json: 'plain' },
		description: 'Image and text output; answers with a caption plus one PNG.'
	},
	{
		id: 'google/gemini-3-pro-image-preview',
		name: 'Google: Nano Banana Pro (Gemini 3 Pro Image Preview)',
		created: 1763653797,
		input: ['image', 'text'],
		output: ['image', 'text'],
		tokenizer: 'Gemini',
		context: 65536,
		maxOut: 32768,
		pricing: {
			prompt: '0.000002',
			completion: '0.000012',
			image: '0.0011',
			image_output: '0.00012'
		},
		params: ['max_tokens', 'temperature', 'top_p', 'seed', ...STRUCTURED, ...REASONING],
		behaviour: { provider: 'Google Vertex', json: 'plain', reasoning: true, maxInputImages: 14 },
		description: 'Image and text output with reasoning; image_size 1K/2K/4K.'
	},
	{
		id: 'black-forest-labs/flux.2-pro',
		name: 'Black Forest Labs: FLUX.2 Pro',
		created: 1763999264,
		input: ['text', 'image'],
		output: ['image'],
		tokenizer: 'Other',
		context: 46864,
		maxOut: 46864,
		pricing: { prompt: '0', completion: '0', image: '0.015', image_output: '0.03' },
		params: ['seed'],
		behaviour: {
			provider: 'Black Forest Labs',
			json: 'plain',
			maxInputImages: 8,
			imageOutputPerImage: true
		},
		description: 'Image-only output: modalities must be ["image"].'
	},
	{
		id: 'sourceful/riverflow-v2-fast-preview',
		name: 'Sourceful: Riverflow V2 Fast Preview',
		created: 1765000000,
		input: ['text', 'image'],
		output: ['image'],
		tokenizer: 'Other',
		context: 8192,
		maxOut: null,
		pricing: { prompt: '0', completion: '0', image_token: '0.0000155' },
		params: ['seed'],
		behaviour: { provider: 'Sourceful', json: 'plain', imageUrl: true },
		description: 'Image-only output, answered with a URL instead of a data URL.'
	}
];

function toModel(seed: Seed): CatalogueModel {
	const slug = seed.id.replace(/:free$/, '');
	return {
		id: seed.id,
		canonical_slug: `${slug}-20250101`,
		hugging_face_id: seed.id.startsWith('meta-llama') ? 'meta-llama/Llama-3.3-70B-Instruct' : null,
		name: seed.name,
		created: seed.created,
		description: seed.description,
		context_length: seed.context,
		architecture: {
			modality: `${seed.input.join('+')}->${seed.output.join('+')}`,
			input_modalities: seed.input,
			output_modalities: seed.output,
			tokenizer: seed.tokenizer,
			instruct_type: null
		},
		pricing: seed.pricing,
		top_provider: {
			context_length: seed.context,
			max_completion_tokens: seed.maxOut,
			is_moderated: seed.moderated ?? false
		},
		per_request_limits: null,
		supported_parameters: seed.params,
		supported_voices: null,
		default_parameters: { temperature: null, top_p: null, frequency_penalty: null },
		expiration_date: null,
		knowledge_cutoff: '2025-01-31',
		links: { details: `/api/v1/models/${slug}/endpoints` }
	};
}

/** Every model the fake knows (text, vision, image output), in the real response shape. */
export const MODELS: readonly CatalogueModel[] = SEEDS.map(toModel);

const VARIANT_SUFFIXES = [':nitro', ':online', ':exacto', ':floor', ':thinking', ':extended'];

/** Finds a model by id, accepting routing suffixes such as `:nitro` on any listed model. */
export function findModel(id: string): CatalogueModel | undefined {
	const exact = MODELS.find((m) => m.id === id);
	if (exact) return exact;
	const suffix = VARIANT_SUFFIXES.find((s) => id.endsWith(s));
	return suffix ? MODELS.find((m) => m.id === id.slice(0, -suffix.length)) : undefined;
}

/** The fake-only behaviour of a listed model. */
export function behaviourOf(model: CatalogueModel): ModelBehaviour {
	const seed = SEEDS.find((s) => s.id === model.id);
	return {
		json: 'plain',
		reasoning: false,
		imageUrl: false,
		...seed?.behaviour,
		provider: seed?.behaviour.provider ?? 'Fake'
	};
}

/** Applies GET /models filters: output_modalities (default text; comma list = any of; 'all'),
 * input_modalities (all listed), supported_parameters (all listed). */
export function filterModels(query: URLSearchParams): CatalogueModel[] {
	const list = (name: string) =>
		(query.get(name) ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	const output = list('output_modalities');
	const outputs = output.length === 0 ? ['text'] : output;
	const inputs = list('input_modalities');
	const params = list('supported_parameters');
	return MODELS.filter(
		(m) =>
			(outputs.includes('all') ||
				outputs.some((o) => m.architecture.output_modalities.includes(o))) &&
			inputs.every((i) => m.architecture.input_modalities.includes(i)) &&
			params.every((p) => m.supported_parameters.includes(p))
	);
}

/** A video model as GET /videos/models returns it (the fields of OpenRouter's `VideoModel`). */
export interface VideoModel {
	id: string;
	canonical_slug: string;
	name: string;
	created: number;
	description?: string;
	hugging_face_id?: string | null;
	creativity: number[] | null;
	upscale_factor: { min?: number | null; max?: number | null } | null;
	supported_resolutions: string[];
	supported_aspect_ratios: string[];
	supported_sizes: string[];
	supported_durations: number[];
	supported_frame_images: string[];
	generate_audio: boolean;
	seed: boolean;
	pricing_skus: Record<string, string>;
	allowed_passthrough_parameters: string[];
}

type VideoSeed = Omit<VideoModel, 'canonical_slug' | 'created' | 'creativity' | 'upscale_factor'>;

/**
 * The video models the fake can "render", each priced in one of the forms the live catalogue
 * uses for `pricing_skus` (keys name the unit and the case; values are strings).
 */
export const VIDEO_MODELS: readonly VideoModel[] = (<VideoSeed[]>[
	{
		// Per second by resolution, with and without sound.
		id: 'google/veo-3.1',
		name: 'Google: Veo 3.1',
		supported_resolutions: ['720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
		supported_durations: [4, 6, 8],
		supported_frame_images: ['first_frame', 'last_frame'],
		generate_audio: true,
		seed: true,
		pricing_skus: {
			duration_seconds_with_audio_720p: '0.40',
			duration_seconds_without_audio_720p: '0.20',
			duration_seconds_with_audio_1080p: '0.40',
			duration_seconds_without_audio_1080p: '0.20'
		},
		allowed_passthrough_parameters: ['negative_prompt', 'person_generation']
	},
	{
		// Image-to-video and text-to-video priced apart, by resolution.
		id: 'alibaba/wan-2.7',
		name: 'Alibaba: Wan 2.7',
		supported_resolutions: ['480p', '720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16', '1:1'],
		supported_sizes: ['854x480', '1280x720', '1920x1080'],
		supported_durations: [5, 10],
		supported_frame_images: ['first_frame', 'last_frame'],
		generate_audio: false,
		seed: true,
		pricing_skus: {
			text_to_video_duration_seconds_480p: '0.05',
			image_to_video_duration_seconds_480p: '0.04',
			text_to_video_duration_seconds_720p: '0.10',
			image_to_video_duration_seconds_720p: '0.08',
			text_to_video_duration_seconds_1080p: '0.15',
			image_to_video_duration_seconds_1080p: '0.12'
		},
		allowed_passthrough_parameters: []
	},
	{
		// Per second by resolution, sound always made.
		id: 'openai/sora-2-pro',
		name: 'OpenAI: Sora 2 Pro',
		supported_resolutions: ['720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_sizes: ['1280x720', '720x1280', '1792x1024', '1024x1792'],
		supported_durations: [4, 8, 12],
		supported_frame_images: ['first_frame'],
		generate_audio: true,
		seed: false,
		pricing_skus: { duration_seconds_720p: '0.30', duration_seconds_1080p: '0.50' },
		allowed_passthrough_parameters: []
	},
	{
		// Cents per second of output.
		id: 'runway/gen-4.5',
		name: 'Runway: Gen-4.5',
		supported_resolutions: ['720p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_sizes: ['1280x720', '720x1280'],
		supported_durations: [2, 3, 4, 5, 6, 7, 8, 9, 10],
		supported_frame_images: ['first_frame'],
		generate_audio: false,
		seed: true,
		pricing_skus: { cents_per_second_output: '12' },
		allowed_passthrough_parameters: []
	},
	{
		// Video tokens: width × height × 24 fps × seconds / 1024 (BytePlus's rule for Seedance).
		id: 'bytedance/seedance-2.0',
		name: 'ByteDance: Seedance 2.0',
		supported_resolutions: ['480p', '720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
		supported_sizes: ['854x480', '1280x720', '720x1280', '720x720', '1920x1080', '1680x720'],
		supported_durations: [4, 5, 6, 8, 10, 12],
		supported_frame_images: ['first_frame', 'last_frame'],
		generate_audio: true,
		seed: true,
		pricing_skus: { video_tokens: '0.000007', video_tokens_without_audio: '0.0000056' },
		allowed_passthrough_parameters: []
	},
	{
		// One flat price per second.
		id: 'kwaivgi/kling-v3.0-std',
		name: 'Kling: v3.0 Standard',
		supported_resolutions: ['720p'],
		supported_aspect_ratios: ['16:9', '9:16', '1:1'],
		supported_sizes: ['1280x720', '720x1280', '720x720'],
		supported_durations: [5, 10],
		supported_frame_images: ['first_frame'],
		generate_audio: false,
		seed: false,
		pricing_skus: { duration_seconds: '0.084' },
		allowed_passthrough_parameters: []
	}
]).map((model, index) => ({
	...model,
	canonical_slug: `${model.id}-20260101`,
	created: 1767225600 + index * 86400,
	description: `${model.name}: a video model of the fake.`,
	hugging_face_id: null,
	creativity: null,
	upscale_factor: null
}));
