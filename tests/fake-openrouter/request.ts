/// <reference types="node" />
import { imageDimensions } from './png';
import type { LoggedImage, RequestSummary } from './types';
import { isRecord, shortSha256 } from './util';

/** MIME types OpenRouter accepts for image input. */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

type ImageFacts = Omit<LoggedImage, 'messageIndex' | 'partIndex' | 'role'>;

function magicMatches(mime: string, bytes: Buffer): boolean {
	if (mime === 'image/png') return bytes.readUInt32BE(0) === 0x89504e47;
	if (mime === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
	if (mime === 'image/gif') return bytes.toString('ascii', 0, 4) === 'GIF8';
	if (mime === 'image/webp')
		return bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP';
	return false;
}

/** Decodes and checks one image URL: a data URL must decode, carry a known MIME type and match it. */
export function inspectImageUrl(url: string, maxImageBytes: number): ImageFacts {
	if (!url.startsWith('data:')) {
		const ok = /^https?:\/\//.test(url);
		return {
			kind: 'url',
			mime: null,
			bytes: 0,
			sha256: null,
			url,
			...(ok ? {} : { problem: 'invalid_image' })
		};
	}
	const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
	const mimeRaw = (match?.[1] ?? '').toLowerCase();
	const mime = mimeRaw === 'image/jpg' ? 'image/jpeg' : mimeRaw;
	const isBase64 = (match?.[2] ?? '').split(';').includes('base64');
	const payload = (match?.[3] ?? '').replace(/\s+/g, '');
	if (
		!match ||
		!isBase64 ||
		payload.length === 0 ||
		!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) ||
		payload.length % 4 === 1
	) {
		return { kind: 'data', mime: mime || null, bytes: 0, sha256: null, problem: 'invalid_image' };
	}
	const bytes = Buffer.from(payload, 'base64');
	const facts: ImageFacts = { kind: 'data', mime, bytes: bytes.length, sha256: shortSha256(bytes) };
	const size = imageDimensions(bytes);
	if (size) Object.assign(facts, size);
	if (!IMAGE_MIME_TYPES.includes(mime)) return { ...facts, problem: 'unsupported_image_format' };
	if (bytes.length < 8 || !magicMatches(mime, bytes)) return { ...facts, problem: 'invalid_image' };
	if (bytes.length > maxImageBytes) return { ...facts, problem: 'image_too_large' };
	return facts;
}

/** Replaces data URLs by a short note so a logged body stays small. */
export function redact(value: unknown): unknown {
	if (typeof value === 'string') {
		if (value.startsWith('data:') && value.length > 80) {
			return `<${value.slice(0, value.indexOf(',') + 1)} ${value.length} chars>`;
		}
		return value.length > 4000 ? `${value.slice(0, 4000)}…` : value;
	}
	if (Array.isArray(value)) return value.map(redact);
	if (isRecord(value))
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
	return value;
}

function emptySummary(body: Record<string, unknown>): RequestSummary {
	return {
		model: typeof body.model === 'string' ? body.model : null,
		stream: body.stream === true,
		maxTokens: null,
		modalities: null,
		imageConfig: null,
		responseFormat: null,
		requireParameters: false,
		reasoning: body.reasoning ?? null,
		includeReasoning: typeof body.include_reasoning === 'boolean' ? body.include_reasoning : null,
		messageCount: 0,
		roles: [],
		text: '',
		imageCount: 0,
		images: [],
		referenceImages: [],
		redacted: redact(body)
	};
}

/** Reads a chat completion body: text, image parts (checked), and the OpenRouter extras. */
export function summariseChat(
	body: Record<string, unknown>,
	maxImageBytes: number
): RequestSummary {
	const summary = emptySummary(body);
	const maxTokens = body.max_completion_tokens ?? body.max_tokens;
	summary.maxTokens = typeof maxTokens === 'number' ? maxTokens : null;
	if (Array.isArray(body.modalities)) summary.modalities = body.modalities.map(String);
	if (isRecord(body.image_config)) summary.imageConfig = body.image_config;
	const format = body.response_format;
	if (isRecord(format) && typeof format.type === 'string') {
		const schema = isRecord(format.json_schema) ? format.json_schema : {};
		summary.responseFormat = {
			type: format.type,
			...(typeof schema.name === 'string' ? { name: schema.name } : {}),
			...(typeof schema.strict === 'boolean' ? { strict: schema.strict } : {}),
			...(schema.schema !== undefined ? { schema: schema.schema } : {})
		};
	}
	summary.requireParameters = isRecord(body.provider) && body.provider.require_parameters === true;
	const messages = Array.isArray(body.messages) ? body.messages : [];
	summary.messageCount = messages.length;
	const texts: string[] = [];
	messages.forEach((message, messageIndex) => {
		if (!isRecord(message)) return;
		const role = String(message.role ?? '');
		summary.roles.push(role);
		const content = message.content;
		if (typeof content === 'string') texts.push(content);
		if (!Array.isArray(content)) return;
		content.forEach((part, partIndex) => {
			if (!isRecord(part)) return;
			if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
			if (part.type === 'image_url') {
				const imageUrl = isRecord(part.image_url) ? part.image_url : {};
				const url = typeof imageUrl.url === 'string' ? imageUrl.url : '';
				const facts = inspectImageUrl(url, maxImageBytes);
				summary.images.push({
					messageIndex,
					partIndex,
					role,
					...facts,
					...(typeof imageUrl.detail === 'string' ? { detail: imageUrl.detail } : {})
				});
			}
		});
	});
	summary.text = texts.join('\n');
	summary.imageCount = summary.images.length;
	if (summary.modalities?.includes('image')) summary.referenceImages = summary.images;
	return summary;
}

/** Reads a POST /videos body: prompt, frame images and input references (checked like chat images). */
export function summariseVideo(
	body: Record<string, unknown>,
	maxImageBytes: number
): RequestSummary {
	const summary = emptySummary(body);
	summary.text = typeof body.prompt === 'string' ? body.prompt : '';
	const collect = (list: unknown, messageIndex: number) => {
		if (!Array.isArray(list)) return;
		list.forEach((part, partIndex) => {
			if (!isRecord(part)) return;
			const imageUrl = isRecord(part.image_url) ? part.image_url : {};
			const url = typeof imageUrl.url === 'string' ? imageUrl.url : '';
			summary.images.push({
				messageIndex,
				partIndex,
				role: messageIndex === 0 ? 'frame_images' : 'input_references',
				...inspectImageUrl(url, maxImageBytes),
				...(typeof part.frame_type === 'string' ? { frameType: part.frame_type } : {})
			});
		});
	};
	collect(body.frame_images, 0);
	collect(body.input_references, 1);
	summary.imageCount = summary.images.length;
	summary.referenceImages = summary.images;
	return summary;
}
