/** "$0.0123" style, with enough digits for small amounts. */
export function formatCost(usd: number): string {
	if (!Number.isFinite(usd) || usd <= 0) return '$0.00';
	if (usd >= 1) return `$${usd.toFixed(2)}`;
	if (usd >= 0.01) return `$${usd.toFixed(3)}`;
	return `$${usd.toPrecision(2)}`;
}
