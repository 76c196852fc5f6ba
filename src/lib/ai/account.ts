import type { AiContext } from './client';

/** What the endpoint says about the key: shown by "Test connection". */
export interface KeyInfo {
	label: string;
	usageUsd: number;
	limitUsd: number | null;
	limitRemainingUsd: number | null;
	isFreeTier: boolean;
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Ask the endpoint about the key (OpenRouter's GET /key); throws the SDK's error when refused. */
export async function readKeyInfo(signal: AbortSignal, ai: AiContext): Promise<KeyInfo> {
	const response = await ai.client.get<{ data?: Record<string, unknown> }>('/key', { signal });
	const data = response.data ?? {};
	return {
		label: typeof data.label === 'string' ? data.label : 'unnamed key',
		usageUsd: num(data.usage) ?? 0,
		limitUsd: num(data.limit),
		limitRemainingUsd: num(data.limit_remaining),
		isFreeTier: data.is_free_tier === true
	};
}
