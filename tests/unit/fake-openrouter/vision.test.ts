import { APIError, BadRequestError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { sdk, TINY_JPEG, useFake } from './fixture';

const fake = useFake({ maxImageBytes: 2000 });

function analyse(urls: string[], model = 'openai/gpt-4o-mini') {
	return sdk(fake()).chat.completions.create({
		model,
		max_tokens: 1000,
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Describe this clip.' },
					...urls.map((url) => ({
						type: 'image_url' as const,
						image_url: { url, detail: 'low' as const }
					}))
				]
			}
		]
	});
}

describe('vision chat', () => {
	it('counts the image parts, records their size and hash, and describes the scene mentioning the count', async () => {
		const completion = await analyse([TINY_JPEG, TINY_JPEG, TINY_JPEG]);
		expect(completion.choices[0]?.message.content).toMatch(/^Scene analysis of 3 images/);
		const body = fake().log[0]?.body;
		expect(body?.imageCount).toBe(3);
		expect(body?.images[0]).toMatchObject({
			kind: 'data',
			mime: 'image/jpeg',
			width: 16,
			height: 8,
			detail: 'low',
			role: 'user',
			partIndex: 1
		});
		expect(body?.images[0]?.sha256).toMatch(/^[0-9a-f]{16}$/);
		expect(JSON.stringify(body?.redacted)).not.toContain('/9j/');
	});

	it('answers 400 invalid_image for a data URL that does not decode to its MIME type', async () => {
		const error = await analyse(['data:image/jpeg;base64,aGVsbG8gd29ybGQ=']).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BadRequestError);
		expect((error as BadRequestError).error).toMatchObject({
			code: 400,
			metadata: { error_type: 'invalid_image' }
		});
		const broken = await analyse(['data:image/png;base64,@@@']).catch((e: unknown) => e);
		expect((broken as BadRequestError).error).toMatchObject({
			metadata: { error_type: 'invalid_image' }
		});
		const bmp = await analyse(['data:image/bmp;base64,Qk0=']).catch((e: unknown) => e);
		expect((bmp as BadRequestError).error).toMatchObject({
			metadata: { error_type: 'unsupported_image_format' }
		});
	});

	it('answers 413 when an image is over the byte cap', async () => {
		const big = `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(3000)]).toString('base64')}`;
		const error = await analyse([big]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(APIError);
		expect((error as APIError).status).toBe(413);
	});

	it('answers 404 when images go to a text-only model', async () => {
		const error = await analyse([TINY_JPEG], 'deepseek/deepseek-r1').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NotFoundError);
	});
});
