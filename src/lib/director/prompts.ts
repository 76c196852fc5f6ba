import type OpenAI from 'openai';
import {
	CAMERA_ANGLES,
	EDITABLE_SHOT_FIELDS,
	MOVEMENTS,
	SHOT_SIZES,
	type EditableShotField
} from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';
import type { DirectorBrief } from './meta';

/** Bumped whenever a prompt below changes; stored with what the prompts produced. */
export const PROMPT_VERSION = 'maestro-prompts-3';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type Part = OpenAI.Chat.Completions.ChatCompletionContentPart;

const imagePart = (url: string): Part => ({ type: 'image_url', image_url: { url, detail: 'low' } });

/** The vision request: describe the clip from its frames (text first, then the images). */
export function contextMessages(
	frameUrls: readonly string[],
	clip: { durationS?: number }
): Message[] {
	const duration = clip.durationS ? ` The clip lasts ${clip.durationS.toFixed(1)} seconds.` : '';
	return [
		{
			role: 'system',
			content:
				'You are a film editor writing scene notes for a storyboard artist. Be concrete and visual: setting, time of day, light, characters and their look, actions in order, camera style, mood. No preamble, no lists of frames, plain prose under 250 words.'
		},
		{
			role: 'user',
			content: [
				{
					type: 'text',
					text: `Describe the scene shown by these ${frameUrls.length} frames, sampled in order from one video clip.${duration}`
				},
				...frameUrls.map(imagePart)
			]
		}
	];
}

const VOCABULARY_HINT = `shotSize one of: ${SHOT_SIZES.join(', ')}. angle one of: ${CAMERA_ANGLES.join(', ')}. movement one of: ${MOVEMENTS.join(', ')}. transition: "cut" or "dissolve".`;

/** When the director writes dialogue and sound, and when it leaves them empty. */
const SPEECH_AND_SOUND =
	'When the premise or the context has speech, put each spoken line word for word in the dialogue of the shot where it is said, with who says it as the speaker; when it has sound effects or music, note them in sound. A shot without speech has an empty dialogue list, one without sound an empty sound; never invent lines that are not there.';

/** What beats are, and how many a shot gets. */
const BEATS =
	"A shot is one camera set-up; its beats are the panels that show how the action inside it unfolds (the door opens; she turns; she sees him). Give a static shot 1 beat, and 2 to 4 beats where the action or the camera changes inside the shot. Each beat's action is one short present-tense moment; its camera is empty unless the camera changes in that moment.";

/** The answer's shape spelled out for a model without structured outputs. */
function jsonInstruction(withSourceTime: boolean): string {
	const fields = [
		'title',
		'description',
		'shotSize',
		'angle',
		'movement',
		'durationS',
		'transition',
		...(withSourceTime ? ['sourceTimeS'] : []),
		'notes',
		'sound'
	];
	const beat = withSourceTime ? '{"action","camera","sourceTimeS"}' : '{"action","camera"}';
	const shape = `{${fields.map((f) => `"${f}"`).join(',')},"beats":[${beat}],"dialogue":[{"speaker","line"}]}`;
	return `Answer with JSON only, no prose and no code fence: {"shots":[${shape}]}. ${VOCABULARY_HINT}`;
}

/** The director request: a storyboard of N shots from the context and/or premise. */
export function directorMessages(brief: DirectorBrief): Message[] {
	const lines = [
		`Write a storyboard of exactly ${brief.shotCount} shots (shot count: ${brief.shotCount}).`,
		brief.premise ? `Premise: ${brief.premise}` : '',
		brief.context ? `Context: ${brief.context}` : '',
		brief.clipDurationS
			? `The shots come from the clip (duration: ${brief.clipDurationS.toFixed(1)} seconds): give each one its sourceTimeS, from 0 to ${brief.clipDurationS.toFixed(1)}, and each of its beats the sourceTimeS of its moment.`
			: '',
		brief.clipDurationS && brief.cutSpans?.length ? cutSpansLine(brief.cutSpans) : '',
		brief.structured ? '' : jsonInstruction(Boolean(brief.clipDurationS))
	].filter(Boolean);
	const content: Part[] = [{ type: 'text', text: lines.join('\n') }];
	if (brief.middleFrameUrl) content.push(imagePart(brief.middleFrameUrl));
	return [
		{
			role: 'system',
			content: `You are a film director planning shots for a storyboard. Each shot is one drawable frame: the description says exactly what the image shows (subjects, action, setting, light), in one to three sentences. ${BEATS} ${SPEECH_AND_SOUND} Vary shot sizes and angles like a real sequence, keep characters and places consistent, and give realistic durations in seconds. ${VOCABULARY_HINT}`
		},
		{ role: 'user', content }
	];
}

/**
 * The clip's stretches between cuts, so the director can place shots on them and split a long
 * one into beats at its key moments.
 */
function cutSpansLine(spans: readonly { startS: number; endS: number }[]): string {
	const listed = spans.map((span) => `${span.startS.toFixed(1)}–${span.endS.toFixed(1)} s`);
	return `The clip's cuts divide it into ${spans.length} spans: ${listed.join(', ')}. A shot starts inside one span; where its span is long and the action changes, split it into 2 to 4 beats at its key moments, each beat's sourceTimeS inside that span and after the one before.`;
}

/** The request to rewrite one shot with the person's note, keeping its place in the sequence. */
export function regenerateShotMessages(
	shot: Pick<Shot, EditableShotField>,
	neighbours: { before?: string; after?: string },
	note: string,
	brief: Pick<DirectorBrief, 'context' | 'premise' | 'structured'>
): Message[] {
	const current = {
		...Object.fromEntries(EDITABLE_SHOT_FIELDS.map((field) => [field, shot[field]])),
		// The beats as the director writes them: their moments, not their ids or timing.
		beats: shot.beats.map((beat) => ({ action: beat.action, camera: beat.camera }))
	};
	const format = brief.structured ? '' : ` ${jsonInstruction(false)}`;
	// The note comes last: it is what the model must act on.
	const lines = [
		'Rewrite this one shot of a storyboard (shot count: 1). Keep what the note does not ask to change.',
		`Current shot: ${JSON.stringify(current)}`,
		neighbours.before ? `The shot before: ${neighbours.before}` : '',
		neighbours.after ? `The shot after: ${neighbours.after}` : '',
		brief.premise ? `Premise: ${brief.premise}` : '',
		brief.context ? `Context: ${brief.context}` : '',
		`Note: ${note}`
	].filter(Boolean);
	return [
		{
			role: 'system',
			content: `You are a film director revising one shot of a storyboard. ${BEATS} Rewrite the beats with the shot.${format}`
		},
		{ role: 'user', content: lines.join('\n') }
	];
}
