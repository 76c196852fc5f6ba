import OpenAI from 'openai';
import type { Options } from './meta';

/** Everything a call needs: the SDK pointed at the configured endpoint, and the options. */
export interface AiContext {
	client: OpenAI;
	options: Options;
}

/**
 * The SDK for the person's endpoint and key. Only the attribution headers OpenRouter documents
 * are added; the key goes to this base URL and nowhere else. Without a key (the public
 * catalogue) no Authorization header is sent at all: the SDK wants some key, and a null
 * header is its documented way to leave one out.
 */
export function createAiClient(options: Options, apiKey: string): AiContext {
	return { client: createOpenAiSdk(options, apiKey), options };
}

/** The SDK alone, for calls that need only the endpoint (the video routes). */
export function createOpenAiSdk(
	options: Pick<Options, 'baseUrl' | 'timeoutS'>,
	apiKey: string
): OpenAI {
	const origin = typeof location === 'undefined' ? 'https://maestro.local' : location.origin;
	const key = apiKey.trim();
	return new OpenAI({
		baseURL: options.baseUrl,
		apiKey: key || 'none',
		dangerouslyAllowBrowser: true,
		maxRetries: 2,
		timeout: options.timeoutS * 1000,
		defaultHeaders: {
			'HTTP-Referer': origin,
			'X-Title': 'Maestro',
			...(key ? {} : { Authorization: null })
		}
	});
}
