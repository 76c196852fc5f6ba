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

/** The span of the clip a shot starting at `startS` belongs to: its cut's, else up to the clip's end. */
export function shotSpan(
	startS: number,
	cutSpans: readonly ClipSpan[],
	clipDurationS: number
): ClipSpan {
	const span = cutSpans.find((cut) => startS >= cut.startS && startS < cut.endS);
	return span
		? { startS: span.startS, endS: Math.min(span.endS, clipDurationS) }
		: { startS, endS: clipDurationS };
}
