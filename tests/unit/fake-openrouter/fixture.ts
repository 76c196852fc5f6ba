import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeOpenRouter, type FakeOpenRouter, type FakeOptions } from '../../fake-openrouter';

/** Starts one fake for the file, resets it after each test, closes it at the end. */
export function useFake(options: FakeOptions = {}): () => FakeOpenRouter {
	let fake: FakeOpenRouter | undefined;
	beforeAll(async () => {
		fake = await startFakeOpenRouter(options);
	});
	afterEach(() => fake?.reset());
	afterAll(async () => fake?.close());
	return () => {
		if (!fake) throw new Error('fake not started');
		return fake;
	};
}

/** The real openai SDK pointed at the fake, with Maestro's attribution headers and no retries unless asked. */
export function sdk(
	fake: FakeOpenRouter,
	options: { key?: string; maxRetries?: number; timeout?: number } = {}
): OpenAI {
	return new OpenAI({
		baseURL: fake.url,
		apiKey: options.key ?? 'sk-or-v1-test-key-0001',
		maxRetries: options.maxRetries ?? 0,
		timeout: options.timeout ?? 5000,
		defaultHeaders: { 'HTTP-Referer': 'http://localhost:4173', 'X-OpenRouter-Title': 'Maestro' }
	});
}

/** Width and height read from a PNG's IHDR. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint32(0) !== 0x89504e47) throw new Error('not a PNG');
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Bytes of a base64 data URL. */
export function dataUrlBytes(url: string): Uint8Array {
	return new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** A real 16×8 JPEG (made with ffmpeg) as a data URL, for vision requests. */
export const TINY_JPEG =
	'data:image/jpeg;base64,/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABLAAEBAAAAAAAAAAAAAAAAAAAABQEBAAAAAAAAAAAAAAAAAAAABhABAAAAAAAAAAAAAAAAAAAAABEBAAAAAAAAAAAAAAAAAAAAAP/AABEIAAgAEAMBIgACEQADEQD/2gAMAwEAAhEDEQA/AIIB2Ov/2Q==';

/** Raw SSE text of a streamed chat request made with fetch. */
export async function rawStream(
	fake: FakeOpenRouter,
	body: Record<string, unknown>
): Promise<{ text: string; reads: number; headers: Headers }> {
	const response = await fetch(`${fake.url}/chat/completions`, {
		method: 'POST',
		headers: { authorization: 'Bearer sk-or-v1-test-key-0001', 'content-type': 'application/json' },
		body: JSON.stringify({ stream: true, ...body })
	});
	const reader = response.body?.getReader();
	if (!reader) throw new Error('no body');
	const decoder = new TextDecoder();
	let text = '';
	let reads = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		reads++;
		text += decoder.decode(value, { stream: true });
	}
	return { text, reads, headers: response.headers };
}
