import { describe, expect, it } from 'vitest';
import { renderFailedLine, renderFinishedLine } from '$lib/render/log-lines';

describe('renderFinishedLine', () => {
	it('says one beat for a run that rendered one', () => {
		expect(renderFinishedLine({ total: 1, done: 1, failed: 0 }, 0.042)).toBe(
			'Rendering finished: 1 beat ($0.042).'
		);
	});

	it('counts a beat in two styles as two beats rendered', () => {
		expect(renderFinishedLine({ total: 6, done: 6, failed: 0 }, 0.252)).toBe(
			'Rendering finished: 6 beats ($0.252).'
		);
	});

	it('says how many of the run failed', () => {
		expect(renderFinishedLine({ total: 3, done: 2, failed: 1 }, 0.084)).toBe(
			'Rendering finished: 2 of 3 beats, 1 failed ($0.084).'
		);
		expect(renderFinishedLine({ total: 1, done: 0, failed: 1 }, 0)).toBe(
			'Rendering finished: 0 of 1 beat, 1 failed ($0.00).'
		);
	});
});

describe('renderFailedLine', () => {
	it('names the beat, the style and the reason', () => {
		expect(renderFailedLine('beat 2.1', 'Ink wash', 'The request was flagged by moderation.')).toBe(
			'Beat 2.1 in “Ink wash” could not be rendered: The request was flagged by moderation.'
		);
		expect(renderFailedLine('shot 3', 'Ink wash', 'No image.')).toBe(
			'Shot 3 in “Ink wash” could not be rendered: No image.'
		);
	});

	it('reads without a shot, a style or a reason', () => {
		expect(renderFailedLine(undefined, undefined, undefined)).toBe(
			'An image could not be rendered: no reason given.'
		);
	});
});
