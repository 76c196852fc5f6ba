import { describe, expect, it } from 'vitest';
import { ChangeMeter, changeScore, THUMB_BYTES } from '../../../src/workers/shared/frame-diff';

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
});
