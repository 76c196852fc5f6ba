import { describe, expect, it } from 'vitest';
import { ForwardFraction, formatElapsed, formatTimeLeft, TimeLeftEstimator } from '$lib/util/eta';

describe('TimeLeftEstimator', () => {
	it('gives no estimate before a unit was measured', () => {
		const eta = new TimeLeftEstimator();
		expect(eta.secondsLeft(0)).toBeUndefined();
		eta.update(0, 6, 1000);
		expect(eta.secondsLeft(5000)).toBeUndefined();
		expect(eta.unitsPerSecond).toBeUndefined();
	});

	it('estimates the units left at the measured speed', () => {
		const eta = new TimeLeftEstimator();
		eta.update(0, 6, 0);
		eta.update(1, 6, 4000);
		expect(eta.unitsPerSecond).toBeCloseTo(0.25);
		expect(eta.secondsLeft(4000)).toBeCloseTo(20);
	});

	it('counts down between steps and never goes below zero', () => {
		const eta = new TimeLeftEstimator();
		eta.update(0, 3, 0);
		eta.update(1, 3, 2000);
		expect(eta.secondsLeft(3000)).toBeCloseTo(3);
		expect(eta.secondsLeft(60_000)).toBe(0);
		eta.update(3, 3, 6000);
		expect(eta.secondsLeft(6000)).toBe(0);
	});

	it('smooths one fast step over the last few', () => {
		const eta = new TimeLeftEstimator();
		eta.update(0, 20, 0);
		for (let i = 1; i <= 5; i++) eta.update(i, 20, i * 2000);
		const steady = eta.secondsLeft(10_000)!;
		expect(steady).toBeCloseTo(30);
		// One tile done almost at once (two finishing together) moves the estimate only a little.
		eta.update(6, 20, 10_050);
		const after = eta.secondsLeft(10_050)!;
		expect(after).toBeLessThan(steady);
		expect(after).toBeGreaterThan(steady * 0.6);
	});

	it('follows a change of speed within a few steps', () => {
		const eta = new TimeLeftEstimator();
		eta.update(0, 100, 0);
		let t = 0;
		for (let i = 1; i <= 10; i++) eta.update(i, 100, (t += 1000));
		for (let i = 11; i <= 20; i++) eta.update(i, 100, (t += 4000));
		expect(eta.unitsPerSecond).toBeCloseTo(0.25);
	});

	it('starts measuring again after a restart with a new total', () => {
		const eta = new TimeLeftEstimator();
		eta.update(0, 4, 0);
		eta.update(2, 4, 2000);
		expect(eta.secondsLeft(2000)).toBeDefined();
		eta.update(0, 9, 2500);
		expect(eta.secondsLeft(2500)).toBeUndefined();
		eta.update(1, 9, 3500);
		expect(eta.secondsLeft(3500)).toBeCloseTo(8);
	});
});

describe('ForwardFraction', () => {
	it('never goes backwards, even when the work restarts', () => {
		const bar = new ForwardFraction();
		const seen = [
			bar.update(0, 6),
			bar.update(1, 6),
			bar.update(3, 6),
			bar.update(0, 9),
			bar.update(4, 9),
			bar.update(6, 9),
			bar.update(9, 9)
		];
		for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
		expect(seen).toEqual([0, 1 / 6, 0.5, 0.5, 0.5, 6 / 9, 1]);
	});

	it('stays between 0 and 1', () => {
		const bar = new ForwardFraction();
		expect(bar.update(0, 0)).toBe(0);
		expect(bar.update(-1, 3)).toBe(0);
		expect(bar.update(7, 3)).toBe(1);
	});
});

describe('formatTimeLeft', () => {
	it('says nothing without an estimate', () => {
		expect(formatTimeLeft(undefined)).toBe('');
		expect(formatTimeLeft(Number.NaN)).toBe('');
	});

	it('rounds to what a person needs', () => {
		expect(formatTimeLeft(0)).toBe('a few seconds left');
		expect(formatTimeLeft(38)).toBe('about 40 s left');
		expect(formatTimeLeft(61)).toBe('about 1 min left');
		expect(formatTimeLeft(200)).toBe('about 3 min left');
		expect(formatTimeLeft(3 * 3600 + 600)).toBe('about 3 h 10 min left');
	});
});

describe('formatElapsed', () => {
	it('reads like a clock', () => {
		expect(formatElapsed(0)).toBe('0:00');
		expect(formatElapsed(7_900)).toBe('0:07');
		expect(formatElapsed(65_000)).toBe('1:05');
		expect(formatElapsed(3_723_000)).toBe('1:02:03');
		expect(formatElapsed(-500)).toBe('0:00');
	});
});
