import { describe, expect, it } from 'vitest';
import {
	frameDecodeArgs,
	judgeDecode,
	loggedTimes,
	prerollSteps,
	startsOnWantedFrame
} from '../../../src/workers/shared/clean-seek';
import { changePassArgs } from '../../../src/workers/shared/change-pass';

describe('prerollSteps', () => {
	it('starts a frame and a half back, then goes further, ending at the clip start', () => {
		expect(prerollSteps(25)).toEqual([0.06, 2.5, 6, 15, 40, Infinity]);
	});

	it('stops at the furthest run-up allowed', () => {
		expect(prerollSteps(30, 10)).toEqual([0.05, 2.5, 6, 10]);
	});
});

describe('frameDecodeArgs', () => {
	it('seeks before the wanted time with damaged pictures held back, and selects from the time', () => {
		const { args, fromStart } = frameDecodeArgs('/in/clip.mp4', '/out', 4.2, 2.5, 'scale=8:8');
		expect(fromStart).toBe(false);
		expect(args.join(' ')).toContain('-flags -output_corrupt -noaccurate_seek -copyts -ss 1.700');
		expect(args[args.indexOf('-vf') + 1]).toBe('select=gte(print(t\\,32)\\,4.200000),scale=8:8');
	});

	it('decodes from the start when the run-up reaches it, and carries the x264 build and start time', () => {
		const { args, fromStart } = frameDecodeArgs('/in/c.mp4', '/out', 1, 2.5, 'null', {
			x264Build: 148,
			startTimeS: 0.5
		});
		expect(fromStart).toBe(true);
		expect(args).not.toContain('-ss');
		expect(args.join(' ')).toContain('-x264_build 148');
		expect(args[args.indexOf('-vf') + 1]).toContain('1.500000');
	});
});

describe('loggedTimes', () => {
	it('reads the lines that are bare times, negative ones too', () => {
		expect(
			loggedTimes(['Input #0, mov', '0.040000', '  Stream #0:0', '-0.020000', '1.000000\n'])
		).toEqual([0.04, -0.02, 1]);
	});
});

describe('judgeDecode', () => {
	it('trusts a frame when the decoder gave out a picture before it', () => {
		expect(judgeDecode(['1.960000', '2.000000'], 2, false)).toBe('clean');
	});

	it('asks for an earlier start when the first picture out is already past the wanted time (intra refresh, open GOP)', () => {
		expect(judgeDecode(['3.120000', '3.160000'], 2.52, false)).toBe('earlier');
	});

	it('asks for an earlier start when the decoder reports damage after giving out pictures', () => {
		const log = [
			'1.900000',
			'[h264 @ 0x1] concealing 12 DC, 12 AC, 12 MV errors in P frame',
			'2.000000'
		];
		expect(judgeDecode(log, 2, false)).toBe('earlier');
	});

	it('does not count damage before the decoder recovered', () => {
		const log = ['[h264 @ 0x1] Missing reference picture, default is 0', '1.900000', '2.000000'];
		expect(judgeDecode(log, 2, false)).toBe('clean');
	});

	it('trusts whatever comes out when decoding began at the start, as native exact seeking does', () => {
		expect(judgeDecode(['0.000000'], 0, true)).toBe('clean');
	});

	it('tells a time past the last frame from no picture at all', () => {
		expect(judgeDecode(['5.880000', '5.920000'], 6, false)).toBe('past-end');
		expect(judgeDecode(['Output file is empty'], 6, false)).toBe('no-frame');
	});

	it('compares with absolute times when the file starts later than zero', () => {
		expect(judgeDecode(['1.400000', '1.440000'], 0.04, false, { startTimeS: 1.4 })).toBe('clean');
	});
});

describe('changePassArgs', () => {
	it('decodes from the start giving out every picture, as native ffmpeg does', () => {
		const args = changePassArgs('/in/c.mp4', '/out', 0, { x264Build: 164 });
		expect(args).not.toContain('-ss');
		expect(args).not.toContain('-output_corrupt');
	});

	it('holds back unrecovered pictures and carries the x264 build when it resumes mid-clip', () => {
		const args = changePassArgs('/in/c.mp4', '/out', 12.5, { x264Build: 148 }).join(' ');
		expect(args).toContain(
			'-x264_build 148 -flags -output_corrupt -copyts -ss 12.500 -i /in/c.mp4'
		);
	});
});

describe('startsOnWantedFrame', () => {
	it('tells a run that began right on the wanted keyframe from one that had not recovered by then', () => {
		expect(startsOnWantedFrame(['2.000000', '2.040000'], 2, 25)).toBe(true);
		expect(startsOnWantedFrame(['3.120000'], 2.52, 25)).toBe(false);
		expect(startsOnWantedFrame(['1.900000'], 2, 25)).toBe(false);
		expect(startsOnWantedFrame([], 2, 25)).toBe(false);
	});
});
