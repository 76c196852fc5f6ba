import { describe, expect, it } from 'vitest';
import {
	contextFrameCount,
	lastFrameTime,
	planFrameTimes,
	scaledSize,
	snapToFrame
} from '$lib/media/frame-times';
import { defaultOptions } from '$lib/media/meta';

describe('contextFrameCount', () => {
	it('takes one frame per two seconds by default', () => {
		expect(contextFrameCount(30, defaultOptions)).toBe(15);
		expect(contextFrameCount(9, defaultOptions)).toBe(5);
	});

	it('never goes below the minimum, even for a clip shorter than a frame interval', () => {
		expect(contextFrameCount(0.4, defaultOptions)).toBe(1);
		expect(contextFrameCount(0.4, { ...defaultOptions, minFrames: 3 })).toBe(3);
	});

	it('never goes above the maximum for a long clip', () => {
		expect(contextFrameCount(3600, defaultOptions)).toBe(24);
		expect(contextFrameCount(3600, { ...defaultOptions, maxFrames: 10 })).toBe(10);
	});
});

describe('snapToFrame', () => {
	it('moves a time to the start of the frame shown then', () => {
		expect(snapToFrame(1.01, { durationS: 10, fps: 25 })).toBe(1);
		expect(snapToFrame(1.039, { durationS: 10, fps: 25 })).toBe(1);
		expect(snapToFrame(1.04, { durationS: 10, fps: 25 })).toBe(1.04);
	});

	it('keeps times inside the clip', () => {
		expect(snapToFrame(-3, { durationS: 10, fps: 25 })).toBe(0);
		expect(snapToFrame(99, { durationS: 10, fps: 25 })).toBe(9.96);
		expect(lastFrameTime({ durationS: 10, fps: 25 })).toBeCloseTo(9.96);
	});
});

describe('planFrameTimes', () => {
	it('spreads context frames evenly and adds the middle frame', () => {
		const plan = planFrameTimes({ durationS: 8, fps: 25 }, defaultOptions);
		expect(plan).toEqual([
			{ timeS: 1, role: 'context' },
			{ timeS: 3, role: 'context' },
			{ timeS: 4, role: 'middle' },
			{ timeS: 5, role: 'context' },
			{ timeS: 7, role: 'context' }
		]);
	});

	it('does not repeat the middle frame when a context frame is already on it', () => {
		const plan = planFrameTimes({ durationS: 30, fps: 30 }, defaultOptions);
		expect(plan).toHaveLength(15);
		expect(plan.filter((r) => r.role === 'middle')).toEqual([{ timeS: 15, role: 'middle' }]);
		expect(new Set(plan.map((r) => r.timeS)).size).toBe(plan.length);
	});

	it('gives a very short clip one frame', () => {
		const plan = planFrameTimes({ durationS: 0.5, fps: 30 }, defaultOptions);
		expect(plan).toEqual([{ timeS: 0.233, role: 'middle' }]);
	});

	it('returns times in order, all inside the clip', () => {
		const clip = { durationS: 61.3, fps: 29.97 };
		const plan = planFrameTimes(clip, defaultOptions);
		expect(plan.length).toBe(25);
		const times = plan.map((r) => r.timeS);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(Math.max(...times)).toBeLessThanOrEqual(lastFrameTime(clip));
	});
});

describe('scaledSize', () => {
	it('shrinks the longest side to the limit and keeps the shape', () => {
		expect(scaledSize(1920, 1080, 1024)).toEqual({ width: 1024, height: 576 });
		expect(scaledSize(1080, 1920, 1024)).toEqual({ width: 576, height: 1024 });
	});

	it('never enlarges a small frame', () => {
		expect(scaledSize(480, 270, 1024)).toEqual({ width: 480, height: 270 });
	});
});
