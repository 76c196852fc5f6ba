import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changePassArgs } from '../../../src/workers/shared/change-pass';
import { ChangeRecorder } from '../../../src/workers/shared/change-recorder';
import { THUMB_BYTES } from '../../../src/workers/shared/frame-diff';

const TIME_BASE_LINE = '[Parsed_showinfo_2 @ 0x1f] config in time_base: 1/15360, frame_rate: 30/1';

/** showinfo's line for frame `n` of a 30 fps clip with a 1/15360 time base. */
function frameLine(n: number): string {
	const pts = n * 512;
	return `[Parsed_showinfo_2 @ 0x1f] n:${n} pts:${pts} pts_time:${(pts / 15360).toPrecision(6)} pos:0 fmt:rgb24`;
}

/** A thumbnail unlike its neighbours: frame `n`'s bytes follow a pattern seeded by `n`. */
function thumbnail(n: number): Uint8Array {
	const bytes = new Uint8Array(THUMB_BYTES);
	for (let i = 0; i < bytes.length; i++) bytes[i] = (i * (n + 3) * 7 + n * 13) % 251;
	return bytes;
}

/** A deterministic random generator, so that a failing order can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

interface PassEvent {
	kind: 'line' | 'bytes';
	line?: string;
	bytes?: Uint8Array;
}

/**
 * The events of one pass over frames `from` (inclusive) to `to` (exclusive): each frame's log
 * line and its bytes cut into random chunks, interleaved at random while each stream keeps its
 * own order.
 */
function passEvents(from: number, to: number, next: () => number): PassEvent[] {
	const lines: PassEvent[] = [{ kind: 'line', line: TIME_BASE_LINE }];
	const stream = new Uint8Array((to - from) * THUMB_BYTES);
	for (let n = from; n < to; n++) {
		lines.push({ kind: 'line', line: frameLine(n) });
		stream.set(thumbnail(n), (n - from) * THUMB_BYTES);
	}
	const chunks: PassEvent[] = [];
	for (let at = 0; at < stream.length;) {
		const size = 1 + Math.floor(next() * THUMB_BYTES * 2.5);
		chunks.push({ kind: 'bytes', bytes: stream.subarray(at, at + size) });
		at += size;
	}
	const events: PassEvent[] = [];
	while (lines.length || chunks.length) {
		const fromLines = chunks.length === 0 || (lines.length > 0 && next() < 0.5);
		events.push((fromLines ? lines : chunks).shift()!);
	}
	return events;
}

function feed(recorder: ChangeRecorder, events: readonly PassEvent[]): void {
	for (const event of events) {
		if (event.kind === 'line') recorder.line(event.line!);
		else recorder.bytes(event.bytes!);
	}
}

/** The series of one uninterrupted, in-order pass over `frames` frames. */
function referenceSeries(frames: number) {
	const recorder = new ChangeRecorder();
	recorder.startPass();
	recorder.line(TIME_BASE_LINE);
	for (let n = 0; n < frames; n++) {
		recorder.line(frameLine(n));
		recorder.bytes(thumbnail(n));
	}
	return recorder.series();
}

