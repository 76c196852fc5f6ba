import type { AspectRatio, Shot, Style } from '$lib/domain/types';

/** Bumped whenever the wording below changes, and kept with each take. */
export const RENDER_PROMPT_VERSION = 'maestro-render-1';

/** What the image request says besides the pictures it carries. */
export interface RenderPromptInput {
	shot: Pick<Shot, 'title' | 'description' | 'shotSize' | 'angle' | 'movement' | 'notes'>;
	style: Pick<Style, 'name' | 'promptWords'>;
	aspectRatio: AspectRatio;
	/** A style reference image goes with the request. */
	hasStyleReference: boolean;
	/** The previous shot's image goes with the request, for continuity. */
	hasContinuity: boolean;
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text part of a render request: the shot's description and camera, the style's words,
 * and what the attached images are for (style reference first, then the previous shot).
 */
export function buildRenderPrompt(input: RenderPromptInput): string {
	const { shot, style } = input;
	const camera = [shot.shotSize, shot.angle, shot.movement].map(clean).filter(Boolean).join(', ');
	const lines = [
		`A single storyboard frame, ${input.aspectRatio} aspect ratio, no text, captions or borders.`,
		`Title: ${clean(shot.title) || 'Untitled shot'}`,
		`Scene: ${clean(shot.description) || clean(shot.title) || 'An establishing shot.'}`
	];
	if (camera) lines.push(`Camera: ${camera}.`);
	if (clean(shot.notes)) lines.push(`Notes: ${clean(shot.notes)}`);
	const words = clean(style.promptWords);
	lines.push(`Style: ${words || clean(style.name)}.`);
	if (input.hasStyleReference) {
		lines.push(
			'The first attached image is the style reference: match its look (palette, line, rendering, lighting), not its content.'
		);
	}
	if (input.hasContinuity) {
		lines.push(
			`The ${input.hasStyleReference ? 'second' : 'attached'} image is the previous shot: keep characters, costumes, props and setting consistent with it, since this shot follows it without a hard cut.`
		);
	}
	return lines.join('\n');
}
