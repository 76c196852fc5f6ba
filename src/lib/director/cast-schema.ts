import { z } from 'zod';
import { CAST_KINDS } from '$lib/domain/values';
import type { CastKind } from '$lib/domain/types';

/** The most cast members the director proposes in one answer. */
export const DIRECTOR_MAX_CAST = 8;

/** A cast member the director proposes, as it proposes one: before it has an id or pictures. */
export interface CastProposal {
	name: string;
	kind: CastKind;
	description: string;
}

/** One member of the answer's `cast` list, exactly as the structured output asks for it. */
export const directorCastMemberSchema = z.object({
	name: z.string().describe('A short name the shots use for them, e.g. "Mara" or "Harbour".'),
	kind: z.enum(CAST_KINDS),
	description: z
		.string()
		.describe(
			'How they look, in one or two sentences: age, build, face, hair, wardrobe for a character; shape, material, colour for a prop; place, light, weather for a location.'
		)
});

/** The names of the cast members in a shot or beat, as the structured output asks for them. */
export function castNamesSchema(what: 'shot' | 'beat') {
	return z
		.array(z.string())
		.describe(
			what === 'shot'
				? 'Who and what of the cast appears in this shot, by exact name, in the order they matter; empty when none.'
				: 'Who and what of the cast appears in this moment, by exact name; the same as the shot’s when it does not change.'
		);
}

/**
 * Names as the lenient reader takes them: the non-empty strings of a list; undefined when the
 * answer has no list (an older model, a prose answer), which is not the same as naming nobody.
 */
export const lenientCastNames = z
	.array(z.unknown())
	.optional()
	.catch(undefined)
	.transform((items) =>
		items?.flatMap((item) =>
			typeof item === 'string' && item.trim() ? [item.trim().slice(0, 200)] : []
		)
	);

const KIND_WORDS: Record<string, CastKind> = {
	person: 'character',
	people: 'character',
	animal: 'character',
	creature: 'character',
	place: 'location',
	setting: 'location',
	set: 'location',
	object: 'prop',
	item: 'prop',
	vehicle: 'prop',
	thing: 'prop'
};

/** A kind in a model's own words mapped onto ours ("place" → location); a character when unsure. */
export function castKindOf(value: unknown): CastKind {
	const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if ((CAST_KINDS as readonly string[]).includes(word)) return word as CastKind;
	return KIND_WORDS[word] ?? 'character';
}

const lenientMemberSchema = z.object({
	name: z.string().trim().min(1).max(200),
	kind: z.unknown().transform(castKindOf),
	description: z
		.string()
		.trim()
		.optional()
		.catch(undefined)
		.transform((text) => text ?? '')
});

/** Parse one proposed member's JSON text; the reason in words when it is not usable. */
export function parseCastProposal(
	json: string
): { ok: true; member: CastProposal } | { ok: false; reason: string } {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { ok: false, reason: 'it is not valid JSON' };
	}
	const result = lenientMemberSchema.safeParse(value);
	if (result.success) return { ok: true, member: result.data };
	return { ok: false, reason: 'it has no name' };
}
