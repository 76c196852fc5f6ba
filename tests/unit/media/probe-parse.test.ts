import { describe, expect, it } from 'vitest';
import { kindFromLog, parseProbe, rotationOf } from '../../../src/workers/shared/probe-parse';

const video = {
	codec_type: 'video',
	codec_name: 'h264',
	width: 1920,
	height: 1080,
	avg_frame_rate: '30000/1001'
};
const audio = { codec_type: 'audio', codec_name: 'aac' };
const probeJson = (streams: object[], duration = '12.5') =>
	JSON.stringify({ streams, format: { duration } });

describe('parseProbe', () => {
	it('reads the facts of a normal clip', () => {
		expect(parseProbe(probeJson([video, audio]), [])).toEqual({
			ok: true,
			videoEndS: 12.5,
			stream: { codec: 'h264' },
			probe: {
				durationS: 12.5,
				width: 1920,
				height: 1080,
				fps: 29.97,
				codec: 'h264',
				rotation: 0,
				hasAudio: true
			}
		});
	});

	it('keeps what the browser decoder would need: profile, level, pixel format, colours', () => {
		const av1 = {
			...video,
			codec_name: 'av1',
			profile: 'Main',
			level: 8,
			pix_fmt: 'yuv420p',
			color_space: 'unknown'
		};
		expect(parseProbe(probeJson([av1]), [])).toMatchObject({
			ok: true,
			stream: { codec: 'av1', profile: 'Main', level: 8, pixFmt: 'yuv420p' }
		});
		const outcome = parseProbe(probeJson([{ ...av1, color_space: 'bt709' }]), []);
		expect(outcome.ok && outcome.stream.colorSpace).toBe('bt709');
	});

	it('says where the picture ends when the video stream is shorter than the clip', () => {
		const outcome = parseProbe(probeJson([{ ...video, duration: '9.8' }, audio]), []);
		expect(outcome).toMatchObject({ ok: true, videoEndS: 9.8, probe: { durationS: 12.5 } });
	});

	it('swaps width and height for a phone clip turned a quarter', () => {
		const turned = { ...video, side_data_list: [{ rotation: -90 }] };
		const outcome = parseProbe(probeJson([turned]), []);
		expect(outcome).toMatchObject({
			ok: true,
			probe: { width: 1080, height: 1920, rotation: 90, hasAudio: false }
		});
	});

	it('calls a file with only sound audio-only', () => {
		expect(parseProbe(probeJson([audio]), [])).toEqual({ ok: false, kind: 'audio-only' });
	});

	it('does not take cover art for video', () => {
		const cover = { ...video, codec_name: 'mjpeg', disposition: { attached_pic: 1 } };
		expect(parseProbe(probeJson([audio, cover]), [])).toEqual({ ok: false, kind: 'audio-only' });
	});

	it('names an unknown codec', () => {
		const unknown = { codec_type: 'video', width: 640, height: 360 };
		expect(parseProbe(probeJson([unknown]), [])).toEqual({ ok: false, kind: 'codec' });
	});

	it('uses the log when ffprobe could not read the file', () => {
		expect(parseProbe(undefined, ['moov atom not found'])).toEqual({ ok: false, kind: 'corrupt' });
		expect(parseProbe(undefined, ['x: Invalid data found when processing input'])).toEqual({
			ok: false,
			kind: 'not-a-video'
		});
		expect(parseProbe('{}', [])).toEqual({ ok: false, kind: 'not-a-video' });
	});

	it('calls a clip without a duration damaged', () => {
		expect(parseProbe(probeJson([video], 'N/A'), [])).toEqual({ ok: false, kind: 'corrupt' });
	});
});

describe('kindFromLog', () => {
	it('recognises a missing decoder', () => {
		expect(kindFromLog(['Decoder (codec none) not found for input stream #0:0'])).toBe('codec');
	});

	it('says nothing about an unremarkable log', () => {
		expect(kindFromLog(['frame=1'])).toBeUndefined();
	});
});

describe('rotationOf', () => {
	it('reads the old rotate tag as clockwise degrees', () => {
		expect(rotationOf({ tags: { rotate: '90' } })).toBe(90);
		expect(rotationOf({ tags: { rotate: '270' } })).toBe(270);
	});

	it('turns the display matrix (counter-clockwise) into clockwise degrees', () => {
		expect(rotationOf({ side_data_list: [{ rotation: -90 }] })).toBe(90);
		expect(rotationOf({ side_data_list: [{ rotation: 90 }] })).toBe(270);
		expect(rotationOf({ side_data_list: [{ rotation: 180 }] })).toBe(180);
		expect(rotationOf({})).toBe(0);
	});
});
