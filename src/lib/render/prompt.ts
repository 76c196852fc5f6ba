import type { AspectRatio, Beat, CastMember, Shot, Style } from '$lib/domain/types';
import type { PictureRole } from './references';

/** Bumped whenever the wording below changes, and kept with each take. */
export const RENDER_PROMPT_VERSION = 'maestro-render-2';

/** What the image request says besides the pictures it carries. */
export interface RenderPromptInput {
	shot: Pick<Shot, 'title' | 'description' | 'shotSize' | 'angle' | 'movement' | 'notes'>;
	/** The beat drawn, its place among the shot's `beatCount` beats (from 0). */
	beat: Pick<Beat, 'action' | 'camera'>;
	beatIndex: number;
	beatCount: number;
	style: Pick<Style, 'name' | 'promptWords'>;
	aspectRatio: AspectRatio;
	/** Who and what of the cast is in the frame, in the order they matter. */
	cast: readonly Pick<CastMember, 'name' | 'kind' | 'description'>[];
	/**
	 * The pictures sent with the request, in order: the style reference, cast members'
	 * pictures, and the continuity picture (the previous beat of the same shot, or the previous
	 * shot's last beat for a shot that dissolves in).
	 */
	pictures: readonly PictureRole[];
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text part of a render request: the shot's description and camera, the beat's moment
 * when the shot has several, the style's words, who is in the frame, and what each attached
 * image is for, in the order they are sent. A shot of one plain beat reads as a shot.
 */
export function buildRenderPrompt(input: RenderPromptInput): string {
	const { shot, style, beat, beatIndex, beatCount } = input;
	const camera = [shot.shotSize, shot.angle, shot.movement].map(clean).filter(Boolean).join(', ');
	const lines = [
		`A single storyboard frame, ${input.aspectRatio} aspect ratio, no text, captions or borders.`,
		`Title: ${clean(shot.title) || 'Untitled shot'}`,
		`Scene: ${clean(shot.description) || clean(shot.title) || 'An establishing shot.'}`
	];
	if (camera) lines.push(`Camera: ${camera}.`);
	if (beatCount > 1 || clean(beat.action) || clean(beat.camera)) {
		const which =
			beatCount > 1 ? `panel ${beatIndex + 1} of ${beatCount} of this shot` : 'this panel';
		const action = clean(beat.action);
		lines.push(`Moment: ${which}${action ? `: ${action}` : '.'}`);
		if (clean(beat.camera)) lines.push(`Camera in this panel: ${clean(beat.camera)}`);
	}
	if (clean(shot.notes)) lines.push(`Notes: ${clean(shot.notes)}`);
	const words = clean(style.promptWords);
	lines.push(`Style: ${words || clean(style.name)}.`);
	const cast = input.cast.filter((member) => clean(member.name));
	if (cast.length > 0) {
		lines.push('In the frame:');
		for (const member of cast) {
			const description = clean(member.description);
			lines.push(
				`- ${clean(member.name)} (${member.kind})${description ? `: ${description}` : ''}`
			);
		}
	}
	lines.push(...input.pictures.map((picture, index) => pictureLine(picture, index, input)));
	return lines.join('\n');
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** What one attached image is for, by its place ("The second attached image is Mara…"). */
function pictureLine(picture: PictureRole, index: number, input: RenderPromptInput): string {
	const which =
		input.pictures.length === 1
			? 'The attached image'
			: `The ${ORDINALS[index] ?? `#${index + 1}`} attached image`;
	switch (picture.role) {
		case 'style':
			return `${which} is the style reference: match its look (palette, line, rendering, lighting), not its content.`;
		case 'cast':
			return `${which} shows ${clean(picture.name)}${picture.main ? '' : ' from another angle'}: keep their look exactly (face, build, hair, wardrobe, colours), not the picture's pose or framing.`;
		case 'continuity':
			return input.beatIndex > 0
				? `${which} is the previous panel of this same shot: keep the set-up, characters, costumes, props and setting, and show the next moment.`
				: `${which} is the previous shot: keep characters, costumes, props and setting consistent with it, since this shot follows it without a hard cut.`;
	}
}
