import type { MediaErrorKind, VideoProbe } from '$lib/media/meta';
import type { StreamCodec } from './webcodecs-config';

interface ProbeStream {
	codec_type?: string;
	codec_name?: string;
	profile?: string;
	level?: number;
	pix_fmt?: string;
	color_space?: string;
	width?: number;
	height?: number;
	avg_frame_rate?: string;
	r_frame_rate?: string;
	duration?: string;
	nb_frames?: string;
	disposition?: { attached_pic?: number };
	tags?: Record<string, string>;
	side_data_list?: { rotation?: number | string }[];
}

interface ProbeJson {
	streams?: ProbeStream[];
	format?: { duration?: string; format_name?: string };
}

/**
 * What ffprobe said about a file: the facts and where its picture ends (the video stream's own
 * length where the file states it, else the clip's), or why it cannot be used.
 */
export type ProbeOutcome =
	| { ok: true; probe: VideoProbe; videoEndS: number; stream: StreamCodec }
	| { ok: false; kind: MediaErrorKind };

/** Turn ffprobe's JSON (`-print_format json -show_streams -show_format`) and its log into facts. */
export function parseProbe(json: string | undefined, log: readonly string[]): ProbeOutcome {
	const data = parseJson(json);
	if (!data?.streams) return { ok: false, kind: kindFromLog(log) ?? 'not-a-video' };
	const video = data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
	const hasAudio = data.streams.some((s) => s.codec_type === 'audio');
	if (!video) return { ok: false, kind: hasAudio ? 'audio-only' : 'not-a-video' };
	if (!video.codec_name || video.codec_name === 'none') return { ok: false, kind: 'codec' };
	const durationS = firstPositive(data.format?.duration, video.duration);
	if (!durationS || !video.width || !video.height) return { ok: false, kind: 'corrupt' };
	const rotation = rotationOf(video);
	const turned = rotation === 90 || rotation === 270;
	return {
		ok: true,
		videoEndS: firstPositive(video.duration) ?? durationS,
		stream: {
			codec: video.codec_name,
			...(video.profile && video.profile !== 'unknown' ? { profile: video.profile } : {}),
			...(Number.isInteger(video.level) ? { level: video.level } : {}),
			...(video.pix_fmt ? { pixFmt: video.pix_fmt } : {}),
			...(video.color_space && video.color_space !== 'unknown'
				? { colorSpace: video.color_space }
				: {})
		},
		probe: {
			durationS,
			width: turned ? video.height : video.width,
			height: turned ? video.width : video.height,
			fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate) ?? 30,
			codec: video.codec_name,
			rotation,
			hasAudio
		}
	};
}

/** The error kind a failed run's log points to, if any line says so. */
export function kindFromLog(log: readonly string[]): MediaErrorKind | undefined {
	const text = log.join('\n');
	if (
		/moov atom not found|Invalid NAL|partial file|truncat|End of file|error reading header/i.test(
			text
		)
	)
		return 'corrupt';
	if (
		/Decoder \(codec [^)]*\) not found|Unsupported codec|unknown codec|could not find codec/i.test(
			text
		)
	)
		return 'codec';
	if (
		/Invalid data found when processing input|could not find corresponding|Unknown input format/i.test(
			text
		)
	)
		return 'not-a-video';
	return undefined;
}

/** Clockwise rotation in degrees (0, 90, 180, 270) a player applies to show the picture upright. */
export function rotationOf(stream: ProbeStream): number {
	const raw =
		stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? stream.tags?.rotate;
	const degrees = Number(raw ?? 0);
	if (!Number.isFinite(degrees)) return 0;
	// The display matrix counts counter-clockwise (ffprobe shows -90 for a phone held upright).
	const clockwise = stream.side_data_list?.some((d) => d.rotation !== undefined)
		? -degrees
		: degrees;
	return (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
}

function frameRate(text: string | undefined): number | undefined {
	if (!text) return undefined;
	const [num, den] = text.split('/').map(Number);
	const rate = den ? (num ?? 0) / den : Number(num);
	return Number.isFinite(rate) && rate > 0 && rate < 1000
		? Math.round(rate * 1000) / 1000
		: undefined;
}

function firstPositive(...values: (string | undefined)[]): number | undefined {
	for (const value of values) {
		const n = Number(value);
		if (value !== undefined && Number.isFinite(n) && n > 0) return n;
	}
	return undefined;
}

function parseJson(text: string | undefined): ProbeJson | undefined {
	if (!text) return undefined;
	try {
		return JSON.parse(text) as ProbeJson;
	} catch {
		return undefined;
	}
}

/** Names people know codecs by, for ffprobe's codec names that are not already one. */
const CODEC_NAMES: Record<string, string> = {
	av1: 'AV1',
	h264: 'H.264',
	hevc: 'HEVC (H.265)',
	vp8: 'VP8',
	vp9: 'VP9',
	prores: 'ProRes',
	mjpeg: 'Motion JPEG',
	mpeg4: 'MPEG-4 Part 2',
	vvc: 'VVC (H.266)'
};

/** "AV1 video (Main profile)": the codec (and profile, when known) a refusal names. */
export function codecLabel(codec: string, profile?: string): string {
	const name = CODEC_NAMES[codec] ?? codec.toUpperCase();
	return profile ? `${name} video (${profile} profile)` : `${name} video`;
}

/** The refusal for a clip whose picture neither the engine nor the browser decodes, naming what it is. */
export function undecodableMessage(codec: string, profile?: string): string {
	return (
		`This clip is ${codecLabel(codec, profile)}, which cannot be decoded by the video engine ` +
		'or by this browser. Convert it to H.264 MP4 and try again.'
	);
}

/** The refusal for a clip the browser could decode but that is too large to hand to it whole. */
export function tooLargeForBrowserMessage(codec: string, profile?: string): string {
	return (
		`This clip is ${codecLabel(codec, profile)}: only this browser can decode it, and it is too ` +
		'large to read that way (over 256 MB). Convert it to H.264 MP4 and try again.'
	);
}
