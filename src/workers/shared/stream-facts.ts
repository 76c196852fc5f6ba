import type { DecoderHints } from './clean-seek';

/**
 * ffmpeg arguments that copy the first video packet of `input` to `output` as it is stored: what
 * `streamFacts` reads the encoder's note from (and the run's log gives the file's start time).
 */
export function firstPacketArgs(input: string, output: string): string[] {
	return [
		'-nostdin',
		'-hide_banner',
		'-nostats',
		'-loglevel',
		'info',
		'-i',
		input,
		'-map',
		'0:v:0',
		'-c',
		'copy',
		'-frames:v',
		'1',
		'-f',
		'data',
		'-y',
		output
	];
}

const X264_NOTE = new TextEncoder().encode('x264 - core ');

/** The x264 build named in a stream's version note ("x264 - core 164 r3095 …"), if `bytes` hold one. */
export function x264BuildIn(bytes: Uint8Array): number | undefined {
	search: for (let i = 0; i + X264_NOTE.length < bytes.length; i++) {
		for (let j = 0; j < X264_NOTE.length; j++) if (bytes[i + j] !== X264_NOTE[j]) continue search;
		let build = 0;
		let digits = 0;
		for (let k = i + X264_NOTE.length; k < bytes.length && digits < 6; k++, digits++) {
			const c = bytes[k]!;
			if (c < 48 || c > 57) break;
			build = build * 10 + (c - 48);
		}
		return digits > 0 ? build : undefined;
	}
	return undefined;
}

/** The file's start time (s) in ffmpeg's input summary ("Duration: …, start: 0.033000, …"). */
export function startTimeIn(log: readonly string[]): number | undefined {
	for (const line of log) {
		const match = /\bstart:\s*(-?\d+(?:\.\d+)?)/.exec(line);
		if (match) return Number(match[1]);
	}
	return undefined;
}

/**
 * What a decode that starts after the clip's first frame must be told: the x264 build from the
 * first packet's note (only an H.264 stream has one) and the file's start time.
 */
export function decoderHints(
	firstPacket: Uint8Array | undefined,
	log: readonly string[]
): DecoderHints {
	const x264Build = firstPacket ? x264BuildIn(firstPacket) : undefined;
	const startTimeS = startTimeIn(log);
	return {
		...(x264Build === undefined ? {} : { x264Build }),
		...(startTimeS === undefined || !Number.isFinite(startTimeS) ? {} : { startTimeS })
	};
}
