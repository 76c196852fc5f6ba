import type { AspectRatio, CastMember, Style } from '$lib/domain/types';
import { UNKNOWN_MODEL_PICTURES } from './references';

/** Bumped whenever the wording below changes. */
export const DESIGN_PROMPT_VERSION = 'maestro-design-1';

/** What the person chose in the Design panel. */
export interface DesignChoice {
	/** A character's turnaround sheet (front, three-quarter, side, back) instead of one portrait. */
	turnaround: boolean;
	/** The style whose reference picture goes with the request, so the design matches the look. */
	style?: Pick<Style, 'name' | 'promptWords'>;
	/** Whether the member's main picture goes too, so a new design keeps the look they have. */
	keepMain: boolean;
}

/** What a picture sent with a design request is for. */
export type DesignPictureRole = 'style' | 'main';

/** Which pictures a design request carries, in order, within the model's input-image limit. */
export function planDesignPictures(
	limit: number | undefined,
	available: { style: boolean; main: boolean }
): DesignPictureRole[] {
	const ranked: DesignPictureRole[] = [];
	if (available.style) ranked.push('style');
	if (available.main) ranked.push('main');
	return ranked.slice(0, Math.max(0, limit ?? UNKNOWN_MODEL_PICTURES));
}

/** The picture's shape: a turnaround is a wide sheet, a person a portrait, a place a wide view. */
export function designAspectRatio(kind: CastMember['kind'], turnaround: boolean): AspectRatio {
	if (kind === 'character') return turnaround ? '16:9' : '3:4';
	return kind === 'prop' ? '1:1' : '16:9';
}

function clean(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** What is drawn, by kind: one clear reference on a plain background, or a turnaround sheet. */
function subjectLines(member: Pick<CastMember, 'name' | 'kind'>, turnaround: boolean): string[] {
	const name = clean(member.name);
	if (member.kind === 'character' && turnaround) {
		return [
			`${name}: a character turnaround sheet.`,
			`The same character drawn four times side by side, full length, in this order: front view, three-quarter view, side view, back view.`,
			`Same outfit, hair, proportions and colours in all four views; neutral standing pose, arms relaxed; plain light-grey background, even light, no shadows on the background.`
		];
	}
	if (member.kind === 'character') {
		return [
			`${name}: a character reference picture.`,
			`One person, full length, standing facing the viewer in a neutral pose, face clearly visible; plain light-grey background, even soft light.`
		];
	}
	if (member.kind === 'prop') {
		return [
			`${name}: a prop reference picture.`,
			`The whole object alone, centred, seen from a slight three-quarter angle so its shape reads; plain neutral background, soft even light, no hands or people.`
		];
	}
	return [
		`${name}: a location reference picture.`,
		`A wide establishing view of the place at eye level, with no people in it, so its layout, materials and light are clear.`
	];
}

/** What the request says besides the pictures it carries, for one of `total` candidates. */
export interface DesignPromptInput {
	member: Pick<CastMember, 'name' | 'kind' | 'description'>;
	choice: DesignChoice;
	/** The pictures sent with it, in order (`planDesignPictures`). */
	pictures: readonly DesignPictureRole[];
	/** This candidate's place (from 0) among the `total` asked for at once. */
	candidate: number;
	total: number;
}

const ORDINALS = ['first', 'second', 'third', 'fourth'];

/**
 * The text of a design request: who or what is drawn and how (kind, turnaround), the
 * description, the style in words, what each attached picture is for, and, when several
 * candidates are asked for, which one this is so each is its own take.
 */
export function buildDesignPrompt(input: DesignPromptInput): string {
	const { member, choice, pictures } = input;
	const turnaround = choice.turnaround && member.kind === 'character';
	const lines = subjectLines(member, turnaround);
	const description = clean(member.description);
	lines.push(`Description: ${description || `${clean(member.name)} (${member.kind}).`}`);
	if (choice.style) {
		lines.push(`Style: ${clean(choice.style.promptWords) || clean(choice.style.name)}.`);
	}
	lines.push('No text, captions, labels or borders.');
	pictures.forEach((role, index) => {
		const which =
			pictures.length === 1 ? 'The attached image' : `The ${ORDINALS[index]} attached image`;
		lines.push(
			role === 'style'
				? `${which} is the style reference: match its look (palette, line, rendering, lighting), not its content.`
				: `${which} shows ${clean(member.name)} as they look now: keep that look exactly (face, build, hair, wardrobe, colours) in a new picture.`
		);
	});
	if (input.total > 1) {
		lines.push(
			`Candidate ${input.candidate + 1} of ${input.total}: make it a take of its own, not a copy of the others.`
		);
	}
	return lines.join('\n');
}
