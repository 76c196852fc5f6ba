/** The longest provider reason shown; the whole text stays in the activity log's raw output. */
export const MAX_REASON_CHARS = 240;

/** Who refused a request and why, in the provider's own words. */
export interface ProviderReason {
	/** The provider OpenRouter routed to ("OpenAI", "Google AI Studio"), when it says. */
	provider?: string;
	/** The provider's own message, shortened. */
	reason?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message inside a provider's body: OpenAI's and Google's `error.message`, or a bare `message`/`detail`. */
function messageIn(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (!isRecord(value)) return undefined;
	const error = value.error;
	if (typeof error === 'string') return error;
	if (isRecord(error) && typeof error.message === 'string') return error.message;
	for (const key of ['message', 'detail']) {
		if (typeof value[key] === 'string') return value[key];
	}
	return undefined;
}

/** A reason cut to `max` characters at a word, on one line. */
export function shorten(text: string, max = MAX_REASON_CHARS): string {
	const line = text.replace(/\s+/g, ' ').trim();
	if (line.length <= max) return line;
	const cut = line.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * What OpenRouter passed on from the provider: `error.metadata.raw` (the provider's body, as
 * a JSON string or an object) and `error.metadata.provider_name`. Empty when it passed nothing.
 */
export function providerReason(error: unknown): ProviderReason {
	if (!isRecord(error) || !isRecord(error.metadata)) return {};
	const { raw, provider_name: name } = error.metadata;
	const found: ProviderReason = {};
	if (typeof name === 'string' && name.trim()) found.provider = name.trim();
	let body: unknown = raw;
	if (typeof raw === 'string') {
		try {
			body = JSON.parse(raw);
		} catch {
			body = raw;
		}
	}
	const message = messageIn(body);
	if (message?.trim()) found.reason = shorten(message);
	return found;
}
