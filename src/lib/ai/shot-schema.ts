import { z } from 'zod';
import { CAMERA_ANGLES, clampDuration, MOVEMENTS, SHOT_SIZES } from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';

/** A shot as the director model writes it; lenient where models differ, strict where it matters. */
export const modelShotSchema = z.object({
	title: z.string().trim().min(1).max(200),
	description: z.string().trim().min(1),
	shotSize: z.string().optional(),
	angle: z.string().optional(),
	movement: z.string().optional(),
	durationS: z.coerce.number().positive().optional(),
	transition: z.string().optional(),
	sourceTimeS: z.coerce.number().nonnegative().optional(),
	notes: z.string().optional()
});

export type ModelShot = z.infer<typeof modelShotSchema>;

const SYNONYMS: Record<string, string> = {
	overhead: "Bird's-eye",
	birdseye: "Bird's-eye",
	topdown: "Bird's-eye",
	wormseye: "Worm's-eye",
	dutch: 'Dutch angle',
	pov: 'Point of view',
	ots: 'Over the shoulder',
	ecu: 'Extreme close-up',
	cu: 'Close-up',
	mcu: 'Medium close-up',
	ms: 'Medium',
	ws: 'Wide',
	ews: 'Extreme wide',
	zoom: 'Zoom in',
	dolly: 'Dolly in',
	track: 'Tracking',
	steadicam: 'Tracking'
};

const fold = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z]/g, '')
		.replace(/shot$/, '');

/** A camera term mapped onto our vocabulary when it names one ("eye-level" → "Eye level"). */
export function normaliseCameraTerm(
	value: string | undefined,
	vocabulary: readonly string[],
	fallback: string
): string {
	const raw = value?.trim();
	if (!raw) return fallback;
	const key = fold(raw);
	const match = vocabulary.find((term) => fold(term) === key) ?? SYNONYMS[key];
	if (match) return match;
	return raw.charAt(0).toUpperCase() + raw.slice(1);
}

/** The shot fields Maestro stores, from one validated model shot. */
export function toShotFields(shot: ModelShot): Partial<Shot> {
	const fields: Partial<Shot> = {
		title: shot.title,
		description: shot.description,
		shotSize: normaliseCameraTerm(shot.shotSize, SHOT_SIZES, 'Medium'),
		angle: normaliseCameraTerm(shot.angle, CAMERA_ANGLES, 'Eye level'),
		movement: normaliseCameraTerm(shot.movement, MOVEMENTS, 'Static'),
		durationS: clampDuration(shot.durationS ?? 3),
		transition: /dissolve|fade|cross/i.test(shot.transition ?? '') ? 'dissolve' : 'cut',
		notes: shot.notes?.trim() ?? ''
	};
	if (shot.sourceTimeS !== undefined) fields.sourceTimeS = Math.round(shot.sourceTimeS * 100) / 100;
	return fields;
}

/** Parse one shot object's JSON text; the reason in words when it is not a usable shot. */
export function parseModelShot(
	json: string
): { ok: true; shot: ModelShot } | { ok: false; reason: string } {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { ok: false, reason: 'it is not valid JSON' };
	}
	const result = modelShotSchema.safeParse(value);
	if (result.success) return { ok: true, shot: result.data };
	const issue = result.error.issues[0];
	return {
		ok: false,
		reason: `${issue?.path.join('.') || 'shot'}: ${issue?.message ?? 'invalid'}`
	};
}
