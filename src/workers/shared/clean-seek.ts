/**
 * Decoding the frame shown at a time the way native ffmpeg's exact (output) seek does, without
 * decoding the clip from its start every time.
 *
 * A container's sync samples are not always clean starting points: x264's periodic intra
 * refresh marks frames whose picture is rebuilt over the next second or two, an open GOP's
 * first B-frames lean on the GOP before, HEVC's CRA frames drop their RASL pictures. ffmpeg's
 * input seek (`-ss` before `-i`) decodes from such a point and, as the decoder outputs damaged
 * pictures by default (`output_corrupt`), hands back grey or green blocks without a word.
 *
 * So a decode here turns `output_corrupt` off (the decoder then holds back every picture it has
 * not recovered), starts a little before the wanted time, and logs the time of every picture
 * the decoder gives out. The frame is trusted only when a picture before the wanted time came
 * out first (the decoder had recovered before it) or when decoding began at the clip's start;
 * otherwise the next try starts further back, as far as the clip's start.
 */

/** How a frame is decoded: where decoding starts and what the decoder is told. */
export interface SeekPlan {
	/** Seek point (s from the clip's start) handed to the demuxer; undefined decodes from the start. */
	fromS: number | undefined;
}

/** Facts from a clip's start that decoding from a later point must be told (see stream-facts.ts). */
export interface DecoderHints {
	/** x264 build named in the stream's first frame; ffmpeg works around old builds' bugs from it. */
	x264Build?: number;
	/** The file's start time (s): frame times in the log are absolute, `-ss` is not. */
	startTimeS?: number;
}

/**
 * How far before the wanted time each try starts (s): just before it (one or two frames, so
 * the decoder shows a picture before the wanted one), then further back; `Infinity` is the start.
 */
export function prerollSteps(fps: number, maxBackS = Infinity): number[] {
	const frame = 1 / (fps > 0 ? fps : 30);
	const steps = [Math.max(0.05, 1.5 * frame), 2.5, 6, 15, 40].filter((s) => s < maxBackS);
	return [...steps, maxBackS];
}

/** The expression filter that logs each decoded picture's time and lets through the first at `atS` or later. */
function selectFrom(atS: number): string {
	return `select=gte(print(t\\,32)\\,${atS.toFixed(6)})`;
}

/**
 * ffmpeg arguments that decode the picture shown at `timeS` (s from the clip's start) through
 * `filter` into `output`, starting `backS` before it (from the clip's start when that is before
 * it), logging every picture's time.
 */
export function frameDecodeArgs(
	input: string,
	output: string,
	timeS: number,
	backS: number,
	filter: string,
	hints: DecoderHints = {}
): { args: string[]; fromStart: boolean } {
	const fromS = timeS - backS;
	const fromStart = !(fromS > 0) || !Number.isFinite(backS);
	const decoder = hints.x264Build === undefined ? [] : ['-x264_build', String(hints.x264Build)];
	const args = [
		'-nostdin',
		'-hide_banner',
		'-nostats',
		'-loglevel',
		'info',
		'-flags',
		'-output_corrupt',
		...decoder,
		'-noaccurate_seek',
		'-copyts',
		...(fromStart ? [] : ['-ss', fromS.toFixed(3)]),
		'-i',
		input,
		'-map',
		'0:v:0',
		'-frames:v',
		'1',
		'-an',
		'-sn',
		'-dn',
		'-vf',
		`${selectFrom(timeS + (hints.startTimeS ?? 0))},${filter}`,
		'-f',
		'rawvideo',
		'-y',
		output
	];
	return { args, fromStart };
}

/** The picture times (s, absolute) an `frameDecodeArgs` run logged, in order. */
export function loggedTimes(log: readonly string[]): number[] {
	const times: number[] = [];
	for (const line of log) {
		const text = line.trim();
		if (/^-?\d+\.\d+$/.test(text)) times.push(Number(text));
	}
	return times;
}

/**
 * Decoder lines that say a picture was damaged (concealed, missing references): after the
 * decoder started giving out pictures they mean what it gave may be wrong.
 */
const DAMAGE =
	/concealing \d+|error while decoding|Missing reference|corrupt decoded frame|decode_slice_header error|Could not find ref|Invalid NAL unit|illegal (?:short|long) term|reference picture missing|Error constructing the frame RPS|Error parsing NAL/i;

/** What a decode run tells about the frame it made. */
export type DecodeVerdict = 'clean' | 'earlier' | 'past-end' | 'no-frame';

/**
 * Whether a run's frame is the one native ffmpeg decodes at `timeS`: 'clean' when decoding began
 * at the clip's start, or the decoder gave out a picture before `timeS` and reported no damage
 * after that; 'earlier' when the run must start further back; 'past-end' when pictures came out
 * but none at or after `timeS`; 'no-frame' when no picture came out at all.
 */
export function judgeDecode(
	log: readonly string[],
	timeS: number,
	fromStart: boolean,
	hints: DecoderHints = {}
): DecodeVerdict {
	const at = timeS + (hints.startTimeS ?? 0) - 1e-6;
	const times = loggedTimes(log);
	if (times.length === 0) return 'no-frame';
	if (!times.some((t) => t >= at)) return 'past-end';
	if (fromStart) return 'clean';
	const firstShown = log.findIndex((line) => /^-?\d+\.\d+$/.test(line.trim()));
	const damaged = log.slice(firstShown).some((line) => DAMAGE.test(line));
	return times[0]! < at && !damaged ? 'clean' : 'earlier';
}

/**
 * Whether the first picture a run gave out is the wanted one (within a frame and a half of
 * `timeS`): decoding began on it, a clean keyframe, and starting a little earlier is all it takes.
 */
export function startsOnWantedFrame(
	log: readonly string[],
	timeS: number,
	fps: number,
	hints: DecoderHints = {}
): boolean {
	const first = loggedTimes(log)[0];
	const at = timeS + (hints.startTimeS ?? 0);
	return first !== undefined && first >= at - 1e-6 && first <= at + 1.5 / (fps > 0 ? fps : 30);
}
