import { describe, expect, it } from 'vitest';
import { clipPhaseLabel, phaseOfStatus } from '$lib/animate/clip-state';

describe('phaseOfStatus', () => {
	it('keeps every status the video API documents', () => {
		for (const status of [
			'pending',
			'in_progress',
			'completed',
			'failed',
			'cancelled',
			'expired'
		]) {
			expect(phaseOfStatus(status)).toBe(status);
		}
	});

	it('turns a status it does not know into "unknown"', () => {
		expect(phaseOfStatus('warming_up')).toBe('unknown');
		expect(phaseOfStatus('')).toBe('unknown');
	});
});

describe('clipPhaseLabel', () => {
	it('names the provider states in plain words', () => {
		expect(clipPhaseLabel(phaseOfStatus('pending'))).toBe('Queued');
		expect(clipPhaseLabel(phaseOfStatus('in_progress'))).toBe('Generating');
		expect(clipPhaseLabel(phaseOfStatus('completed'))).toBe('Downloading');
		expect(clipPhaseLabel('downloading')).toBe('Downloading');
		expect(clipPhaseLabel('submitting')).toBe('Sending');
		expect(clipPhaseLabel(phaseOfStatus('something new'))).toBe('Waiting for the provider');
	});
});