describe('ChangeRecorder', () => {
	it('pairs each logged time with its thumbnail whatever the order and chunking', () => {
		const expected = referenceSeries(40);
		for (let seed = 1; seed <= 50; seed++) {
			const recorder = new ChangeRecorder();
			recorder.startPass();
			feed(recorder, passEvents(0, 40, random(seed)));
			expect(recorder.series()).toEqual(expected);
		}
	});

	it(
		'gives the same series after crashes, whichever stream ran ahead when it stopped',
		{ timeout: 30_000 },
		() => {
			const expected = referenceSeries(30);
			for (let seed = 1; seed <= 60; seed++) {
				const next = random(seed);
				const recorder = new ChangeRecorder();
				for (let passes = 0; ; passes++) {
					const startS = recorder.startPass();
					// The pass re-decodes from a frame at or before `startS` (a seek lands early).
					const first = Math.max(0, Math.ceil(startS * 30 - 1e-9) - Math.floor(next() * 3));
					const events = passEvents(first, 30, next);
					// Crash at a random event (never past the end) in all but the last pass.
					const stopAt = passes < 4 ? Math.floor(next() * events.length) : events.length;
					feed(recorder, events.slice(0, stopAt));
					if (stopAt === events.length) break;
				}
				expect(recorder.series()).toEqual(expected);
			}
		}
	);

	it('resumes just before the last measured frame, counted from the first frame', () => {
		const recorder = new ChangeRecorder();
		expect(recorder.startPass()).toBe(0);
		recorder.line(TIME_BASE_LINE);
		for (let n = 0; n < 10; n++) {
			recorder.line(frameLine(n));
			recorder.bytes(thumbnail(n));
		}
		const lastS = (9 * 512) / 15360;
		const startS = recorder.startPass();
		expect(startS).toBeLessThan(lastS);
		expect(startS).toBeGreaterThan(lastS - 0.0021);
	});

	it('counts times from the clip start, which an MPEG-TS clip puts well after zero', () => {
		const recorder = new ChangeRecorder();
		recorder.startPass();
		recorder.line('[Parsed_showinfo_2 @ 0x1] config in time_base: 1/90000, frame_rate: 25/1');
		for (const pts of [126_000, 129_600, 133_200]) {
			recorder.line(`[Parsed_showinfo_2 @ 0x1] n:0 pts:${pts} pts_time:${pts / 90000} pos:0`);
			recorder.bytes(thumbnail(pts));
		}
		expect([...recorder.series(1.4).timesS].map((t) => Math.round(t * 1000) / 1000)).toEqual([
			0, 0.04, 0.08
		]);
	});

	it('tells frames apart past 1000 s, where pts_time is too coarse', () => {
		const recorder = new ChangeRecorder();
		recorder.startPass();
		recorder.line('[Parsed_showinfo_2 @ 0x1] config in time_base: 1/1000, frame_rate: 1000/1');
		for (const pts of [1_000_001, 1_000_002, 1_000_003]) {
			recorder.line(
				`[Parsed_showinfo_2 @ 0x1] n:0 pts:${pts} pts_time:${(pts / 1000).toPrecision(6)} pos:0`
			);
			recorder.bytes(thumbnail(pts));
		}
		expect(Array.from(recorder.series().timesS)).toEqual([1000.001, 1000.002, 1000.003]);
	});
});

const clip = join(import.meta.dirname, '../../fixtures/media/cuts-h264.mp4');
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** One change pass by native ffmpeg from `startS`: its log lines and the thumbnail bytes. */
function nativePass(startS: number): { lines: string[]; bytes: Uint8Array } {
	const out = mkdtempSync(join(tmpdir(), 'maestro-recorder-'));
	try {
		const thumbs = join(out, 'thumbs.rgb');
		const run = spawnSync('ffmpeg', changePassArgs(clip, thumbs, startS), { encoding: 'utf8' });
		return { lines: run.stderr.split('\n'), bytes: readFileSync(thumbs) };
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
}

describe.skipIf(!hasFfmpeg)('ChangeRecorder over native ffmpeg passes', () => {
	it(
		'resumed after a crash, measures exactly what one whole pass measures',
		{ timeout: 60_000 },
		() => {
			const whole = nativePass(0);
			const reference = new ChangeRecorder();
			reference.startPass();
			whole.lines.forEach((line) => reference.line(line));
			reference.bytes(whole.bytes);
			const expected = reference.series();
			expect(expected.timesS.length).toBe(250);

			// Crash mid-stream at a cut (2 s) and elsewhere, with the log ahead of the bytes and behind.
			for (const [linesKept, bytesKept] of [
				[52, 47.5],
				[47, 51.2],
				[111, 111],
				[200, 190.3]
			] as const) {
				const recorder = new ChangeRecorder();
				recorder.startPass();
				const frames = whole.lines.filter((line) => line.includes('pts_time'));
				const cut = whole.lines.indexOf(frames[linesKept]!);
				whole.lines.slice(0, cut).forEach((line) => recorder.line(line));
				recorder.bytes(whole.bytes.subarray(0, Math.floor(bytesKept * THUMB_BYTES)));
				const resumed = nativePass(recorder.startPass());
				resumed.lines.forEach((line) => recorder.line(line));
				recorder.bytes(resumed.bytes);
				expect(recorder.series()).toEqual(expected);
			}
		}
	);
});
