import { describe, expect, it } from 'vitest';
import { styleProgressLine } from '$lib/render/progress-line';

describe('styleProgressLine', () => {
	it('names the beat being rendered and counts the place in beats', () => {
		expect(
			styleProgressLine(
				'Illustration',
				{ total: 30, done: 12, failed: 1, running: 2, rendering: 'beat 2.3' },
				'running'
			)
		).toBe('Rendering beat 2.3 in Illustration · 14 of 30 beats');
	});

	it('names a shot of one beat as the shot', () => {
		expect(
			styleProgressLine(
				'Ink',
				{ total: 5, done: 1, failed: 0, running: 1, rendering: 'shot 2' },
				'running'
			)
		).toBe('Rendering shot 2 in Ink · 2 of 5 beats');
	});

	it('reads without a beat while the next one waits its turn', () => {
		expect(styleProgressLine('Ink', { total: 3, done: 1, failed: 0, running: 0 }, 'running')).toBe(
			'Rendering in Ink · 2 of 3 beats'
		);
	});

	it('says where a paused run stands', () => {
		expect(styleProgressLine('Ink', { total: 4, done: 2, failed: 0, running: 0 }, 'paused')).toBe(
			'Paused in Ink at 3 of 4 beats'
		);
	});

	it('says how many were rendered once every beat is finished or the run stopped', () => {
		expect(styleProgressLine('Ink', { total: 1, done: 1, failed: 0, running: 0 }, 'running')).toBe(
			'Rendered 1 of 1 beat in Ink'
		);
		expect(
			styleProgressLine('Ink', { total: 5, done: 2, failed: 0, running: 1 }, 'cancelled')
		).toBe('Rendered 2 of 5 beats in Ink');
	});
});
