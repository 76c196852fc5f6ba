import { describe, expect, it } from 'vitest';
import {
	intakeFraction,
	intakeLabel,
	type IntakeStep
} from '../../../src/lib/media/intake-progress';

/** The steps one clip's intake reports, in order: 4 frames, a 100-frame cut pass, 3 pictures. */
function run(): IntakeStep[] {
	const steps: IntakeStep[] = [{ stage: 'probing' }];
	for (let done = 0; done <= 4; done++) steps.push({ stage: 'sampling', done, total: 4 });
	steps.push({ stage: 'detecting', phase: 'decoding', done: 0, total: 0 });
	for (let done = 0; done <= 100; done += 5) {
		steps.push({ stage: 'detecting', phase: 'decoding', done, total: 100 });
	}
	for (let done = 0; done <= 3; done++) {
		steps.push({ stage: 'detecting', phase: 'keyframes', done, total: 3 });
	}
	return steps;
}

describe('intake progress', () => {
	it('never goes back from the probe to the last shot picture, and ends full', () => {
		const fractions = run().map(intakeFraction);
		fractions.forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0));
		expect(fractions.at(-1)).toBe(1);
	});

	it('names the pass of cut detection instead of restarting a percentage', () => {
		expect(intakeLabel({ stage: 'detecting', phase: 'decoding', done: 45, total: 100 })).toBe(
			'Finding cuts · pass 1 of 2: 45%'
		);
		// The first pass never claims 100% while it still runs.
		expect(intakeLabel({ stage: 'detecting', phase: 'decoding', done: 100, total: 100 })).toBe(
			'Finding cuts · pass 1 of 2: 99%'
		);
		expect(intakeLabel({ stage: 'detecting', phase: 'keyframes', done: 1, total: 4 })).toBe(
			'Finding cuts · pass 2 of 2: picture 2 of 4'
		);
		expect(intakeLabel({ stage: 'sampling', done: 2, total: 5 })).toBe('Sampling frame 3 of 5');
	});
});
