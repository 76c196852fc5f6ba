import { describe, expect, it } from 'vitest';
import { describeProbe, formatClipTime } from '$lib/media/format';

describe('formatClipTime', () => {
	it('shows minutes, seconds and tenths', () => {
		expect(formatClipTime(0)).toBe('0:00.0');
		expect(formatClipTime(4.24)).toBe('0:04.2');
		expect(formatClipTime(62.96)).toBe('1:03.0');
	});

	it('adds hours for long clips', () => {
		expect(formatClipTime(3723)).toBe('1:02:03.0');
	});
});

describe('describeProbe', () => {
	it('lists duration, size, frame rate, codec and audio', () => {
		const facts = describeProbe({
			durationS: 10,
			width: 1080,
			height: 1920,
			fps: 29.97,
			codec: 'h264',
			rotation: 90,
			hasAudio: false
		});
		expect(facts).toEqual([
			{ label: 'Duration', value: '0:10.0' },
			{ label: 'Size', value: '1080 × 1920' },
			{ label: 'Frame rate', value: '29.97 fps' },
			{ label: 'Codec', value: 'H264' },
			{ label: 'Audio', value: 'No' }
		]);
	});
});
