import type OpenAI from 'openai';
import type { AiContext } from './client';
import { usageCost } from './costs';

type StreamRequest = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/** What a finished stream delivered. */
export interface StreamResult {
	text: string;
	finishReason: string | null;
	costUsd: number;
	generationId?: string;
	model?: string;
}

/**
 * Stream a chat completion, passing each piece of answer text to `onText` as it arrives.
 * Only `delta.content` counts as answer: reasoning deltas are not part of it. Errors (including
 * one sent in the middle of the stream) are thrown; what arrived before went to `onText`.
 */
export async function streamChat(
	signal: AbortSignal,
	ai: AiContext,
	request: Omit<StreamRequest, 'stream'> & Record<string, unknown>,
	onText: (piece: string) => void
): Promise<StreamResult> {
	const stream = await ai.client.chat.completions.create(
		{ ...request, stream: true } as StreamRequest,
		{ signal }
	);
	let text = '';
	let finishReason: string | null = null;
	let costUsd = 0;
	let generationId: string | undefined;
	let model: string | undefined;
	for await (const chunk of stream) {
		generationId ??= chunk.id;
		model ??= chunk.model;
		if (chunk.usage) costUsd = usageCost(chunk.usage);
		const choice = chunk.choices[0];
		if (!choice) continue;
		const piece = choice.delta?.content;
		if (piece) {
			text += piece;
			onText(piece);
		}
		if (choice.finish_reason) finishReason = choice.finish_reason;
	}
	// The SDK ends the iteration quietly when the request is aborted: make that a cancel, not an end.
	signal.throwIfAborted();
	const result: StreamResult = { text, finishReason, costUsd };
	if (generationId) result.generationId = generationId;
	if (model) result.model = model;
	return result;
}
