import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnimaticClip, AnimaticJob } from '$lib/export/meta';
import {
	animaticArgs,
	animaticMuxArgs,
	clipTimings,
	encodedFrames,
	fadeFrames,
	keptFrames,
	progressFrame,
	shotFrames,
	totalFrames
} from '../../../src/workers/shared/animatic-graph';
import { fillHeldFrames } from '../../../src/workers/shared/h264-cfr';

const clip = (
	durationS: number,
	transition: 'cut' | 'dissolve',
	kind: 'still' | 'video' = 'still'
): AnimaticClip => ({
	kind,
	path: 'x',
	durationS,
	transition
});

describe('fadeFrames', () => {
	it('is half a second at most, even, and never more than half the shorter shot', () => {
		expect(fadeFrames(75, 75, 25)).toBe(12);
		expect(fadeFrames(10, 75, 25)).toBe(4);
		expect(fadeFrames(1, 75, 25)).toBe(0);
	});
});

describe('shotFrames', () => {
	it('places every cut on the running total, so the whole lasts round(total × fps) frames', () => {
		// Rounded one by one these would be 50 + 63 + 50 + 38 = 201 frames.
		expect(shotFrames([2, 2.5, 2, 1.5], 25)).toEqual([50, 63, 50, 37]);
		expect(shotFrames([1.22, 1.02, 0.86, 1.1], 25)).toEqual([31, 25, 22, 27]);
	});
	it('never drifts on a long board', () => {
		const durations = Array.from({ length: 200 }, (_, i) => 0.5 + ((i * 7) % 13) * 0.13);
		const total = durations.reduce((a, b) => a + b, 0);
		const frames = shotFrames(durations, 25);
		expect(frames.reduce((a, b) => a + b, 0)).toBe(Math.round(total * 25));
		let elapsed = 0;
		let placed = 0;
		for (const [i, count] of frames.entries()) {
			elapsed += durations[i]!;
			placed += count;
			expect(Math.abs(placed - elapsed * 25)).toBeLessThanOrEqual(0.5);
		}
	});
	it('gives a shot shorter than a frame one frame', () => {
		expect(shotFrames([0.01, 1], 25)).toEqual([1, 24]);
	});
});

describe('clipTimings', () => {
	it('lends half of each crossfade from both sides so the total is the sum of the shots', () => {
		const timings = clipTimings([clip(3, 'cut'), clip(3, 'dissolve'), clip(1.2, 'cut')], 25);
		expect(timings.map((t) => [t.frames, t.fadeIn, t.inputFrames])).toEqual([
			[75, 0, 81],
			[75, 12, 81],
			[30, 0, 30]
		]);
		expect(totalFrames(timings)).toBe(180);
	});
	it('ignores a dissolve on the first shot', () => {
		expect(clipTimings([clip(2, 'dissolve')], 25)[0]!.fadeIn).toBe(0);
	});
});

describe('keptFrames', () => {
	it('keeps one frame a second of a still, every crossfade frame and the last frame', () => {
		const clips = [clip(3, 'cut'), clip(3, 'dissolve')];
		const expression = keptFrames(clips, clipTimings(clips, 25), 25);
		expect(expression).toBe('not(mod(n,25))+between(n,69,81)+eq(n,149)');
	});
	it('keeps every frame of a video take', () => {
		const clips = [clip(2, 'cut'), clip(2, 'cut', 'video'), clip(2, 'cut')];
		expect(keptFrames(clips, clipTimings(clips, 25), 25)).toContain('between(n,50,100)');
	});
});

describe('encodedFrames', () => {
	it('lists the frames the select expression keeps', () => {
		const clips = [clip(3, 'cut'), clip(3, 'dissolve')];
		expect(encodedFrames({ clips, fps: 25, kenBurns: false })).toEqual([
			0, 25, 50, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 100, 125, 149
		]);
	});
	it('lists every frame of a pan', () => {
		const clips = [clip(1, 'cut'), clip(1, 'dissolve')];
		expect(encodedFrames({ clips, fps: 25, kenBurns: true })).toHaveLength(50);
	});
});

