import type OpenAI from 'openai';
import type { AiContext } from '$lib/ai/client';
import { usageCost } from '$lib/ai/costs';
import { AiOutputError } from '$lib/ai/errors';
import { dataUrlBytes, imageDimensions, sniffImageType } from '$lib/util/image-bytes';
import type { RenderedImage, RenderRequest, RenderResult } from './meta';

/** The answer held no usable image (a refusal, a text-only reply, a broken file). */
export class NoImageError extends AiOutputError {
	constructor(message: string, rawOutput: string, costUsd = 0) {
		super(message, rawOutput, costUsd);
		this.name = 'NoImageError';
	}
}

type ImagePart = { type?: string; image_url?: { url?: unknown } };
type StreamRequest = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/**
 * Image-only models answer `["image","text"]` with a 404, so the modalities come from what the
 * catalogue says the model outputs; a model we know nothing about is asked for both.
 */
export function modalitiesFor(outputModalities: readonly string[]): string[] {
	if (outputModalities.includes('image') && !outputModalities.includes('text')) return ['image'];
	return ['image', 'text'];
}

/** The chat request for a render: reference images first, then the text. */
export function renderRequestBody(request: RenderRequest): Record<string, unknown> {
	const content: OpenAI.Chat.Completions.ChatCompletionContentPart[] = [];
	for (const url of request.pictures) content.push({ type: 'image_url', image_url: { url } });
	content.push({ type: 'text', text: request.prompt });
	return {
		model: request.model,
		messages: [{ role: 'user', content }],
		modalities: modalitiesFor(request.outputModalities),
		image_config: { aspect_ratio: request.aspectRatio },
		max_tokens: 1024
	};
}

/** How much of a file's start is read for its type and size. */
const HEADER_BYTES = 64 * 1024;

/** A data URL is decoded in place (no Blob reads, which queue behind storage work); an https URL is downloaded. */
async function receivedImage(url: string, signal: AbortSignal): Promise<RenderedImage> {
	let bytes: Uint8Array | undefined;
	let blob: Blob | undefined;
	if (url.startsWith('data:')) {
		try {
			bytes = dataUrlBytes(url)?.bytes;
		} catch {
			bytes = undefined;
		}
	} else if (/^https?:\/\//i.test(url)) {
		let response: Response;
		try {
			response = await fetch(url, { signal, credentials: 'omit' });
		} catch (error) {
			if (signal.aborted) throw error;
			throw new NoImageError(
				`The image could not be downloaded from ${new URL(url).host} (the server may not allow it). Try again.`,
				url
			);
		}
		if (!response.ok) {
			throw new NoImageError(`The image download failed (${response.status}). Try again.`, url);
		}
		blob = await response.blob();
	}
	const header = bytes ?? (blob && new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer()));
	if (!header)
		throw new NoImageError(
			'The model sent an image in a form Maestro cannot read.',
			url.slice(0, 200)
		);
	const type = sniffImageType(header);
	if (!type)
		throw new NoImageError('The model sent a file that is not an image.', url.slice(0, 200));
	const typed = bytes
		? new Blob([bytes as BlobPart], { type })
		: blob!.type === type
			? blob!
			: new Blob([blob!], { type });
	return {
		blob: typed,
		...imageDimensions(header.subarray(0, HEADER_BYTES)),
		...(bytes ? { dataUrl: url.replace(/^data:[^;,]*/i, `data:${type}`) } : {})
	};
}

/**
 * Render one image through chat completions (streamed, so a slow model keeps the connection
 * alive). Images come whole in `delta.images` (or `message.images` from servers that answer
 * in one piece); each becomes a Blob. No automatic retries here: the job runner owns those.
 */
export async function renderImage(
	signal: AbortSignal,
	ai: AiContext,
	request: RenderRequest
): Promise<RenderResult> {
	const stream = await ai.client.chat.completions.create(
		{ ...renderRequestBody(request), stream: true } as unknown as StreamRequest,
		{ signal, maxRetries: 0 }
	);
	const urls: string[] = [];
	let caption = '';
	let refusal = '';
	let costUsd = 0;
	let generationId: string | undefined;
	for await (const chunk of stream) {
		generationId ??= chunk.id;
		if (chunk.usage) costUsd = usageCost(chunk.usage);
		const choice = chunk.choices[0];
		if (!choice) continue;
		const delta = choice.delta as {
			content?: string | null;
			refusal?: string | null;
			images?: ImagePart[];
		};
		if (delta?.content) caption += delta.content;
		if (delta?.refusal) refusal += delta.refusal;
		for (const part of delta?.images ?? []) {
			if (typeof part?.image_url?.url === 'string') urls.push(part.image_url.url);
		}
	}
	signal.throwIfAborted();
	if (urls.length === 0) {
		const said = (refusal || caption).trim();
		throw new NoImageError(
			said
				? `No image came back. The model said: “${said.slice(0, 200)}”`
				: 'No image came back from the model.',
			said,
			costUsd
		);
	}
	const images = await Promise.all(urls.map((url) => receivedImage(url, signal))).catch(
		(error: unknown) => {
			// The image was billed even when it cannot be read: keep the cost with the error.
			if (error instanceof NoImageError && costUsd > 0) {
				throw new NoImageError(error.message, error.rawOutput, costUsd);
			}
			throw error;
		}
	);
	return { images, costUsd, caption: caption.trim(), generationId };
}
