import { describe, expect, it } from 'vitest';
import { maxInputImages } from '$lib/ai/model-limits';

describe('maxInputImages', () => {
	it('knows the documented limits and nothing else', () => {
		expect(maxInputImages('recraft/recraft-v3')).toBe(1);
		expect(maxInputImages('black-forest-labs/flux.2-pro')).toBe(8);
		expect(maxInputImages('google/gemini-3-pro-image-preview')).toBe(14);
		expect(maxInputImages('sourceful/riverflow-v2-fast-preview')).toBeUndefined();
	});
});
