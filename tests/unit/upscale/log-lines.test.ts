import { describe, expect, it } from 'vitest';
import {
	takeUpscaledLine,
	takeUpscaleFailedLine,
	upscaleChosenEndedLine,
	upscaleChosenStartedLine
} from '$lib/upscale/log-lines';

const take = (shotNumber: number | undefined, styleName?: string) => ({ shotNumber, styleName });

describe('takeUpscaledLine', () => {
	it('names the take, the model, the scale, the size and the time', () => {
		expect(
			takeUpscaledLine(
				take(2, 'Ink wash'),
				'Real-ESRGAN x4plus anime',
				4,
				{ width: 512, height: 288 },
				12_340
			)
		).toBe(
			'Upscaled shot 2 in “Ink wash” to 4× with “Real-ESRGAN x4plus anime” (512 × 288 px, 12.3 s).'
		);
	});
});

describe('takeUpscaleFailedLine', () => {
	it('keeps the reason the person was shown', () => {
		expect(takeUpscaleFailedLine(take(undefined), 'The upscale model is missing.')).toBe(
			'Upscaling a deleted shot failed: The upscale model is missing.'
		);
	});
});

describe('upscaleChosenStartedLine', () => {
	it('says how many pictures, for which shots, with which model and scale', () => {
		expect(
			upscaleChosenStartedLine([take(4, 'A'), take(1, 'A'), take(2, 'B')], 'Real-ESRGAN x2', 2)
		).toBe('Upscaling 3 chosen pictures (shots 1, 2 and 4) to 2× with “Real-ESRGAN x2”.');
		expect(upscaleChosenStartedLine([take(3, 'A')], undefined, 4)).toBe(
			'Upscaling 1 chosen picture (shot 3) to 4×.'
		);
	});
});

describe('beats in the upscale lines', () => {
	const beat = (shotNumber: number, beatIndex: number, styleName?: string) => ({
		shotNumber,
		beatIndex,
		beatCount: 3,
		styleName
	});

	it('names a take of a shot with several beats by its beat', () => {
		expect(takeUpscaleFailedLine(beat(2, 2, 'Ink'), 'The upscale model is missing.')).toBe(
			'Upscaling beat 2.3 in “Ink” failed: The upscale model is missing.'
		);
	});

	it('lists every beat "Upscale chosen" covers, each once across styles, in order', () => {
		expect(
			upscaleChosenStartedLine(
				[beat(2, 2, 'A'), beat(2, 0, 'A'), beat(2, 2, 'B'), take(1, 'A')],
				undefined,
				2
			)
		).toBe('Upscaling 4 chosen pictures (beats 1.1, 2.1 and 2.3) to 2×.');
	});
});

describe('upscaleChosenEndedLine', () => {
	it('says every picture was upscaled', () => {
		expect(upscaleChosenEndedLine({ state: 'done', total: 1, done: [take(3)], failed: [] })).toBe(
			'Upscaled 1 chosen picture (shot 3).'
		);
	});

	it('says which failed and why', () => {
		expect(
			upscaleChosenEndedLine({
				state: 'done',
				total: 2,
				done: [take(1)],
				failed: [{ ...take(2, 'Ink'), reason: 'The picture could not be read.' }]
			})
		).toBe(
			'Upscaled 1 of 2 chosen pictures (shot 1). Shot 2 in “Ink” failed: The picture could not be read.'
		);
	});

	it('says when it was cancelled', () => {
		expect(
			upscaleChosenEndedLine({ state: 'cancelled', total: 3, done: [take(1)], failed: [] })
		).toBe('Upscaling cancelled after 1 of 3 chosen pictures.');
	});
});
