import { describe, expect, it } from 'vitest';
import { regeneratedFields, rewrittenBeats } from '$lib/director/session.svelte';
import type { Beat } from '$lib/domain/types';
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

describe('rewrittenBeats', () => {
	const current: Beat[] = [
		{ id: 'a#1', action: 'Old one', camera: '', share: 0.7, sourceTimeS: 2, keyframeAssetId: 'k' },
		{ id: 'b', action: 'Old two', camera: 'Pan' },
		{ id: 'c', action: 'Old three', camera: '' }
	];
	const written: Beat[] = [
		{ id: 'n1', action: 'She looks up', camera: '' },
		{ id: 'n2', action: 'She runs', camera: 'Tracking' }
	];

	it('replaces the moments, keeping each place’s id so its takes stay', () => {
		expect(rewrittenBeats(current, written)).toEqual([
			{ id: 'a#1', action: 'She looks up', camera: '' },
			{ id: 'b', action: 'She runs', camera: 'Tracking' }
		]);
	});

	it('gives a beat the shot did not have its new id', () => {
		const more = [...written, { id: 'n3', action: 'She stops', camera: '' }];
		expect(rewrittenBeats(current.slice(0, 1), more).map((beat) => beat.id)).toEqual([
			'a#1',
			'n2',
			'n3'
		]);
	});

	it('is part of what a rewrite changes; no beats written leaves the shot’s beats alone', () => {
		const three = shot('a', 0, { beats: current });
		expect(regeneratedFields(three, { title: 'New', beats: written }).beats).toEqual(
			rewrittenBeats(current, written)
		);
		expect(regeneratedFields(three, { title: 'New' })).not.toHaveProperty('beats');
	});
});
