import type OpenAI from 'openai';
import {
	CAMERA_ANGLES,
	EDITABLE_SHOT_FIELDS,
	MOVEMENTS,
	SHOT_SIZES,
	type EditableShotField
} from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';
import type { CastProposal, DirectorBrief } from './meta';
import type { ShotCastNames } from './shot-schema';

/** Bumped whenever a prompt below changes; stored with what the prompts produced. */
export const PROMPT_VERSION = 'maestro-prompts-4';

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

/** Who the cast is, and how shots and beats name it. */
const CAST =
	'The cast is the people, props and places that recur or matter to the story; each shot lists in cast who and what of it appears in the shot, by exact name, in the order they matter, and each beat the same for its moment. Propose new cast members before the shots: give each a short name and a description of their look (age, build, hair, wardrobe for a character; shape and material for a prop; light and weather for a location). Do not propose passers-by or anything seen only once.';

/** The storyboard's cast so far, to be named by exact name and not proposed again. */
export function existingCastLines(cast: readonly CastProposal[] | undefined): string {
	if (!cast?.length) return '';
	const members = cast.map(
		(member) =>
			`- ${member.name} (${member.kind})${member.description ? `: ${member.description}` : ''}`
	);
	return `Existing cast (name them by these exact names; do not propose them again):\n${members.join('\n')}`;
}

/** The answer's shape spelled out for a model without structured outputs. */
function jsonInstruction(withSourceTime: boolean, proposeCast = true): string {
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
	const beat = withSourceTime
		? '{"action","camera","sourceTimeS","cast":[names]}'
		: '{"action","camera","cast":[names]}';
	const shape = `{${fields.map((f) => `"${f}"`).join(',')},"beats":[${beat}],"dialogue":[{"speaker","line"}],"cast":[names]}`;
	const cast = proposeCast ? '"cast":[{"name","kind","description"}],' : '';
	return `Answer with JSON only, no prose and no code fence: {${cast}"shots":[${shape}]}. kind: "character", "prop" or "location". ${VOCABULARY_HINT}`;
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
		existingCastLines(brief.cast),
		brief.structured ? '' : jsonInstruction(Boolean(brief.clipDurationS))
	].filter(Boolean);
	const content: Part[] = [{ type: 'text', text: lines.join('\n') }];
	if (brief.middleFrameUrl) content.push(imagePart(brief.middleFrameUrl));
	return [
		{
			role: 'system',
			content: `You are a film director planning shots for a storyboard. Each shot is one drawable frame: the description says exactly what the image shows (subjects, action, setting, light), in one to three sentences. ${BEATS} ${CAST} ${SPEECH_AND_SOUND} Vary shot sizes and angles like a real sequence, keep characters and places consistent, and give realistic durations in seconds. ${VOCABULARY_HINT}`
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
	brief: Pick<DirectorBrief, 'context' | 'premise' | 'structured' | 'cast'>,
	castNames: ShotCastNames = { shot: [], beats: [] }
): Message[] {
	const current = {
		...Object.fromEntries(EDITABLE_SHOT_FIELDS.map((field) => [field, shot[field]])),
		// The beats as the director writes them: their moments and who is in them, not ids or timing.
		beats: shot.beats.map((beat, index) => ({
			action: beat.action,
			camera: beat.camera,
			cast: castNames.beats[index] ?? castNames.shot
		})),
		cast: castNames.shot
	};
	const format = brief.structured ? '' : ` ${jsonInstruction(false, false)}`;
	// The note comes last: it is what the model must act on.
	const lines = [
		'Rewrite this one shot of a storyboard (shot count: 1). Keep what the note does not ask to change.',
		`Current shot: ${JSON.stringify(current)}`,
		neighbours.before ? `The shot before: ${neighbours.before}` : '',
		neighbours.after ? `The shot after: ${neighbours.after}` : '',
		brief.premise ? `Premise: ${brief.premise}` : '',
		brief.context ? `Context: ${brief.context}` : '',
		existingCastLines(brief.cast),
		`Note: ${note}`
	].filter(Boolean);
	return [
		{
			role: 'system',
			content: `You are a film director revising one shot of a storyboard. ${BEATS} Rewrite the beats with the shot. The shot's cast and each beat's name who of the existing cast appears, by exact name; name nobody else.${format}`
		},
		{ role: 'user', content: lines.join('\n') }
	];
}
