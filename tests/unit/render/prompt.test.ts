import { describe, expect, it } from 'vitest';
import { buildRenderPrompt } from '$lib/render/prompt';
import { estimateImageCostUsd } from '$lib/ai/costs';
import { keysForPool, parseKeyPools } from '$lib/ai/key-pools';

const shot = {
	title: '  Arrival ',
	description: 'A courier   runs\nthrough the market.',
	shotSize: 'Wide',
	angle: 'Low angle',
	movement: '',
	notes: ''
};

describe('buildRenderPrompt', () => {
	it('joins the description, the camera and the style words', () => {
		const text = buildRenderPrompt({
			shot,
			style: { name: 'Ink', promptWords: 'loose ink wash' },
			aspectRatio: '16:9',
			hasStyleReference: false,
			hasContinuity: false
		});
		expect(text).toContain('Title: Arrival\n');
		expect(text).toContain('Scene: A courier runs through the market.');
		expect(text).toContain('Camera: Wide, Low angle.');
		expect(text).toContain('Style: loose ink wash.');
		expect(text).toContain('16:9');
		expect(text).not.toMatch(/attached|first attached/);
	});

	it('says what each attached image is for, in the order they are sent', () => {
		const both = buildRenderPrompt({
			shot,
			style: { name: 'Ink', promptWords: '' },
			aspectRatio: '1:1',
			hasStyleReference: true,
			hasContinuity: true
		});
		expect(both).toContain('Style: Ink.');
		expect(both).toMatch(/first attached image is the style reference/);
		expect(both).toMatch(/second image is the previous shot/);
		const continuityOnly = buildRenderPrompt({
			shot,
			style: { name: 'Ink', promptWords: '' },
			aspectRatio: '1:1',
			hasStyleReference: false,
			hasContinuity: true
		});
		expect(continuityOnly).toMatch(/attached image is the previous shot/);
	});
});

describe('estimateImageCostUsd', () => {
	it('prices the output image tokens plus the inputs', () => {
		const cost = estimateImageCostUsd(
			{ prompt: 0.0000003, completion: 0.0000025, image: 0.001238, imageOutput: 0.00003 },
			1
		)!;
		expect(cost).toBeGreaterThan(1290 * 0.00003);
		expect(cost).toBeLessThan(1290 * 0.00003 + 0.002);
		expect(estimateImageCostUsd({ prompt: 0, completion: 0, image: 0.04 }, 0)).toBe(0.04);
		expect(estimateImageCostUsd({ prompt: 0.000001, completion: 0.000001 })).toBeUndefined();
	});
});

describe('parseKeyPools', () => {
	it('reads plain and labelled keys, main key first, without repeats', () => {
		const pools = parseKeyPools(
			'sk-or-v1-a\n# comment\n\nteam-b: sk-or-v1-b\nteam-b: sk-or-v1-c\nsk-or-v1-a\nbad key with spaces',
			'sk-or-v1-main'
		);
		expect(pools.all).toEqual(['sk-or-v1-main', 'sk-or-v1-a', 'sk-or-v1-b', 'sk-or-v1-c']);
		expect([...pools.named.entries()]).toEqual([['team-b', ['sk-or-v1-b', 'sk-or-v1-c']]]);
		expect(keysForPool(pools, 'team-b')).toEqual(['sk-or-v1-b', 'sk-or-v1-c']);
		expect(keysForPool(pools, 'gone')).toEqual(pools.all);
		expect(keysForPool(pools, undefined)).toEqual(pools.all);
	});
});
