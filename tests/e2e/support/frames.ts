// Video frames as a person sees them, decoded by native ffmpeg, and how alike two pictures are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Raw RGB frames of a video, decoded by native ffmpeg at `width`x`height`. */
export function decodeFrames(
	path: string,
	width: number,
	height: number,
	select?: number
): Buffer[] {
	const filters = [
		...(select === undefined ? [] : [`select=eq(n\\,${select})`]),
		`scale=${width}:${height}:flags=area`
	];
	const raw = execFileSync(
		'ffmpeg',
		['-v', 'error', '-i', path, '-vf', filters.join(','), '-fps_mode', 'passthrough'].concat([
			'-f',
			'rawvideo',
			'-pix_fmt',
			'rgb24',
			'-'
		]),
		{ maxBuffer: 1 << 30 }
	);
	const size = width * height * 3;
	return Array.from({ length: raw.length / size }, (_, i) =>
		raw.subarray(i * size, (i + 1) * size)
	);
}

/** A picture file scaled by native ffmpeg to `width`x`height`, as raw RGB. */
export function pictureAt(png: Uint8Array, width: number, height: number): Buffer {
	const path = join(mkdtempSync(join(tmpdir(), 'maestro-still-')), 'picture.png');
	writeFileSync(path, png);
	return decodeFrames(path, width, height)[0]!;
}

/** Peak signal-to-noise ratio of two RGB pictures over their first `rows` rows. */
export function psnr(a: Buffer, b: Buffer, width: number, rows: number): number {
	let sum = 0;
	const end = width * rows * 3;
	for (let i = 0; i < end; i++) sum += (a[i]! - b[i]!) ** 2;
	const mse = sum / end;
	return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Each value halfway between two pictures': what the middle of a crossfade shows. */
export function halfway(a: Buffer, b: Buffer): Buffer {
	return Buffer.from(a.map((value, i) => Math.round((value + b[i]!) / 2)));
}

/** One frame of a video as a PNG, cut by `filter`, light text made dark on light, doubled. */
export function readFrame(path: string, frame: number, filter: string): Uint8Array {
	return execFileSync(
		'ffmpeg',
		[
			'-v',
			'error',
			'-i',
			path,
			'-vf',
			`select=eq(n\\,${frame}),${filter},negate,scale=iw*2:ih*2`
		].concat(['-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-']),
		{ maxBuffer: 1 << 28 }
	);
}
