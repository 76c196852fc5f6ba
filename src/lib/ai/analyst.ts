import type { AiContext } from './client';
import { contextMessages, PROMPT_VERSION } from './prompts';
import { streamChat, type StreamResult } from './stream';

/** The scene description a vision model wrote from the clip's frames. */
export interface SceneAnalysis extends StreamResult {
	promptVersion: string;
	frameCount: number;
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
