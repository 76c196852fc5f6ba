import { THUMB_HEIGHT, THUMB_WIDTH } from './frame-diff';

/**
 * ffmpeg arguments that decode `input` from `startS` and write every frame as a small RGB
 * thumbnail to `output`, logging each frame's time (showinfo; source times are kept with
 * -copyts so a resumed pass continues the same timeline). Loop filtering is skipped: it costs
 * a good part of H.264 decoding and does not change which frames are cuts.
 */
export function changePassArgs(input: string, output: string, startS = 0): string[] {
	return [
		'-nostdin',
		'-hide_banner',
		'-loglevel',
		'info',
		'-nostats',
		'-skip_loop_filter',
		'all',
		'-copyts',
		...(startS > 0 ? ['-ss', startS.toFixed(3)] : []),
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

/** The frame time (s) in a showinfo log line, or undefined for other lines. */
export function ptsTimeOf(line: string): number | undefined {
	const match = /Parsed_showinfo.*\bpts_time:\s*(-?[\d.]+)/.exec(line);
	return match ? Number(match[1]) : undefined;
}
