/** What ffprobe says about a picture stream, as far as the browser's decoder needs it. */
export interface StreamCodec {
	codec: string;
	profile?: string;
	level?: number;
	pixFmt?: string;
	/** ffprobe's `color_space` (the YUV matrix), absent when the stream does not name it. */
	colorSpace?: string;
}

/** AV1 seq_profile by ffprobe's profile name. */
const AV1_PROFILES: Record<string, number> = { Main: 0, High: 1, Professional: 2 };

/**
 * The WebCodecs codec string for a stream the engine cannot decode itself, or undefined when
 * the browser path does not cover it (only AV1 now: the engine's FFmpeg 5.1 has no AV1 decoder).
 * See https://aomediacodec.github.io/av1-isobmff/#codecsparam for the AV1 form.
 */
export function webCodecsCodec(stream: StreamCodec): string | undefined {
	if (stream.codec !== 'av1') return undefined;
	const profile = AV1_PROFILES[stream.profile ?? 'Main'] ?? 0;
	const level = Number.isInteger(stream.level) && stream.level! >= 0 ? stream.level! : 8;
	const depth = /1[02]le|1[02]be|p10|p12/.test(stream.pixFmt ?? '')
		? /12/.test(stream.pixFmt!)
			? 12
			: 10
		: 8;
	return `av01.${profile}.${String(level).padStart(2, '0')}M.${String(depth).padStart(2, '0')}`;
}
