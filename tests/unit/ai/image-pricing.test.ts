import { describe, expect, it } from 'vitest';
import { describePrice, restoreModelInfo } from '$lib/ai/catalogue';
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
