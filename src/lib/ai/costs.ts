/** What a response said it cost (OpenRouter's `usage.cost`, in USD); 0 when it did not say. */
export function usageCost(usage: unknown): number {
	if (typeof usage !== 'object' || usage === null) return 0;
	const cost = (usage as { cost?: unknown }).cost;
	const n = typeof cost === 'string' ? Number(cost) : cost;
	return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

/** "$0.0123" style, with enough digits for small amounts. */
export function formatCost(usd: number): string {
	if (!Number.isFinite(usd) || usd <= 0) return '$0.00';
	if (usd >= 1) return `$${usd.toFixed(2)}`;
	if (usd >= 0.01) return `$${usd.toFixed(3)}`;
	return `$${usd.toPrecision(2)}`;
}

/** A per-token or per-image price string from the catalogue ("0.0000003") as USD per million tokens. */
export function perMillion(price: string | number | undefined): number | undefined {
	const n = typeof price === 'string' ? Number(price) : price;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n * 1_000_000 : undefined;
}
