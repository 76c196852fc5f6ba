import { describe, expect, it } from 'vitest';
import { maxInputImages } from '$lib/ai/model-limits';
import { leftOutNote, planReferences, UNKNOWN_MODEL_PICTURES } from '$lib/render/references';

const mara = { memberId: 'm', name: 'Mara', urls: ['data:mara-1', 'data:mara-2'] };
const tomas = { memberId: 't', name: 'Tomas', urls: ['data:tomas-1'] };
const pictures = { style: 'data:style', cast: [mara, tomas], continuity: 'data:previous' };
const urls = (plan: ReturnType<typeof planReferences>) => plan.sent.map((ref) => ref.url);

describe('planReferences', () => {
	it('sends the style first, each member’s main picture in cast order, continuity, then other angles', () => {
		const plan = planReferences(14, pictures);
		expect(urls(plan)).toEqual([
			'data:style',
			'data:mara-1',
			'data:tomas-1',
			'data:previous',
			'data:mara-2'
		]);
		expect(plan.left).toEqual([]);
	});

	it('gives a three-picture model the top three and says what was left out', () => {
		const model = 'google/gemini-2.5-flash-image';
		const limit = maxInputImages(model);
		const plan = planReferences(limit, pictures);
		expect(urls(plan)).toEqual(['data:style', 'data:mara-1', 'data:tomas-1']);
		expect(leftOutNote(model, limit, plan)).toBe(
			'google/gemini-2.5-flash-image takes 3 input pictures: the continuity picture and another picture of Mara were not sent.'
		);
	});

	it('keeps the style reference over everyone for a one-picture model, and sends nothing to a model that takes none', () => {
		expect(urls(planReferences(1, pictures))).toEqual(['data:style']);
		const none = planReferences(0, pictures);
		expect(none.sent).toEqual([]);
		expect(leftOutNote('m', 0, none)).toMatch(/^m takes no input pictures: the style reference, /);
	});

	it('caps a model with no documented limit, and notes nothing when all fit', () => {
		const plan = planReferences(undefined, pictures);
		expect(plan.sent).toHaveLength(UNKNOWN_MODEL_PICTURES);
		expect(leftOutNote('x/y', undefined, plan)).toBe(
			`x/y is sent at most ${UNKNOWN_MODEL_PICTURES} input pictures: another picture of Mara was not sent.`
		);
		expect(leftOutNote('x/y', 14, planReferences(14, pictures))).toBeUndefined();
	});

	it('works without a style reference, cast or continuity', () => {
		expect(urls(planReferences(3, { cast: [] }))).toEqual([]);
		expect(urls(planReferences(3, { cast: [tomas], continuity: 'data:previous' }))).toEqual([
			'data:tomas-1',
			'data:previous'
		]);
	});
});
