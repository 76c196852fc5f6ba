import { describe, expect, it } from 'vitest';
import { panelTexts } from '$lib/export/pdf-panels';
import { shot } from './fixtures';

describe('panelTexts', () => {
	const beats = [
		{ id: 'x', action: 'The door opens', camera: 'Wide' },
		{ id: 'y', action: 'She turns', camera: 'Push in', share: 0.5 },
		{ id: 'z', action: 'She sees him', camera: '' }
	];
	const panels = panelTexts([
		shot('a', 0, {
			title: 'Porch',
			description: 'Rain on the porch.',
			dialogue: [{ speaker: 'Ana', line: 'Who?' }],
			sound: 'Rain',
			durationS: 2
		}),
		shot('b', 1, {
			title: 'Hall',
			description: 'A dark hall.',
			dialogue: [{ speaker: 'Ana', line: 'You.' }],
			sound: 'Thunder',
			durationS: 4,
			transition: 'dissolve',
			beats
		})
	]);

	it('makes a panel per beat, labelled by shot for one beat and N.M for several', () => {
		expect(panels.map((p) => p.label)).toEqual(['1', '2.1', '2.2', '2.3']);
		expect(panels.map((p) => p.heading)).toEqual(['1. Porch', '2.1  Hall', '2.2', '2.3']);
	});

	it('keeps a shot of one beat as it was', () => {
		expect(panels[0]).toMatchObject({
			action: '',
			description: 'Rain on the porch.',
			dialogue: ['ANA: Who?'],
			sound: 'Sound: Rain',
			notes: ['Medium · Eye level · Static', '2 s · Cut']
		});
	});

	it('says the shot’s fields once, under its first beat, and each beat’s own text under it', () => {
		expect(panels[1]).toMatchObject({
			action: 'The door opens — Wide',
			description: 'A dark hall.',
			dialogue: ['ANA: You.'],
			sound: 'Sound: Thunder',
			notes: ['Medium · Eye level · Static', '4 s · Dissolve']
		});
		for (const later of panels.slice(2)) {
			expect([later.description, later.dialogue, later.sound]).toEqual(['', [], '']);
			expect(later.heading).not.toContain('Hall');
		}
		expect(panels.slice(2).map((p) => [p.action, ...p.notes])).toEqual([
			['She turns', 'Push in', '2 s · Cut'],
			['She sees him', '—', '1 s · Cut']
		]);
	});
});
