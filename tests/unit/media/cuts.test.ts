import { describe, expect, it } from 'vitest';
import {
	cutCandidates,
	cutThreshold,
	enforceMinShot,
	findCuts,
	mergeDoubleDetections,
	shotsFromCuts,
	type CutCandidate
} from '$lib/media/cuts';
import { defaultOptions, type ChangeSeries } from '$lib/media/meta';

/** A change series at `fps` with a quiet baseline and the given scores at frame indexes. */
function series(
	frames: number,
	fps: number,
	at: Record<number, number>,
	base = 0.01
): ChangeSeries {
	const scores = new Float32Array(frames).fill(base);
	scores[0] = 0;
	for (const [index, score] of Object.entries(at)) scores[Number(index)] = score;
	return { scores, timesS: Float64Array.from({ length: frames }, (_, i) => i / fps) };
}

const candidate = (index: number, score: number, fps = 25): CutCandidate => ({
	index,
	timeS: index / fps,
	score
});

describe('cutThreshold', () => {
	it('asks less of a change as sensitivity rises', () => {
		expect(cutThreshold(1)).toBeLessThan(cutThreshold(0.5));
		expect(cutThreshold(0.5)).toBeLessThan(cutThreshold(0));
		expect(cutThreshold(7)).toBe(cutThreshold(1));
	});
});

describe('cutCandidates', () => {
	it('finds clear spikes above a quiet baseline', () => {
		const found = cutCandidates(series(250, 25, { 50: 0.3, 110: 0.25 }), 0.5, 25);
		expect(found.map((c) => c.index)).toEqual([50, 110]);
	});

	it('ignores changes below the threshold', () => {
		expect(cutCandidates(series(250, 25, { 50: 0.05 }), 0.5, 25)).toEqual([]);
		expect(cutCandidates(series(250, 25, { 50: 0.05 }), 1, 25)).toHaveLength(1);
	});

	it('rejects a change that does not stand out from steady motion around it', () => {
		const busy = series(250, 25, { 100: 0.2 }, 0.12);
		expect(cutCandidates(busy, 0.5, 25)).toEqual([]);
	});

	it('rejects a flash: a change the picture bridges back over within a few frames', () => {
		const flash = series(100, 25, { 50: 0.4, 52: 0.4 });
		flash.bridges = new Float32Array(100).fill(Infinity);
		flash.bridges.fill(0.02, 50, 53);
		expect(cutCandidates(flash, 0.5, 25)).toEqual([]);
		flash.bridges.fill(0.4, 50, 53);
		expect(cutCandidates(flash, 0.5, 25).map((c) => c.index)).toEqual([50, 52]);
	});

	it('rejects a fade: many moderate changes in a row', () => {
		const fade: Record<number, number> = {};
		for (let i = 60; i < 85; i++) fade[i] = 0.11;
		expect(cutCandidates(series(250, 25, fade), 0.5, 25)).toEqual([]);
	});
});

describe('mergeDoubleDetections', () => {
	it('keeps the strongest of detections a frame or two apart', () => {
		const merged = mergeDoubleDetections([
			candidate(50, 0.3),
			candidate(51, 0.4),
			candidate(52, 0.2)
		]);
		expect(merged).toEqual([candidate(51, 0.4)]);
	});

	it('keeps detections further apart', () => {
		const list = [candidate(50, 0.3), candidate(60, 0.3)];
		expect(mergeDoubleDetections(list)).toEqual(list);
	});
});

describe('enforceMinShot', () => {
	it('drops the weaker of two cuts closer than the minimum shot length', () => {
		const kept = enforceMinShot([candidate(50, 0.3), candidate(55, 0.5)], 10, 0.5);
		expect(kept).toEqual([candidate(55, 0.5)]);
	});

	it('drops cuts that would leave a sliver at the start or the end', () => {
		const kept = enforceMinShot(
			[candidate(5, 0.5), candidate(100, 0.5), candidate(245, 0.5)],
			10,
			0.5
		);
		expect(kept.map((c) => c.index)).toEqual([100]);
	});
});

describe('findCuts', () => {
	it('returns the time of the first frame of each new shot', () => {
		const cuts = findCuts(series(250, 25, { 50: 0.3, 51: 0.2, 110: 0.25 }), 10, 25, defaultOptions);
		expect(cuts).toEqual([2, 4.4]);
	});
});

describe('shotsFromCuts', () => {
	it('makes one shot per stretch between cuts with its middle as keyframe', () => {
		expect(shotsFromCuts([2, 4.4], 10)).toEqual([
			{ startS: 0, endS: 2, keyframeS: 1 },
			{ startS: 2, endS: 4.4, keyframeS: 3.2 },
			{ startS: 4.4, endS: 10, keyframeS: 7.2 }
		]);
	});

	it('makes one shot of a clip without cuts', () => {
		expect(shotsFromCuts([], 6)).toEqual([{ startS: 0, endS: 6, keyframeS: 3 }]);
	});
});
