import { describe, expect, it } from 'vitest';
import { parseIvf } from '../../../src/workers/shared/ivf';
import { webCodecsCodec } from '../../../src/workers/shared/webcodecs-config';
import { codecLabel, undecodableMessage } from '../../../src/workers/shared/probe-parse';

/** An IVF file with `frames` (pts, bytes) in time base 1/12800, as ffmpeg's ivf muxer writes it. */
function ivf(frames: [number, number[]][], cutLast = 0): Uint8Array {
	const header = new Uint8Array(32);
	const view = new DataView(header.buffer);
	header.set(new TextEncoder().encode('DKIF'), 0);
	view.setUint16(6, 32, true);
	header.set(new TextEncoder().encode('AV01'), 8);
	view.setUint32(16, 12800, true);
	view.setUint32(20, 1, true);
	const parts: number[] = [...header];
	for (const [pts, data] of frames) {
		const frameHeader = new DataView(new ArrayBuffer(12));
		frameHeader.setUint32(0, data.length, true);
		frameHeader.setBigInt64(4, BigInt(pts), true);
		parts.push(...new Uint8Array(frameHeader.buffer), ...data);
	}
	return new Uint8Array(parts.slice(0, parts.length - cutLast));
}

describe('parseIvf', () => {
	it('reads the codec tag, time base and each picture with its time', () => {
		const stream = parseIvf(
			ivf([
				[0, [1, 2, 3]],
				[512, [4, 5]]
			])
		)!;
		expect(stream.fourcc).toBe('AV01');
		expect(stream.timeBase).toEqual([1, 12800]);
		expect(stream.frames.map((f) => [f.pts, [...f.data]])).toEqual([
			[0, [1, 2, 3]],
			[512, [4, 5]]
		]);
	});

	it('leaves out a picture cut off at the end, and refuses what is not IVF', () => {
		expect(
			parseIvf(
				ivf(
					[
						[0, [1, 2, 3]],
						[512, [4, 5]]
					],
					1
				)
			)!.frames
		).toHaveLength(1);
		expect(parseIvf(new TextEncoder().encode('RIFF not an ivf file at all, no no no'))).toBe(
			undefined
		);
	});
});

describe('webCodecsCodec', () => {
	it('names an AV1 stream as WebCodecs asks: profile, level, tier and bit depth', () => {
		expect(webCodecsCodec({ codec: 'av1', profile: 'Main', level: 8, pixFmt: 'yuv420p' })).toBe(
			'av01.0.08M.08'
		);
		expect(
			webCodecsCodec({ codec: 'av1', profile: 'High', level: 13, pixFmt: 'yuv444p10le' })
		).toBe('av01.1.13M.10');
	});

	it('leaves other codecs to the engine', () => {
		expect(webCodecsCodec({ codec: 'h264', profile: 'High' })).toBeUndefined();
	});
});

describe('codecLabel and undecodableMessage', () => {
	it('name the codec and its profile in words people know', () => {
		expect(codecLabel('av1', 'Main')).toBe('AV1 video (Main profile)');
		expect(codecLabel('vvc')).toBe('VVC (H.266) video');
		expect(codecLabel('foo')).toBe('FOO video');
		expect(undecodableMessage('av1', 'Main')).toMatch(
			/^This clip is AV1 video \(Main profile\), which cannot be decoded by .*\.$/
		);
	});
});
