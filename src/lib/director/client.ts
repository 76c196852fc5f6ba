import type { Shot } from '$lib/domain/types';
import type { AiContext } from '$lib/ai/client';
import { AiOutputError } from '$lib/ai/errors';
import { streamChat } from '$lib/ai/stream';
import { DIRECTOR_MAX_CAST, parseCastProposal, type CastProposal } from './cast-schema';
import type { DirectorBrief, DirectorResult, SceneAnalysis, ShotSource } from './meta';
import {
	contextMessages,
	directorMessages,
	PROMPT_VERSION,
	regenerateShotMessages
} from './prompts';
import {
	castNamesOf,
	directorJsonSchema,
	parseModelShot,
	toShotFields,
	type ShotCastNames
} from './shot-schema';
import { ShotStreamParser } from './shot-stream';

/** How many tokens to allow: enough for the shots asked for, never the model's maximum (402 risk). */
export function directorMaxTokens(shotCount: number): number {
	// The cast list and every shot's and beat's cast names come on top of the shots themselves.
	return 1800 + shotCount * 450;
}

/**
 * Structured output for models that list it; the others get the format in words (prompts.ts).
 * A storyboard's answer proposes its cast before its shots; a rewrite of one shot does not.
 */
export function responseFormat(
	structured: boolean,
	count: number,
	source: ShotSource,
	proposeCast = true
) {
	if (!structured) return {};
	return {
		response_format: {
			type: 'json_schema' as const,
			json_schema: {
				name: 'storyboard_shots',
				strict: true,
				schema: directorJsonSchema(count, source, { proposeCast })
			}
		}
	};
}

/** What else a director run tells as it streams, besides its shots. */
export interface DirectorHooks {
	/** The raw answer as it arrives. */
	onText?: (piece: string) => void;
	/** Each cast member the answer proposes, the moment its object is complete (awaited in order with the shots). */
	onCastMember?: (member: CastProposal, index: number) => Promise<void> | void;
}

/**
 * Stream a storyboard from the director model. Each shot goes to `onShot` the moment its JSON
 * object is complete and valid, with the cast names it uses (awaited in order, so it can be
 * saved before the next one); proposed cast members go to `hooks.onCastMember` the same way.
 * Throws AiOutputError when no usable shot came.
 */
export async function directShots(
	signal: AbortSignal,
	ai: AiContext,
	brief: DirectorBrief,
	onShot: (fields: Partial<Shot>, index: number, cast: ShotCastNames) => Promise<void> | void,
	hooks: DirectorHooks = {}
): Promise<DirectorResult> {
	const { onText = () => {}, onCastMember = () => {} } = hooks;
	const problems: string[] = [];
	const source: ShotSource =
		brief.clipDurationS !== undefined
			? { clipDurationS: brief.clipDurationS, cutSpans: brief.cutSpans }
			: {};
	let kept = 0;
	let saving: Promise<void> = Promise.resolve();
	const onShotJson = (json: string, index: number) => {
		const parsed = parseModelShot(json, source);
		if (!parsed.ok) {
			problems.push(`Shot ${index + 1} was skipped: ${parsed.reason}.`);
			return;
		}
		if (kept >= brief.shotCount) return;
		const position = kept++;
		saving = saving.then(() =>
			onShot(toShotFields(parsed.shot, source), position, castNamesOf(parsed.shot))
		);
	};
	let castProposed = 0;
	const onCastJson = (json: string, index: number) => {
		const parsed = parseCastProposal(json);
		if (!parsed.ok) {
			problems.push(`Cast member ${index + 1} was skipped: ${parsed.reason}.`);
			return;
		}
		// A runaway list is cut at the most the schema asks for; shots naming the rest say so.
		if (castProposed >= DIRECTOR_MAX_CAST) return;
		castProposed++;
		saving = saving.then(() => onCastMember(parsed.member, index));
	};
	const parser = new ShotStreamParser(onShotJson, onCastJson);
	let result;
	try {
		result = await streamChat(
			signal,
			ai,
			{
				model: ai.options.directorModel,
				messages: directorMessages(brief),
				max_tokens: directorMaxTokens(brief.shotCount),
				...responseFormat(brief.structured, brief.shotCount, source)
			},
			(piece) => {
				parser.push(piece);
				onText(piece);
			}
		);
	} finally {
		await saving;
	}
	if (kept === 0) {
		throw new AiOutputError(
			result.finishReason === 'length'
				? 'The model’s answer was cut off before the first shot was complete.'
				: 'The model did not answer with shots in the expected format.',
			parser.text,
			result.costUsd
		);
	}
	if (result.finishReason === 'length') {
		problems.push(
			`The answer was cut off: ${kept} complete ${kept === 1 ? 'shot was' : 'shots were'} kept, the rest never arrived.`
		);
	} else if (kept < brief.shotCount) {
		problems.push(`Asked for ${brief.shotCount} shots, the model wrote ${kept}.`);
	} else if (parser.count > brief.shotCount) {
		problems.push(`The model wrote ${parser.count} shots; the first ${brief.shotCount} were kept.`);
	}
	return {
		shotCount: kept,
		castProposed,
		problems,
		costUsd: result.costUsd,
		raw: parser.text,
		promptVersion: PROMPT_VERSION
	};
}

/** Rewrite one shot following the person's note; resolves to the new fields. */
export async function regenerateShot(
	signal: AbortSignal,
	ai: AiContext,
	shot: Shot,
	neighbours: { before?: string; after?: string },
	note: string,
	brief: Pick<DirectorBrief, 'context' | 'premise' | 'structured' | 'cast'>,
	castNames: ShotCastNames = { shot: [], beats: [] }
): Promise<{ fields: Partial<Shot>; cast: ShotCastNames; costUsd: number; raw: string }> {
	let fields: Partial<Shot> | undefined;
	let cast: ShotCastNames = { shot: [], beats: [] };
	let reason = '';
	const parser = new ShotStreamParser((json) => {
		if (fields) return;
		const parsed = parseModelShot(json);
		if (parsed.ok) {
			fields = toShotFields(parsed.shot);
			cast = castNamesOf(parsed.shot);
		} else reason = parsed.reason;
	});
	const result = await streamChat(
		signal,
		ai,
		{
			model: ai.options.directorModel,
			messages: regenerateShotMessages(shot, neighbours, note, brief, castNames),
			max_tokens: directorMaxTokens(1),
			// The rewrite keeps the shot's place in the clip: its schema has no source time.
			...responseFormat(brief.structured, 1, {}, false)
		},
		(piece) => parser.push(piece)
	);
	if (!fields) {
		throw new AiOutputError(
			`The model did not answer with a usable shot${reason ? ` (${reason})` : ''}.`,
			parser.text,
			result.costUsd
		);
	}
	return { fields, cast, costUsd: result.costUsd, raw: parser.text };
}

/** Describe the scene from frames (data URLs, in clip order), streaming the text to `onText`. */
export async function analyzeScene(
	signal: AbortSignal,
	ai: AiContext,
	frameUrls: readonly string[],
	clip: { durationS?: number },
	onText: (piece: string) => void
): Promise<SceneAnalysis> {
	const result = await streamChat(
		signal,
		ai,
		{ model: ai.options.contextModel, messages: contextMessages(frameUrls, clip), max_tokens: 900 },
		onText
	);
	return { ...result, promptVersion: PROMPT_VERSION, frameCount: frameUrls.length };
}
