/** True for the errors browsers raise when storage is full, however they are wrapped. */
export function isQuotaError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const named = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
	if (named.name === 'QuotaExceededError' || named.code === 22) return true;
	return isQuotaError(named.cause) || isQuotaError(named.inner);
}
