import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	escapeRbsp,
	fillHeldFrames,
	splitNals,
	unescapeRbsp
} from '../../../src/workers/shared/h264-cfr';

describe('escapeRbsp', () => {
	it('inserts 03 after two zeros when a byte up to 03 follows', () => {
		expect([...escapeRbsp(Uint8Array.of(0, 0, 1, 0, 0, 0, 0, 0, 4, 0, 0, 3))]).toEqual([
			0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 0, 4, 0, 0, 3, 3
		]);
	});
});

describe('unescapeRbsp', () => {
	it('undoes escapeRbsp for any bytes', () => {
		const rbsp = Uint8Array.from(
			{ length: 4000 },
			(_, i) => [0, 0, 1, 2, 3, 0, 7][i % 7]! * (i % 3)
		);
		expect(unescapeRbsp(escapeRbsp(rbsp))).toEqual(rbsp);
	});
});

describe('splitNals', () => {
	it('splits on 3- and 4-byte start codes and drops the start codes', () => {
		const stream = Uint8Array.of(0, 0, 0, 1, 0x67, 5, 0, 0, 1, 0x68, 6, 0, 0, 0, 1, 0x65, 7);
		expect(splitNals(stream).map((nal) => [...nal])).toEqual([
			[0x67, 5],
			[0x68, 6],
			[0x65, 7]
		]);
	});
});

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'h264-cfr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Ten frames of a test pattern as Annex B H.264 with these x264 settings. */
function encode(name: string, x264: string): Uint8Array {
	const path = join(work, name);
	const run = spawnSync('ffmpeg', [
		'-v',
		'error',
		'-y',
		'-f',
		'lavfi',
		'-i',
		'testsrc=s=64x48:r=25:d=0.4',
		'-c:v',
		'libx264',
		'-preset',
		'ultrafast',
		'-x264-params',
		x264,
		'-pix_fmt',
		'yuv420p',
		'-f',
		'h264',
		path
	]);
	if (run.status !== 0) throw new Error(String(run.stderr));
	return new Uint8Array(readFileSync(path));
}

describe.skipIf(!hasFfmpeg)('fillHeldFrames', () => {
	it('adds one picture per held frame', () => {
		const stream = encode('cavlc.h264', 'cabac=0:bframes=0');
		const pictures = (data: Uint8Array) =>
			splitNals(data).filter((nal) => [1, 5].includes(nal[0]! & 0x1f)).length;
		const kept = [0, 3, 4, 5, 9, 10, 20, 21, 22, 29];
		expect(pictures(fillHeldFrames(stream, kept, 30))).toBe(30);
	});

	it('refuses streams it cannot extend, saying why', () => {
		const kept = Array.from({ length: 10 }, (_, i) => i);
		expect(() => fillHeldFrames(encode('cabac.h264', 'cabac=1:bframes=0'), kept, 20)).toThrow(
			/CABAC/
		);
		expect(() => fillHeldFrames(encode('b.h264', 'cabac=0:bframes=2'), kept, 20)).toThrow(
			/B-frames/
		);
		expect(() => fillHeldFrames(encode('few.h264', 'cabac=0:bframes=0'), [0, 1, 2], 20)).toThrow(
			/more pictures than frames kept/
		);
	});
});