describe('progressFrame', () => {
	it('reads the frame count of a -progress line', () => {
		expect(progressFrame('frame=123')).toBe(123);
		expect(progressFrame('fps=2.0')).toBeUndefined();
	});
});

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'animatic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function ffmpeg(args: string[]) {
	const run = spawnSync('ffmpeg', args, { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(run.stderr);
	return run;
}

/** Both passes as the media worker runs them, with native ffmpeg. */
function encode(job: AnimaticJob, output: string) {
	const pictures = join(work, 'pictures.h264');
	const filled = join(work, 'filled.h264');
	ffmpeg(animaticArgs(job, pictures));
	const total = totalFrames(clipTimings(job.clips, job.fps));
	writeFileSync(filled, fillHeldFrames(readFileSync(pictures), encodedFrames(job), total));
	ffmpeg(animaticMuxArgs(job, filled, output));
	return pictures;
}

/** MD5 of each decoded frame, in order; decoding errors fail. */
function frameHashes(path: string): string[] {
	const run = ffmpeg(['-v', 'error', '-xerror', '-i', path, '-map', '0:v', '-f', 'framemd5', '-']);
	return run.stdout
		.split('\n')
		.filter((line) => line && !line.startsWith('#'))
		.map((line) => line.split(',').at(-1)!.trim());
}

function probe(path: string) {
	const run = spawnSync(
		'ffprobe',
		['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
		{ encoding: 'utf8' }
	);
	return JSON.parse(run.stdout) as {
		format: { duration: string };
		streams: {
			codec_type: string;
			codec_name: string;
			width: number;
			height: number;
			duration: string;
			pix_fmt: string;
			r_frame_rate: string;
			avg_frame_rate: string;
			nb_frames: string;
		}[];
	};
}

describe.skipIf(!hasFfmpeg)('animaticArgs with native ffmpeg', () => {
	it('encodes stills, a clip and sound into constant frame rate H.264 as long as the shots', () => {
		for (const [i, color] of ['red', 'blue', 'green'].entries()) {
			ffmpeg([
				'-loglevel',
				'error',
				'-y',
				'-f',
				'lavfi',
				'-i',
				`color=c=${color}:s=320x180`,
				'-frames:v',
				'1',
				join(work, `s${i}.jpg`)
			]);
		}
		ffmpeg([
			'-loglevel',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'testsrc=s=160x120:r=30:d=1',
			'-pix_fmt',
			'yuv420p',
			join(work, 'clip.mp4')
		]);
		ffmpeg(['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=10', join(work, 'sound.m4a')]);
		const job: AnimaticJob = {
			width: 320,
			height: 180,
			fps: 25,
			kenBurns: false,
			preset: 'veryfast',
			clips: [
				{ ...clip(1.2, 'cut'), path: join(work, 's0.jpg') },
				{ ...clip(1, 'dissolve'), path: join(work, 's1.jpg') },
				{ ...clip(1.5, 'dissolve', 'video'), path: join(work, 'clip.mp4') },
				{ ...clip(0.8, 'cut'), path: join(work, 's2.jpg') }
			],
			audio: { path: join(work, 'sound.m4a'), startS: 1 }
		};
		const output = join(work, 'out.mp4');
		encode(job, output);
		const facts = probe(output);
		const video = facts.streams.find((s) => s.codec_type === 'video')!;
		expect([video.codec_name, video.width, video.height, video.pix_fmt]).toEqual([
			'h264',
			320,
			180,
			'yuv420p'
		]);
		// Constant frame rate: 30 + 25 + 38 + 20 frames of 1/25 s each.
		expect([video.r_frame_rate, video.avg_frame_rate, video.nb_frames]).toEqual([
			'25/1',
			'25/1',
			'113'
		]);
		expect(Number(video.duration)).toBeCloseTo(4.5, 1);
		expect(Math.abs(Number(facts.format.duration) - 4.5)).toBeLessThanOrEqual(0.04);
		expect(facts.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
		// Every frame decodes, and a held frame is exactly the encoded picture before it.
		const pictures = frameHashes(join(work, 'pictures.h264'));
		const encoded = encodedFrames(job);
		expect(pictures).toHaveLength(encoded.length);
		expect(frameHashes(output)).toEqual(
			Array.from({ length: 113 }, (_, n) => pictures[encoded.findLastIndex((k) => k <= n)])
		);
	}, 60_000);

	it('makes a pan and zoom animatic at a constant frame rate', () => {
		ffmpeg([
			'-loglevel',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			'testsrc=s=480x270',
			'-frames:v',
			'1',
			join(work, 'k.jpg')
		]);
		const job: AnimaticJob = {
			width: 320,
			height: 180,
			fps: 25,
			kenBurns: true,
			preset: 'ultrafast',
			clips: [
				{ ...clip(1, 'cut'), path: join(work, 'k.jpg') },
				{ ...clip(1, 'dissolve'), path: join(work, 'k.jpg') }
			]
		};
		const output = join(work, 'kb.mp4');
		encode(job, output);
		const run = spawnSync(
			'ffprobe',
			[
				'-v',
				'error',
				'-count_frames',
				'-select_streams',
				'v',
				'-show_entries',
				'stream=nb_read_frames',
				'-of',
				'csv=p=0',
				output
			],
			{ encoding: 'utf8' }
		);
		expect(Number(run.stdout.trim())).toBe(50);
	}, 60_000);
});
