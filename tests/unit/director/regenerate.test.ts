import { describe, expect, it } from 'vitest';
import { regeneratedFields } from '$lib/director/session.svelte';
import { shot } from '../export/fixtures';

describe('regeneratedFields', () => {
	const written = {
		title: 'New',
		shotSize: 'Close-up',
		durationS: 3,
		notes: 'model notes',
		sourceTimeS: 9
	};

	it('takes what the model wrote, but never the person’s notes', () => {
		expect(regeneratedFields(shot('a', 0, { notes: 'mine' }), written)).toEqual({
			title: 'New',
			shotSize: 'Close-up',
			durationS: 3
		});
	});

	it('keeps the duration of a shot timed from the clip', () => {
		const timed = shot('a', 0, { sourceTimeS: 12, durationS: 4.5 });
		expect(regeneratedFields(timed, written)).toEqual({ title: 'New', shotSize: 'Close-up' });
	});
});
