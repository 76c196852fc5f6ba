import { z } from 'zod';
import { MAX_BEATS } from '$lib/domain/beats';
import { newId } from '$lib/domain/ids';
import type { Beat } from '$lib/domain/types';
import { lenientCastNames } from './cast-schema';
import { clampSourceTime, type ClipSpan } from './source-time';

/** One beat as a model wrote it: a bare string is read as its action, a time as a number. */
const modelBeatSchema = z.preprocess(
	(value) => (typeof value === 'string' ? { action: value } : value),
	z.object({
		action: z.string().trim().catch(''),
		camera: z.string().trim().catch(''),
		sourceTimeS: z.coerce.number().optional().catch(undefined),
		cast: lenientCastNames
	})
);

export type ModelBeat = z.output<typeof modelBeatSchema>;

/**
 * A shot's beats as the lenient reader takes them: missing or unreadable (an older model, an
 * answer without structured output) is an empty list, which the shot saves as one plain beat;
 * beats without an action are dropped and at most MAX_BEATS are kept.
 */
export const modelBeatsSchema = z
	.array(z.unknown())
	.optional()
	.catch(undefined)
	.transform((items): ModelBeat[] =>
		(items ?? [])
			.map((item) => modelBeatSchema.safeParse(item))
			.flatMap((result) => (result.success && result.data.action ? [result.data] : []))
			.slice(0, MAX_BEATS)
	);

/**
 * The beats Maestro stores for a shot, with fresh ids. With a clip, a beat's source time is held
 * inside the shot's span of the clip and never before the beat ahead of it (the beats are
 * moments in order); without one, beats have no source time.
 */
export function toStoredBeats(
	beats: readonly ModelBeat[],
	clip?: { clipDurationS: number; span: ClipSpan }
): Beat[] {
	let earliest = clip?.span.startS ?? 0;
	return beats.map((beat) => {
		const stored: Beat = { id: newId(), action: beat.action, camera: beat.camera };
		if (clip && beat.sourceTimeS !== undefined && Number.isFinite(beat.sourceTimeS)) {
			const { span, clipDurationS } = clip;
			const inSpan = Math.min(Math.max(beat.sourceTimeS, earliest), span.endS - 0.01);
			stored.sourceTimeS = clampSourceTime(Math.max(inSpan, span.startS), clipDurationS);
			earliest = stored.sourceTimeS;
		}
		return stored;
	});
}
