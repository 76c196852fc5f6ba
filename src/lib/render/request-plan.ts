import { maxInputImages } from '$lib/ai/model-limits';
import type { BeatPlace } from '$lib/domain/beats';
import type { AspectRatio, Beat, CastMember, Shot, Style } from '$lib/domain/types';
import { buildRenderPrompt } from './prompt';
import { leftOutNote, planReferences, type CastPictures, type ReferencePlan } from './references';

/** The beat a render draws and everything its request is made from. */
export interface RenderParts {
	model: string;
	shot: Shot;
	beat: Beat;
	place: BeatPlace;
	style: Pick<Style, 'name' | 'promptWords'>;
	aspectRatio: AspectRatio;
	/** Who and what is in the frame, in the order they matter. */
	members: readonly CastMember[];
	/**
	 * The pictures that may go with it, each by a handle: data URLs for a request, asset ids for
	 * a preview. The plan is the same either way.
	 */
	pictures: { style?: string; cast: readonly CastPictures[]; continuity?: string };
}

/** One render's pictures in the order sent, what the model's limit leaves out, and its text. */
export interface PlannedRequest {
	plan: ReferencePlan;
	/** The left-out pictures in words, when there are any. */
	leftOut?: string;
	prompt: string;
}

/** Plan one beat's render request: which pictures fit the model, and the prompt that names them. */
export function planRenderRequest(parts: RenderParts): PlannedRequest {
	const limit = maxInputImages(parts.model);
	const plan = planReferences(limit, parts.pictures);
	const prompt = buildRenderPrompt({
		shot: parts.shot,
		beat: parts.beat,
		beatIndex: parts.place.beatIndex,
		beatCount: parts.shot.beats.length,
		style: parts.style,
		aspectRatio: parts.aspectRatio,
		cast: parts.members,
		pictures: plan.sent.map(({ url: _handle, ...role }) => role)
	});
	return { plan, leftOut: leftOutNote(parts.model, limit, plan), prompt };
}

/** Members' pictures by asset id (main first), for a plan made before anything is read. */
export function castPictureIds(members: readonly CastMember[]): CastPictures[] {
	return members.map((member) => ({
		memberId: member.id,
		name: member.name,
		urls: member.referenceAssetIds
	}));
}
