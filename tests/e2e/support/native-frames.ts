// Native ffmpeg as the reference for decoded pictures: a frame the app made is compared with
// native ffmpeg's exact (output-seek) decode of the same clip at the same time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Run native ffmpeg; its log (stderr) when it succeeds, else an error carrying the log. */
function ffmpeg(args: string[]): string {
	const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-y', ...args], {
		encoding: 'utf8'
	});
	if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}\n${run.stderr}`);
	return run.stderr;
}

/**
 * PSNR (dB) of `jpeg` (`width` x `height`) against native ffmpeg's exact decode of `clip` at
 * `timeS`: `-ss` after `-i`, so every frame from the start is decoded, scaled the same way.
 * Both are compared as 4:2:0, the colour detail a JPEG keeps (a 4:4:4 clip's fine colour would
 * otherwise count against the JPEG, not the decode).
 */
export function psnrAgainstNative(
	jpeg: Uint8Array,
	clip: string,
	timeS: number,
	width: number,
	height: number
): number {
	const dir = mkdtempSync(join(tmpdir(), 'maestro-psnr-'));
	try {
		const frame = join(dir, 'frame.jpg');
		const reference = join(dir, 'reference.png');
		writeFileSync(frame, jpeg);
		const scale = `scale=${width}:${height}:flags=bicubic,format=rgb24`;
		ffmpeg(
			['-loglevel', 'error', '-i', clip, '-ss', timeS.toFixed(3), '-map', '0:v:0'].concat([
				'-frames:v',
				'1',
				'-vf',
				scale,
				reference
			])
		);
		const log = ffmpeg(
			['-i', frame, '-i', reference, '-filter_complex'].concat([
				'[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]psnr',
				'-f',
				'null',
				'-'
			])
		);
		const match = /PSNR .*average:(inf|[\d.]+)/.exec(log);
		if (!match) throw new Error(`no PSNR in ffmpeg's log:\n${log}`);
		return match[1] === 'inf' ? Infinity : Number(match[1]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
