/** The AI endpoint settings: which service, which models, how hard to push it. */
export const label = 'AI models';

export {
	AI_OPTION_LIMITS as LIMITS,
	cleanBaseUrl,
	defaultAiOptions as defaultOptions,
	OPENROUTER_BASE_URL,
	restoreAiOptions as restoreOptions,
	type AiOptions as Options
} from '$lib/domain/settings';
