import { describe, expect, it } from 'vitest';
import { rawStream, sdk, useFake } from './fixture';

const fake = useFake();

function dataEvents(text: string): string[] {
	return text
		.split(/\r?\n\r?\n/)
		.flatMap((block) => block.split(/\r?\n/).filter((line) => line.startsWith('data: ')))
		.map((line) => line.slice('data: '.length));
}

describe('streaming chat completions', () => {
	it('streams the director JSON through the SDK, with a role-only first delta, finish and usage chunks', async () => {
		const client = sdk(fake());
		const stream = await client.chat.completions.create({
			model: 'google/gemini-2.5-flash',
			max_tokens: 4000,
			stream: true,
			messages: [
				{
					role: 'user',
					content:
						'Write the shots as JSON. Shot count: 4. Premise: a lighthouse keeper finds a bottle'
				}
			]
		});
		const chunks = [];
		for await (const chunk of stream) chunks.push(chunk);
		expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
		const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
		const parsed = JSON.parse(content) as {
			shots: { title: string; description: string; transition: string }[];
		};
		expect(parsed.shots).toHaveLength(4);
		expect(parsed.shots[0]?.description).toContain('lighthouse keeper');
		const finish = chunks.find((c) => c.choices[0]?.finish_reason);
		expect(finish?.choices[0]?.finish_reason).toBe('stop');
		const last = chunks[chunks.length - 1];
		expect(last?.choices).toEqual([]);
		const usage = last?.usage as unknown as { cost: number; completion_tokens: number };
		expect(usage.cost).toBeGreaterThan(0);
		expect(usage.completion_tokens).toBeGreaterThan(50);
		expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
		expect(chunks[0]?.id).toMatch(/^gen-\d+-\w{20}$/);
	});

	it('sends a keep-alive comment before the first data event, splits events across writes and ends with [DONE]', async () => {
		fake().setMode({ keepAliveEveryChunks: 3 });
		const { text, reads, headers } = await rawStream(fake(), {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Describe the scene.' }]
		});
		expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
		expect(text.match(/: OPENROUTER PROCESSING/g)?.length).toBeGreaterThan(2);
		const events = dataEvents(text);
		expect(events[events.length - 1]).toBe('[DONE]');
		expect(reads).toBeGreaterThan(events.length);
		const first = JSON.parse(events[0] ?? '{}') as { id: string };
		expect(headers.get('x-generation-id')).toBe(first.id);
		const entry = fake().requests({ path: '/chat/completions' })[0];
		expect(entry?.sentEvents).toBe(events.length);
		expect(entry?.finished).toBe(true);
	});

	it('uses \\r\\n line endings in crlf mode and the SDK still parses them', async () => {
		fake().setMode({ crlf: true });
		const { text } = await rawStream(fake(), {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'hello' }]
		});
		expect(text).toContain('\r\n\r\ndata: ');
		expect(text.replace(/\r\n/g, '')).not.toContain('\n');
		const stream = await sdk(fake()).chat.completions.create({
			model: 'openai/gpt-4o-mini',
			stream: true,
			messages: [{ role: 'user', content: 'hello' }]
		});
		let content = '';
		for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
		expect(content).toContain('fake OpenRouter');
	});

	it('streams reasoning and reasoning_details before the content of a reasoning model, unless excluded', async () => {
		const client = sdk(fake());
		const request = {
			model: 'deepseek/deepseek-r1',
			stream: true as const,
			messages: [{ role: 'user' as const, content: 'Shots as JSON please, exactly 3 shots.' }]
		};
		const kinds: string[] = [];
		let content = '';
		for await (const chunk of await client.chat.completions.create(request)) {
			const delta = chunk.choices[0]?.delta as
				{ content?: string; reasoning?: string; reasoning_details?: unknown[] } | undefined;
			if (delta?.reasoning) kinds.push('reasoning');
			if (delta?.content) kinds.push('content');
			content += delta?.content ?? '';
			if (delta?.reasoning) expect(delta.reasoning_details).toHaveLength(1);
		}
		expect(kinds[0]).toBe('reasoning');
		expect(kinds.lastIndexOf('reasoning')).toBeLessThan(kinds.indexOf('content'));
		expect((JSON.parse(content) as { shots: unknown[] }).shots).toHaveLength(3);
		const excluded = await client.chat.completions.create({
			...request,
			reasoning: { exclude: true }
		} as typeof request);
		for await (const chunk of excluded)
			expect(
				(chunk.choices[0]?.delta as { reasoning?: string } | undefined)?.reasoning
			).toBeUndefined();
	});

	it('paces content at tokenDelayMs and keeps the connection alive during latencyMs', async () => {
		fake().setMode({ latencyMs: 120, keepAliveMs: 30, tokenDelayMs: 5, keepAliveEveryChunks: 0 });
		const started = Date.now();
		const { text } = await rawStream(fake(), {
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'hello' }]
		});
		const beforeData = text.slice(0, text.indexOf('data: '));
		expect(beforeData.match(/: OPENROUTER PROCESSING/g)?.length).toBeGreaterThanOrEqual(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
	});

	it('records the generation for GET /generation?id=', async () => {
		const completion = await sdk(fake()).chat.completions.create({
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'hello' }]
		});
		const response = await fetch(`${fake().url}/generation?id=${completion.id}`, {
			headers: { authorization: 'Bearer sk-or-v1-test-key-0001' }
		});
		const { data } = (await response.json()) as {
			data: { id: string; total_cost: number; model: string; streamed: boolean };
		};
		expect(data).toMatchObject({ id: completion.id, model: 'openai/gpt-4o-mini', streamed: false });
		expect(data.total_cost).toBe((completion.usage as unknown as { cost: number }).cost);
	});
});
