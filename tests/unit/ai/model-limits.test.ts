import { describe, expect, it } from 'vitest';
import { fitReferences, maxInputImages } from '$lib/ai/model-limits';

const both = { styleReferenceUrl: 'data:style', continuityUrl: 'data:previous' };

describe('maxInputImages', () => {
	it('knows the documented limits and nothing else', () => {
		expect(maxInputImages('recraft/recraft-v3')).toBe(1);
		expect(maxInputImages('black-forest-labs/flux.2-pro')).toBe(8);
		expect(maxInputImages('google/gemini-3-pro-image-preview')).toBe(14);
		expect(maxInputImages('sourceful/riverflow-v2-fast-preview')).toBeUndefined();
	});
});

describe('fitReferences', () => {
	it('sends both pictures to a model that takes them', () => {
		expect(fitReferences('black-forest-labs/flux.2-pro', both)).toEqual({
			references: both,
			notes: []
		});
		expect(fitReferences('unknown/model', both).references).toEqual(both);
	});

	it('leaves out the previous shot’s picture first, with a note, for a one-picture model', () => {
		const fitted = fitReferences('recraft/recraft-v3', both);
		expect(fitted.references).toEqual({ styleReferenceUrl: 'data:style' });
		expect(fitted.notes).toEqual([
			'recraft/recraft-v3 takes one input picture: the previous shot’s picture was not sent.'
		]);
	});
});
