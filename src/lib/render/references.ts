/**
 * Which pictures a render request carries, in the order they are sent, when a model takes only
 * so many. The style reference comes first (it is what makes every frame one storyboard), then
 * each cast member's main picture in the order the members matter to the shot, then the
 * continuity picture, then the members' other pictures (other angles of the same person).
 */

import { pictureName, type PictureRole } from './meta';
import { joinWords } from '$lib/util/sentence';

export type { PictureRole };

/** One picture a render may send: what it is for, and its data URL. */
export type Reference = PictureRole & { url: string };

/** A cast member as a render needs them: their pictures, main first. */
export interface CastPictures {
	memberId: string;
	name: string;
	urls: readonly string[];
}

export interface ReferencePlan {
	/** What is sent, in order. */
	sent: Reference[];
	/** What the model's limit left out, in priority order. */
	left: Reference[];
}

/**
 * Models whose limit is not documented are sent at most this many pictures: every model we
 * know of takes a style reference, two people and a continuity picture.
 */
export const UNKNOWN_MODEL_PICTURES = 4;

export function planReferences(
	limit: number | undefined,
	pictures: { style?: string; cast: readonly CastPictures[]; continuity?: string }
): ReferencePlan {
	const ranked: Reference[] = [];
	if (pictures.style) ranked.push({ role: 'style', url: pictures.style });
	const castRef = (member: CastPictures, url: string, main: boolean): Reference => ({
		role: 'cast',
		memberId: member.memberId,
		name: member.name,
		url,
		main
	});
	for (const member of pictures.cast) {
		const [main] = member.urls;
		if (main) ranked.push(castRef(member, main, true));
	}
	if (pictures.continuity) ranked.push({ role: 'continuity', url: pictures.continuity });
	for (const member of pictures.cast) {
		for (const url of member.urls.slice(1)) ranked.push(castRef(member, url, false));
	}
	const room = Math.max(0, limit ?? UNKNOWN_MODEL_PICTURES);
	return { sent: ranked.slice(0, room), left: ranked.slice(room) };
}

/** What a plan left out, in words for the activity log (empty when nothing was). */
export function leftOutNote(
	modelId: string,
	limit: number | undefined,
	plan: ReferencePlan
): string | undefined {
	if (plan.left.length === 0) return undefined;
	const takes =
		limit === undefined
			? `is sent at most ${UNKNOWN_MODEL_PICTURES} input pictures`
			: limit === 0
				? 'takes no input pictures'
				: `takes ${limit === 1 ? 'one input picture' : `${limit} input pictures`}`;
	const names = plan.left.map((reference) =>
		reference.role === 'cast' && reference.main
			? `${reference.name}’s picture`
			: pictureName(reference)
	);
	return `${modelId} ${takes}: ${joinWords(names)} ${names.length === 1 ? 'was' : 'were'} not sent.`;
}
