const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/** "3 minutes ago", "yesterday", "just now". */
export function timeAgo(time: number, now = Date.now()): string {
	const seconds = Math.round((time - now) / 1000);
	const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
	}
	return 'just now';
}

/** Seconds as "1:05" or "12.5 s" for short spans. */
export function formatDuration(seconds: number): string {
	if (!Number.isFinite(seconds)) return '—';
	if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
	const whole = Math.round(seconds);
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Seconds as a player's clock shows them: "0:07.4", "12:03.0". */
export function formatClock(seconds: number): string {
	const tenths = Math.max(0, Math.floor(seconds * 10 + 1e-6));
	const minutes = Math.floor(tenths / 600);
	const rest = (tenths % 600) / 10;
	return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}
