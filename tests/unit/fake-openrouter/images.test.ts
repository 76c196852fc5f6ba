import { NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { dataUrlBytes, pngSize, sdk, TINY_JPEG, useFake } from './fixture';

const fake = useFake();

interface ImageMessage {
	content: string | null;
	images?: { type: string; image_url: { url: string } }[];
}

function render(model: string, prompt: string, extra: Record<string, unknown> = {}) {
	return sdk(fake()).chat.completions.create({
		model,
		max_tokens: 2000,
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text: prompt },
					{ type: 'image_url', image_url: { url: TINY_JPEG } }
				]
			}
		],
		...extra
	} as Parameters<ReturnType<typeof sdk>['chat']['completions']['create']>[0] & { stream?: false });
}

describe('image generation through chat', () => {
	it('returns a real PNG of the requested aspect ratio, plus a caption, for an image+text model', async () => {
		const completion = await render(
			'google/gemini-2.5-flash-image',
			'Wide shot of a harbour at dawn',
			{ modalities: ['image', 'text'], image_config: { aspect_ratio: '16:9' } }
		);
		const message = completion.choices[0]?.message as unknown as ImageMessage;
		expect(message.content).toContain('harbour');
		expect(message.images).toHaveLength(1);
		const url = message.images?.[0]?.image_url.url ?? '';
		expect(url.startsWith('data:image/png;base64,')).toBe(true);
		expect(pngSize(dataUrlBytes(url))).toEqual({ width: 1344, height: 768 });
		const usage = completion.usage as unknown as {
			cost: number;
			completion_tokens_details: { image_tokens: number };
		};
		expect(usage.completion_tokens_details.image_tokens).toBe(1290);
		expect(usage.cost).toBeGreaterThan(0.03);
	});

	it('scales with image_size and imageScale, and answers 400 for an unknown aspect ratio', async () => {
		fake().setMode({ imageScale: 0.25 });
		const completion = await render('google/gemini-3-pro-image-preview', 'Portrait', {
			modalities: ['image', 'text'],
			image_config: { aspect_ratio: '9:16', image_size: '2K' }
		});
		const url =
			(completion.choices[0]?.message as unknown as ImageMessage).images?.[0]?.image_url.url ?? '';
		expect(pngSize(dataUrlBytes(url))).toEqual({ width: 384, height: 672 });
		await expect(
			render('google/gemini-2.5-flash-image', 'x', {
				modalities: ['image', 'text'],
				image_config: { aspect_ratio: '7:3' }
			})
		).rejects.toMatchObject({ status: 400 });
	});

	it('draws a different picture for a different prompt', async () => {
		fake().setMode({ imageScale: 0.1 });
		const urls = [];
		for (const prompt of ['Shot one: the door', 'Shot two: the key']) {
			const completion = await render('black-forest-labs/flux.2-pro', prompt, {
				modalities: ['image']
			});
			urls.push(
				(completion.choices[0]?.message as unknown as ImageMessage).images?.[0]?.image_url.url
			);
		}
		expect(urls[0]).not.toBe(urls[1]);
	});

	it('answers 404 when an image-only model is asked for image and text', async () => {
		const error = await render('black-forest-labs/flux.2-pro', 'x', {
			modalities: ['image', 'text']
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotFoundError);
		expect((error as NotFoundError).message).toContain('output modalities');
		await expect(render('black-forest-labs/flux.2-pro', 'x')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('gives image-only models no text and records the reference images of the request', async () => {
		fake().setMode({ imageScale: 0.1 });
		const completion = await render('black-forest-labs/flux.2-pro', 'Style: ink', {
			modalities: ['image']
		});
		expect((completion.choices[0]?.message as unknown as ImageMessage).content).toBe('');
		const body = fake().requests({ path: '/chat/completions' })[0]?.body;
		expect(body?.referenceImages).toHaveLength(1);
		expect(body?.referenceImages[0]).toMatchObject({ mime: 'image/jpeg', kind: 'data' });
	});

	it('streams images whole in one delta.images chunk', async () => {
		fake().setMode({ imageScale: 0.1 });
		const stream = await sdk(fake()).chat.completions.create({
			model: 'google/gemini-2.5-flash-image',
			stream: true,
			messages: [{ role: 'user', content: 'A red kite' }],
			modalities: ['image', 'text']
		} as Parameters<ReturnType<typeof sdk>['chat']['completions']['create']>[0] & { stream: true });
		const withImages = [];
		for await (const chunk of stream) {
			const delta = chunk.choices[0]?.delta as
				{ images?: { image_url: { url: string } }[] } | undefined;
			if (delta?.images) withImages.push(delta.images);
		}
		expect(withImages).toHaveLength(1);
		expect(pngSize(dataUrlBytes(withImages[0]?.[0]?.image_url.url ?? ''))).toEqual({
			width: 102,
			height: 102
		});
	});

	it('serves the URL variant itself, with CORS and resource-policy headers', async () => {
		fake().setMode({ imageScale: 0.1 });
		const completion = await render('sourceful/riverflow-v2-fast-preview', 'A lamp', {
			modalities: ['image'],
			image_config: { aspect_ratio: '4:3' }
		});
		const url =
			(completion.choices[0]?.message as unknown as ImageMessage).images?.[0]?.image_url.url ?? '';
		expect(url).toMatch(new RegExp(`^${fake().origin}/files/img-\\w+\\.png$`));
		const response = await fetch(url, { headers: { origin: 'http://localhost:4173' } });
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4173');
		expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({
			width: 118,
			height: 86
		});
	});

	it('can refuse with content_filter or return no image at all', async () => {
		fake().script(['image-refusal', 'image-empty']);
		const refusal = (
			await render('google/gemini-2.5-flash-image', 'x', { modalities: ['image', 'text'] })
		).choices[0];
		expect(refusal?.finish_reason).toBe('content_filter');
		expect((refusal?.message as unknown as ImageMessage).images).toBeUndefined();
		const empty = (
			await render('google/gemini-2.5-flash-image', 'x', { modalities: ['image', 'text'] })
		).choices[0];
		expect(empty?.finish_reason).toBe('stop');
		expect((empty?.message as unknown as ImageMessage).images).toBeUndefined();
	});
});
