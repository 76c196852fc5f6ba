import { describe, expect, it } from 'vitest';
import { maxInputImages } from '$lib/ai/model-limits';
import {
	buildDesignPrompt,
	designAspectRatio,
	planDesignPictures,
	type DesignChoice
} from '$lib/render/design';

const mara = { name: 'Mara', kind: 'character' as const, description: 'Thirties, red raincoat' };
const plain: DesignChoice = { turnaround: false, keepMain: false };

describe('planDesignPictures', () => {
	it('sends the style reference first, then the member’s main picture', () => {
		expect(planDesignPictures(3, { style: true, main: true })).toEqual(['style', 'main']);
		expect(planDesignPictures(3, { style: false, main: true })).toEqual(['main']);
	});

	it('keeps the style reference for a one-picture model and sends nothing to a model that takes none', () => {
		expect(
			planDesignPictures(maxInputImages('recraft/recraft-v3'), { style: true, main: true })
		).toEqual(['style']);
		expect(planDesignPictures(0, { style: true, main: true })).toEqual([]);
	});

	it('sends both to a model with no documented limit', () => {
		expect(planDesignPictures(undefined, { style: true, main: true })).toEqual(['style', 'main']);
	});
});

describe('designAspectRatio', () => {
	it('draws a character as a portrait, a turnaround as a wide sheet, a prop square and a place wide', () => {
		expect(designAspectRatio('character', false)).toBe('3:4');
		expect(designAspectRatio('character', true)).toBe('16:9');
		expect(designAspectRatio('prop', true)).toBe('1:1');
		expect(designAspectRatio('location', false)).toBe('16:9');
	});
});

describe('buildDesignPrompt', () => {
	it('asks for one clear portrait of a character on a plain background, with the description', () => {
		const prompt = buildDesignPrompt({
			member: mara,
			choice: plain,
			pictures: [],
			candidate: 0,
			total: 1
		});
		expect(prompt).toContain('Mara: a character reference picture.');
		expect(prompt).toContain('plain light-grey background');
		expect(prompt).toContain('Description: Thirties, red raincoat');
		expect(prompt).not.toMatch(/turnaround|attached|Candidate/);
	});

	it('asks for a turnaround sheet of four views in one outfit when chosen', () => {
		const prompt = buildDesignPrompt({
			member: mara,
			choice: { ...plain, turnaround: true },
			pictures: [],
			candidate: 0,
			total: 1
		});
		expect(prompt).toContain('Mara: a character turnaround sheet.');
		expect(prompt).toContain('front view, three-quarter view, side view, back view');
		expect(prompt).toContain('Same outfit');
	});

	it('never asks for a turnaround of a prop or a place', () => {
		const key = { name: 'Brass key', kind: 'prop' as const, description: 'Old, worn' };
		const prompt = buildDesignPrompt({
			member: key,
			choice: { ...plain, turnaround: true },
			pictures: [],
			candidate: 0,
			total: 1
		});
		expect(prompt).toContain('Brass key: a prop reference picture.');
		expect(prompt).not.toContain('turnaround');
		const harbour = buildDesignPrompt({
			member: { name: 'Harbour', kind: 'location', description: '' },
			choice: plain,
			pictures: [],
			candidate: 0,
			total: 1
		});
		expect(harbour).toContain('Harbour: a location reference picture.');
		expect(harbour).toContain('Description: Harbour (location).');
	});

	it('names the style in words and says what each attached picture is for, in order', () => {
		const prompt = buildDesignPrompt({
			member: mara,
			choice: { ...plain, keepMain: true, style: { name: 'Ink', promptWords: 'ink wash, loose' } },
			pictures: ['style', 'main'],
			candidate: 1,
			total: 3
		});
		expect(prompt).toContain('Style: ink wash, loose.');
		expect(prompt).toContain('The first attached image is the style reference');
		expect(prompt).toContain('The second attached image shows Mara as they look now');
		expect(prompt).toContain('Candidate 2 of 3');
	});

	it('calls a lone picture “the attached image” and gives each candidate its own text', () => {
		const input = {
			member: mara,
			choice: { ...plain, style: { name: 'Ink', promptWords: '' } },
			pictures: ['style'] as const,
			total: 2
		};
		const first = buildDesignPrompt({ ...input, candidate: 0 });
		expect(first).toContain('Style: Ink.');
		expect(first).toContain('The attached image is the style reference');
		expect(first).not.toBe(buildDesignPrompt({ ...input, candidate: 1 }));
	});
});
