import type { AspectRatio, Beat, Shot, Style } from '$lib/domain/types';

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
	/** A style reference image goes with the request. */
	hasStyleReference: boolean;
	/**
	 * A picture goes with the request for continuity: the previous beat of the same shot (for a
	 * beat after the first) or the previous shot's last beat (a shot that dissolves in).
	 */
	hasContinuity: boolean;
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text part of a render request: the shot's description and camera, the beat's moment
 * when the shot has several, the style's words, and what the attached images are for (style
 * reference first, then the continuity picture). A shot of one plain beat reads as a shot.
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
	if (input.hasStyleReference) {
		lines.push(
			'The first attached image is the style reference: match its look (palette, line, rendering, lighting), not its content.'
		);
	}
	if (input.hasContinuity) {
		const which = input.hasStyleReference ? 'second' : 'attached';
		lines.push(
			beatIndex > 0
				? `The ${which} image is the previous panel of this same shot: keep the set-up, characters, costumes, props and setting, and show the next moment.`
				: `The ${which} image is the previous shot: keep characters, costumes, props and setting consistent with it, since this shot follows it without a hard cut.`
		);
	}
	return lines.join('\n');
}
