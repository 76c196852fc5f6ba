import type { DecoderHints } from './clean-seek';
import { THUMB_HEIGHT, THUMB_WIDTH } from './frame-diff';

/**
 * ffmpeg arguments that decode `input` from `startS` and write every frame as a small RGB
 * thumbnail to `output`, logging each frame's time (showinfo; source times are kept with
 * -copyts so a resumed pass continues the same timeline). Loop filtering is skipped: it costs
 * a good part of H.264 decoding and does not change which frames are cuts.
 */
export function changePassArgs(
	input: string,
	output: string,
	startS = 0,
	hints: DecoderHints = {}
): string[] {
	// A pass resumed mid-clip skips the start: it is told the x264 build the first frame named,
	// and pictures the decoder has not recovered yet (after a seek to an intra-refresh or open-GOP
	// point) are held back rather than measured as grey blocks.
	const resumed = startS > 0;
	const x264 = hints.x264Build === undefined ? [] : ['-x264_build', String(hints.x264Build)];
	return [
		'-nostdin',
		'-hide_banner',
		'-loglevel',
		'info',
		'-nostats',
		'-skip_loop_filter',
		'all',
		...x264,
		...(resumed ? ['-flags', '-output_corrupt'] : []),
		'-copyts',
		...(resumed ? ['-ss', startS.toFixed(3)] : []),
		'-i',
		input,
		'-an',
		'-sn',
		'-dn',
		'-map',
		'0:v:0',
		'-vf',
		`scale=${THUMB_WIDTH}:${THUMB_HEIGHT}:flags=area,format=rgb24,showinfo`,
		'-fps_mode',
		'passthrough',
		'-f',
		'rawvideo',
		'-y',
		output
	];
}

/** A time base: seconds per pts tick as numerator and denominator. */
export type TimeBase = readonly [number, number];

/** The time base in showinfo's `config in time_base: 1/15360` line; else undefined. */
export function timeBaseOf(line: string): TimeBase | undefined {
	const match = /Parsed_showinfo.*\bconfig in time_base:\s*(\d+)\/(\d+)/.exec(line);
	if (!match) return undefined;
	const [num, den] = [Number(match[1]), Number(match[2])];
	return num > 0 && den > 0 ? [num, den] : undefined;
}

/**
 * The frame time (s) in a showinfo log line, or undefined for other lines: from the integer pts
 * when the time base is known, since `pts_time` has only 6 significant digits (too coarse past
 * 1000 s to tell frames apart).
 */
export function frameTimeOf(line: string, timeBase?: TimeBase): number | undefined {
	const match = /Parsed_showinfo.*\bpts:\s*(-?\d+)\s+pts_time:\s*(-?[\d.e+-]+)/.exec(line);
	if (!match) return undefined;
	return timeBase ? (Number(match[1]) * timeBase[0]) / timeBase[1] : Number(match[2]);
}
