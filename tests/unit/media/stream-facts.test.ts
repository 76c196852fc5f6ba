import { describe, expect, it } from 'vitest';
import { decoderHints, startTimeIn, x264BuildIn } from '../../../src/workers/shared/stream-facts';

const bytes = (text: string) =>
	new Uint8Array([0, 0, 1, 6, 5, ...new TextEncoder().encode(text), 0x80]);

describe('x264BuildIn', () => {
	it('reads the build from x264’s version note', () => {
		expect(x264BuildIn(bytes('x264 - core 164 r3095 baee400 - H.264/MPEG-4 AVC codec'))).toBe(164);
	});

	it('finds nothing in a stream from another encoder', () => {
		expect(x264BuildIn(bytes('Lavc59.37.100 libx265'))).toBeUndefined();
		expect(x264BuildIn(bytes('x264 - core '))).toBeUndefined();
	});
});

describe('startTimeIn', () => {
	it('reads the start from ffmpeg’s input summary', () => {
		expect(startTimeIn(['  Duration: 00:00:06.00, start: 1.433000, bitrate: 1977 kb/s'])).toBe(
			1.433
		);
		expect(startTimeIn(['nothing here'])).toBeUndefined();
	});
});

describe('decoderHints', () => {
	it('keeps only the facts that were found', () => {
		expect(decoderHints(undefined, [])).toEqual({});
		expect(decoderHints(bytes('x264 - core 150'), ['Duration: N/A, start: 0.000000'])).toEqual({
			x264Build: 150,
			startTimeS: 0
		});
	});
});
