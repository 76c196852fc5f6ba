import { describe, expect, it } from 'vitest';
import {
	ChangeMeter,
	changeScore,
	colourShift,
	pictureChange,
	THUMB_BYTES
} from '../../../src/workers/shared/frame-diff';

/** A thumbnail whose pixels come from `pixel(i)` as [r, g, b]. */
function thumb(pixel: (i: number) => [number, number, number]): Uint8Array {
	const bytes = new Uint8Array(THUMB_BYTES);
	for (let i = 0; i < THUMB_BYTES / 3; i++) bytes.set(pixel(i), i * 3);
	return bytes;
}

const stripes = thumb((i) => (i % 8 < 4 ? [200, 180, 40] : [20, 40, 160]));
const checks = thumb((i) => ((i >> 6) % 2 === 0 ? [200, 180, 40] : [20, 40, 160]));

describe('changeScore', () => {
	it('is zero for the same picture', () => {
		expect(changeScore(stripes, stripes)).toBe(0);
	});

	it('is large for a different picture', () => {
		expect(changeScore(stripes, checks)).toBeGreaterThan(0.2);
	});

	it('counts an overall brightness or colour shift (a fade step) for almost nothing', () => {
		const darker = stripes.map((v) => Math.max(0, v - 20));
		expect(changeScore(stripes, darker)).toBeLessThan(0.01);
	});
});

describe('colourShift', () => {
	it('measures how far the overall colour moved', () => {
		const sky = thumb(() => [90, 110, 130]);
		const grass = thumb(() => [110, 140, 80]);
		expect(colourShift(sky, sky)).toBe(0);
		expect(colourShift(sky, grass)).toBeCloseTo((20 + 30 + 50) / 3 / 255, 6);
	});
});

describe('pictureChange', () => {
	it('counts a cut between two plain pictures that the structure alone misses', () => {
		const sky = thumb(() => [90, 110, 130]);
		const grass = thumb(() => [110, 140, 80]);
		expect(changeScore(sky, grass)).toBe(0);
		expect(pictureChange(sky, grass)).toBeGreaterThan(0.1);
		expect(pictureChange(stripes, checks)).toBeGreaterThan(changeScore(stripes, checks) - 1e-9);
	});
});

describe('ChangeMeter', () => {
	it('scores each frame against the one before, whatever the chunk sizes', () => {
		const stream = new Uint8Array(THUMB_BYTES * 3);
		stream.set(stripes, 0);
		stream.set(stripes, THUMB_BYTES);
		stream.set(checks, THUMB_BYTES * 2);
		const meter = new ChangeMeter();
		for (let at = 0; at < stream.length; at += 1000) meter.write(stream.subarray(at, at + 1000));
		expect(meter.count).toBe(3);
		expect(meter.scores[0]).toBe(0);
		expect(meter.scores[1]).toBe(0);
		expect(meter.scores[2]).toBeGreaterThan(0.2);
	});

	it('bridges a flash: the picture after it matches the one before', () => {
		const bright = stripes.map((v) => Math.min(255, v + 110));
		const frames = [stripes, stripes, bright, bright, stripes, stripes, stripes];
		const meter = new ChangeMeter();
		for (const frame of frames) meter.write(frame);
		// Into the flash and out of it: big changes, each bridged by a pair that skips the flash.
		expect(meter.scores[2]).toBeGreaterThan(0.1);
		expect(meter.scores[4]).toBeGreaterThan(0.1);
		expect(meter.bridges[2]).toBe(0);
		expect(meter.bridges[4]).toBe(0);
	});

	it('does not bridge a cut: every pair across it differs', () => {
		const frames = [stripes, stripes, stripes, checks, checks, checks, checks];
		const meter = new ChangeMeter();
		for (const frame of frames) meter.write(frame);
		expect(meter.bridges[3]).toBeCloseTo(meter.scores[3]!, 6);
		expect(meter.bridges[3]).toBeGreaterThan(0.2);
	});
});
