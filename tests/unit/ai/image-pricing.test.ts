import { describe, expect, it } from 'vitest';
import { describePrice, listModels, restoreModelInfo } from '$lib/ai/catalogue';
import { createAiClient } from '$lib/ai/client';
import { defaultOptions } from '$lib/ai/meta';
import { useFake } from '../fake-openrouter/fixture';
import { estimateImageCostUsd, perOutputImage } from '$lib/ai/costs';

const model = (pricing: Record<string, string>) =>
	restoreModelInfo({ id: 'a/b', name: 'B', pricing })!;

describe('perOutputImage', () => {
	it('reads image_token per token, 1290 tokens an image', () => {
		expect(perOutputImage(model({ image_token: '0.00003' }).pricing)).toBeCloseTo(0.0387, 9);
	});

	it('reads image_output per image, as OpenRouter’s schema describes it', () => {
		expect(perOutputImage(model({ image_output: '0.03' }).pricing)).toBe(0.03);
	});

	it('reads a per-token amount listed under image_output per token (Gemini’s 0.00003)', () => {
		expect(perOutputImage(model({ image_output: '0.00003' }).pricing)).toBeCloseTo(0.0387, 9);
	});

	it('has no price when neither is listed', () => {
		expect(perOutputImage(model({ prompt: '0', completion: '0' }).pricing)).toBeUndefined();
		expect(estimateImageCostUsd(model({ prompt: '0', completion: '0' }).pricing)).toBeUndefined();
	});
});

describe('describePrice', () => {
	it('is not "free" for an image model whose tokens cost nothing but whose images do', () => {
		expect(describePrice(model({ prompt: '0', completion: '0', image_output: '0.03' }))).toBe(
			'$0.030 per image'
		);
		expect(describePrice(model({ prompt: '0', completion: '0' }))).toBe('free');
	});
});

describe('listModels', () => {
	const fake = useFake();
	it('asks the public /models catalogue with no Authorization header, with or without a key', async () => {
		for (const key of ['', 'sk-or-v1-test-key-0001', 'sk-or-v1-bad-key']) {
			const ai = createAiClient({ ...defaultOptions, baseUrl: fake().url }, key);
			expect((await listModels(new AbortController().signal, ai, 'image')).length).toBeGreaterThan(
				0
			);
		}
		const requests = fake().requests({ method: 'GET', path: '/models' });
		expect(requests).toHaveLength(3);
		expect(requests.every((r) => r.headers.authorization === undefined && r.status === 200)).toBe(
			true
		);
	});
});
