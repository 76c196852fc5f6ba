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

const oneBeat = { beat: { action: '', camera: '' }, beatIndex: 0, beatCount: 1 };

describe('buildRenderPrompt', () => {
	it('joins the description, the camera and the style words', () => {
		const text = buildRenderPrompt({
			shot,
			style: { name: 'Ink', promptWords: 'loose ink wash' },
			...oneBeat,
			aspectRatio: '16:9',
			cast: [],
			pictures: []
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
			...oneBeat,
			aspectRatio: '1:1',
			cast: [],
			pictures: [{ role: 'style' }, { role: 'continuity' }]
		});
		expect(both).toContain('Style: Ink.');
		expect(both).toMatch(/first attached image is the style reference/);
		expect(both).toMatch(/second attached image is the previous shot/);
		const continuityOnly = buildRenderPrompt({
			shot,
			style: { name: 'Ink', promptWords: '' },
			...oneBeat,
			aspectRatio: '1:1',
			cast: [],
			pictures: [{ role: 'continuity' }]
		});
		expect(continuityOnly).toMatch(/attached image is the previous shot/);
	});

	it('names the beat’s moment and camera, and calls a previous beat the previous panel', () => {
		const second = buildRenderPrompt({
			shot,
			beat: { action: 'She turns  to the door.', camera: 'Push in' },
			beatIndex: 1,
			beatCount: 3,
			style: { name: 'Ink', promptWords: '' },
			aspectRatio: '16:9',
			cast: [],
			pictures: [{ role: 'style' }, { role: 'continuity' }]
		});
		expect(second).toContain('Moment: panel 2 of 3 of this shot: She turns to the door.');
		expect(second).toContain('Camera in this panel: Push in');
		expect(second).toMatch(/second attached image is the previous panel of this same shot/);
	});

	it('names who is in the frame and which attached image shows whom, in the order sent', () => {
		const text = buildRenderPrompt({
			shot,
			...oneBeat,
			style: { name: 'Ink', promptWords: '' },
			aspectRatio: '16:9',
			cast: [
				{ name: 'Mara', kind: 'character', description: 'Thirties,  red raincoat' },
				{ name: 'Brass key', kind: 'prop', description: '' }
			],
			pictures: [
				{ role: 'style' },
				{ role: 'cast', memberId: 'm', name: 'Mara', main: true },
				{ role: 'cast', memberId: 'k', name: 'Brass key', main: true },
				{ role: 'continuity' },
				{ role: 'cast', memberId: 'm', name: 'Mara', main: false }
			]
		});
		expect(text).toContain(
			'In the frame:\n- Mara (character): Thirties, red raincoat\n- Brass key (prop)\n'
		);
		expect(text).toMatch(/The first attached image is the style reference/);
		expect(text).toMatch(/The second attached image shows Mara: keep their look/);
		expect(text).toMatch(/The third attached image shows Brass key:/);
		expect(text).toMatch(/The fourth attached image is the previous shot/);
		expect(text).toMatch(/The fifth attached image shows Mara from another angle/);
	});

	it('reads a shot of one plain beat exactly as a shot', () => {
		const text = buildRenderPrompt({
			shot,
			...oneBeat,
			style: { name: 'Ink', promptWords: '' },
			aspectRatio: '16:9',
			cast: [],
			pictures: []
		});
		expect(text).not.toMatch(/Moment|panel/);
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
