import type { KeyProfile } from './types';

/** Profiles picked by key prefix, so an e2e test can choose one just by typing a key. */
export const KEY_PREFIX_PROFILES: readonly [string, Partial<KeyProfile>][] = [
	['sk-or-v1-bad', { invalid: true }],
	['sk-or-v1-invalid', { invalid: true }],
	['sk-or-v1-revoked', { invalid: true }],
	['sk-or-v1-free', { isFreeTier: true, usage: 0 }],
	['sk-or-v1-capped', { limit: 10, limitRemaining: 7.5, limitReset: 'monthly', usage: 2.5 }],
	['sk-or-v1-low', { limit: 1, limitRemaining: 0.001, limitReset: 'monthly', usage: 0.999 }],
	['sk-or-v1-broke', { limit: 1, limitRemaining: 0, limitReset: null, usage: 1 }]
];

const DEFAULT_PROFILE: KeyProfile = {
	limit: null,
	limitRemaining: null,
	limitReset: null,
	usage: 12.3456,
	isFreeTier: false
};

/** The bearer token of an Authorization header, or null. */
export function bearerOf(header: string | undefined): string | null {
	const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
	return match?.[1]?.trim() || null;
}

/** The profile of a key (explicit, by prefix, or default), or null when the key is not accepted. */
export function resolveKeyProfile(
	key: string,
	explicit: ReadonlyMap<string, KeyProfile>,
	acceptAnyKey: boolean
): KeyProfile | null {
	const own = explicit.get(key);
	if (own) return own.invalid ? null : own;
	if (!key.startsWith('sk-or-v1-') && !acceptAnyKey) return null;
	const preset = KEY_PREFIX_PROFILES.find(([prefix]) => key.startsWith(prefix))?.[1] ?? {};
	if (preset.invalid) return null;
	return { ...DEFAULT_PROFILE, label: maskKey(key), ...preset };
}

/** A key masked the way /key labels it: `sk-or-v1-abc...xyz`. */
export function maskKey(key: string): string {
	return key.length <= 15 ? key : `${key.slice(0, 12)}...${key.slice(-3)}`;
}

/** The GET /key `data` object for a profile. */
export function keyData(profile: KeyProfile) {
	const usage = round(profile.usage);
	return {
		label: profile.label ?? 'sk-or-v1-fak...key',
		limit: profile.limit,
		limit_remaining: profile.limitRemaining === null ? null : round(profile.limitRemaining),
		limit_reset: profile.limitReset,
		include_byok_in_limit: false,
		usage,
		usage_daily: round(usage * 0.1),
		usage_weekly: round(usage * 0.4),
		usage_monthly: round(usage * 0.8),
		byok_usage: 0,
		byok_usage_daily: 0,
		byok_usage_weekly: 0,
		byok_usage_monthly: 0,
		is_free_tier: profile.isFreeTier,
		is_management_key: false,
		is_provisioning_key: false,
		creator_user_id: 'user_2fakeOpenRouterUser',
		expires_at: null,
		rate_limit: {
			requests: -1,
			interval: '10s',
			note: 'This field is deprecated and safe to ignore.'
		}
	};
}

function round(n: number): number {
	return Math.round(n * 1e8) / 1e8;
}
