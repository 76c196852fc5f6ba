/** A stretch of the source clip between two cuts, in seconds. */
export interface ClipSpan {
	startS: number;
	endS: number;
}

/** A source time rounded to the centisecond, from 0 to the clip's last centisecond. */
export function clampSourceTime(timeS: number, clipDurationS: number): number {
	const last = Math.max(0, Math.floor(clipDurationS * 100 - 1) / 100);
	return Math.min(last, Math.max(0, Math.round(timeS * 100) / 100));
}

/**
 * The span of the clip a shot starting at `startS` belongs to: its cut's, else from its start to
 * the clip's end; the whole clip for a shot whose start is not known.
 */
export function shotSpan(
	startS: number | undefined,
	cutSpans: readonly ClipSpan[],
	clipDurationS: number
): ClipSpan {
	if (startS === undefined) return { startS: 0, endS: clipDurationS };
	const span = cutSpans.find((cut) => startS >= cut.startS && startS < cut.endS);
	return span
		? { startS: span.startS, endS: Math.min(span.endS, clipDurationS) }
		: { startS, endS: clipDurationS };
}
