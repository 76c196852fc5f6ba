import type { AnimaticFile, AnimaticJob } from '$lib/export/meta';
import type {
	ChangeSeries,
	EngineInfo,
	FrameRequest,
	ProgressCallback,
	SampledFrame,
	VideoProbe
} from '$lib/media/meta';
import { encodeAnimatic } from './shared/animatic';
import { changePassArgs } from './shared/change-pass';
import { ChangeRecorder } from './shared/change-recorder';
import { CoreCrash, FFmpegRunner, SINK_PATH } from './shared/ffmpeg-runner';
import { MediaError } from './shared/media-error';
import { serveWorker } from './shared/serve-worker';
import {
	kindFromLog,
	parseProbe,
	type ProbeOutcome,
	tooLargeForBrowserMessage,
	undecodableMessage
} from './shared/probe-parse';
import { BrowserClip } from './shared/browser-clip';
import { parseIvf } from './shared/ivf';
import { webCodecsCodec, type StreamCodec } from './shared/webcodecs-config';
import {
	frameDecodeArgs,
	judgeDecode,
	prerollSteps,
	startsOnWantedFrame,
	type DecodeVerdict,
	type DecoderHints
} from './shared/clean-seek';
import { decoderHints, firstPacketArgs } from './shared/stream-facts';

const runner = new FFmpegRunner();
/**
 * Animatics use the single-thread core: measured here it encodes them about twice as fast as
 * the multi-thread one, which also hung on some runs (see `npm run bench:export`).
 */
const animaticRunner = new FFmpegRunner(false);
const PROBE_OUT = '/probe.json';
const FRAME_OUT = '/frame.rgba';
const FIRST_PACKET_OUT = '/first-packet.bin';
/** Progress is reported at most this often (ms) during a decoding pass. */
const PROGRESS_EVERY_MS = 200;

/** How a frame is encoded: its size in pixels (upright, as displayed), JPEG quality, and the clip's frame rate. */
export interface FrameEncoding {
	width: number;
	height: number;
	jpegQuality: number;
	fps: number;
}

/** Called with each frame the moment it is made, and how many of how many are done. */
export type FrameCallback = (frame: SampledFrame, done: number, total: number) => void;

/** Run engine work; anything but a problem with the file (a crash, a core that failed to load) is an engine error. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof MediaError) throw error;
		console.error('Media engine failure', error instanceof CoreCrash ? error.cause : error);
		throw new MediaError('engine');
	}
}

const api = {
	/** Which decoder reads the clip (after its probe), else which engine runs; loads the core. */
	async engineInfo(file?: Blob, name?: string): Promise<EngineInfo> {
		if (file && name && browserClipFor(clipKey(file, name))) {
			return { engine: 'browser', threads: false };
		}
		await runner.warmUp();
		return { engine: 'ffmpeg.wasm', threads: runner.threads };
	},

	/** Size of the loaded core's wasm heap (bytes), to see where the tab's memory goes. */
	heapBytes(): number {
		return runner.heapBytes;
	},

	/** Facts about a clip (duration, display size, fps, codec, rotation, audio), after checking its start and end decode. */
	probe(file: Blob, name: string): Promise<VideoProbe> {
		return guarded(async () => {
			await runner.setInput(file, name);
			const outcome = await probeMounted();
			if (!outcome.ok) throw new MediaError(outcome.kind);
			const key = clipKey(file, name);
			const start = await decodesAtStart();
			if (!start.ok) {
				// ffprobe found a picture stream and named its codec, so whatever the decoder said
				// (an AV1 decoder that needs hardware says "Invalid data"), the codec is the reason,
				// unless the browser's own decoder reads it.
				if (kindFromLog(start.log) === 'corrupt') throw new MediaError('corrupt');
				await openBrowserClip(key, file, outcome.stream, outcome.probe.rotation);
				return outcome.probe;
			}
			browserClip = undefined;
			engineDecodes = key;
			// An index at the front describes the whole clip even when the data stops early (a
			// download that did not finish): the picture must decode near its end too.
			const facts = await hintsFor(key);
			if (!(await decodesNearEnd(outcome.videoEndS, outcome.probe.fps, facts))) {
				throw new MediaError('corrupt');
			}
			return outcome.probe;
		});
	},

	/**
	 * Frames at the requested times as JPEGs, each handed to `onFrame` as soon as it exists.
	 * Rotation is applied (ffmpeg turns frames upright); the size comes from `encoding`.
	 */
	sampleFrames(
		file: Blob,
		name: string,
		requests: FrameRequest[],
		encoding: FrameEncoding,
		onFrame?: FrameCallback
	): Promise<SampledFrame[]> {
		return guarded(async () => {
			await runner.setInput(file, name);
			const { width, height, fps } = encoding;
			const viaBrowser = await browserClipOf(file, name);
			if (viaBrowser) return framesFromBrowser(viaBrowser, requests, encoding, onFrame);
			const facts = await hintsFor(clipKey(file, name));
			const seekState = { backS: 0 };
			const frames: SampledFrame[] = [];
			for (const request of requests) {
				const pixels = await decodeFrameAt(request.timeS, width, height, fps, facts, seekState);
				const blob = await encodeJpeg(pixels, width, height, encoding.jpegQuality);
				const frame: SampledFrame = {
					blob,
					timeS: request.timeS,
					width,
					height,
					role: request.role
				};
				frames.push(frame);
				onFrame?.(frame, frames.length, requests.length);
			}
			return frames;
		});
	},

	/**
	 * Decode the whole clip once into small colour thumbnails and measure how much the picture
	 * changes into each frame; the facade turns this into cuts.
	 */
	measureChanges(
		file: Blob,
		name: string,
		expectedFrames: number,
		onProgress?: ProgressCallback
	): Promise<ChangeSeries> {
		return guarded(async () => {
			await runner.setInput(file, name);
			const viaBrowser = await browserClipOf(file, name);
			if (viaBrowser) {
				const total = viaBrowser.frameCount;
				const series = await viaBrowser.measureChanges((done) => onProgress?.(done, total));
				onProgress?.(total, total);
				return series;
			}
			const facts = await hintsFor(clipKey(file, name));
			const recorder = new ChangeRecorder();
			const total = Math.max(1, expectedFrames);
			let reportedAt = 0;
			const onLine = (line: string) => {
				recorder.line(line);
				const now = performance.now();
				if (onProgress && now - reportedAt > PROGRESS_EVERY_MS) {
					reportedAt = now;
					onProgress(Math.min(recorder.count, total - 1), total);
				}
			};
			for (let crashes = 0; ;) {
				const resumeAt = recorder.count;
				const startS = recorder.startPass();
				try {
					const run = await runner.execToSink(
						changePassArgs(runner.inputPath, SINK_PATH, startS, facts),
						(bytes) => recorder.bytes(bytes),
						onLine
					);
					if (run.code !== 0 && recorder.count === 0) {
						throw new MediaError(kindFromLog(run.log) ?? 'corrupt');
					}
					break;
				} catch (error) {
					// A crashed core is replaced and the pass resumes after the last measured frame.
					if (!(error instanceof CoreCrash)) throw error;
					console.warn(`Media engine crashed after ${recorder.count} frames; resuming`);
					if (recorder.count === resumeAt && ++crashes > 2) throw error;
				}
			}
			onProgress?.(total, total);
			return recorder.series(facts.startTimeS);
		});
	},

	/** An animatic MP4 (H.264) from prepared stills and clips; see `encodeAnimatic`. */
	makeAnimatic(
		files: AnimaticFile[],
		job: AnimaticJob,
		onProgress?: ProgressCallback
	): Promise<Blob> {
		return guarded(() => encodeAnimatic(animaticRunner, files, job, onProgress));
	}
};

/** ffprobe's facts about the mounted clip. */
async function probeMounted(): Promise<ProbeOutcome> {
	const run = await runner.ffprobe(
		['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format'].concat([
			'-o',
			PROBE_OUT,
			runner.inputPath
		])
	);
	const json = await runner.takeFile(PROBE_OUT);
	return parseProbe(json && new TextDecoder().decode(json), run.log);
}

/** The last clip whose start the engine decoded itself (so it needs no browser decoder). */
let engineDecodes: string | undefined;

/**
 * The browser decoder for the mounted clip when the engine cannot decode it, else undefined.
 * Known from the probe; found again when this worker is a fresh one (after a stall or idling).
 */
async function browserClipOf(file: Blob, name: string): Promise<BrowserClip | undefined> {
	const key = clipKey(file, name);
	const known = browserClipFor(key);
	if (known || engineDecodes === key) return known;
	if ((await decodesAtStart()).ok) {
		engineDecodes = key;
		return undefined;
	}
	const outcome = await probeMounted();
	if (!outcome.ok) throw new MediaError(outcome.kind);
	return openBrowserClip(key, file, outcome.stream, outcome.probe.rotation);
}

/** The clip the browser decodes (its codec is one the engine lacks), while it is the current clip. */
let browserClip: { key: string; clip: BrowserClip } | undefined;
/** Clips up to this size (bytes) may be handed to the browser's decoder: their stream is copied into memory. */
const BROWSER_CLIP_MAX_BYTES = 256 * 1024 * 1024;
const IVF_OUT = '/stream.ivf';
const PACKETS_OUT = '/packets.csv';

function browserClipFor(key: string): BrowserClip | undefined {
	return browserClip?.key === key ? browserClip.clip : undefined;
}

/**
 * Make the mounted clip readable by the browser's decoder (WebCodecs), or refuse it naming its
 * codec and profile: the engine copies the stream out and lists its keyframes; the browser must
 * say it supports the codec and decode both the first picture and the last.
 */
async function openBrowserClip(
	key: string,
	file: Blob,
	stream: StreamCodec,
	rotation: number
): Promise<BrowserClip> {
	browserClip = undefined;
	const refuse = () => new MediaError('codec', undecodableMessage(stream.codec, stream.profile));
	const codec = webCodecsCodec(stream);
	if (!codec || !(await BrowserClip.supports(codec))) throw refuse();
	if (file.size > BROWSER_CLIP_MAX_BYTES) {
		throw new MediaError('codec', tooLargeForBrowserMessage(stream.codec, stream.profile));
	}
	const input = runner.inputPath;
	const quiet = ['-nostdin', '-hide_banner', '-loglevel', 'error'];
	await runner.exec([...quiet, '-i', input, '-map', '0:v:0', '-c', 'copy', '-f', 'ivf', IVF_OUT]);
	const ivf = parseIvf((await runner.takeFile(IVF_OUT)) ?? new Uint8Array());
	const listKeys = ['-show_entries', 'packet=pts,flags', '-of', 'csv=p=0', '-o', PACKETS_OUT];
	await runner.ffprobe(['-v', 'error', '-select_streams', 'v:0', ...listKeys, input]);
	const packets = new TextDecoder().decode(
		(await runner.takeFile(PACKETS_OUT)) ?? new Uint8Array()
	);
	if (!ivf || ivf.frames.length === 0) throw refuse();
	const clip = new BrowserClip(ivf, keyframePts(packets), codec, rotation, !!stream.colorSpace);
	const canvas = new OffscreenCanvas(16, 16);
	try {
		const decodes =
			(await clip.drawFrameAt(0, canvas, 16, 16)) &&
			(await clip.drawFrameAt(clip.lastTimeS, canvas, 16, 16));
		if (!decodes) throw refuse();
	} catch (error) {
		if (error instanceof MediaError) throw error;
		console.warn('The browser could not decode the clip', error);
		throw refuse();
	}
	browserClip = { key, clip };
	return clip;
}

/** The pts of the keyframes in ffprobe's `packet=pts,flags` CSV ("512,K_" lines). */
function keyframePts(csv: string): Set<number> {
	const keys = new Set<number>();
	for (const line of csv.split('\n')) {
		const [pts, flags] = line.split(',');
		if (flags?.startsWith('K') && pts && Number.isFinite(Number(pts))) keys.add(Number(pts));
	}
	return keys;
}

/** Frames at the requested times from the browser's decoder, each handed on as it is made. */
async function framesFromBrowser(
	clip: BrowserClip,
	requests: FrameRequest[],
	encoding: FrameEncoding,
	onFrame?: FrameCallback
): Promise<SampledFrame[]> {
	const { width, height, jpegQuality } = encoding;
	jpegCanvas ??= new OffscreenCanvas(width, height);
	const frames: SampledFrame[] = [];
	for (const request of requests) {
		if (!(await clip.drawFrameAt(request.timeS, jpegCanvas, width, height))) {
			throw new MediaError('corrupt');
		}
		const blob = await jpegCanvas.convertToBlob({ type: 'image/jpeg', quality: jpegQuality });
		const frame: SampledFrame = { blob, timeS: request.timeS, width, height, role: request.role };
		frames.push(frame);
		onFrame?.(frame, frames.length, requests.length);
	}
	return frames;
}

/** Facts from the start of the current clip that later decodes need; made once per clip. */
let hints: { key: string; value: Promise<DecoderHints> } | undefined;

/** Identifies a clip across calls (each call gets its own copy of the File). */
function clipKey(file: Blob, name: string): string {
	const modified = file instanceof File ? file.lastModified : 0;
	return `${name}|${file.size}|${file.type}|${modified}`;
}

/** Facts from the mounted clip's start (its x264 note, its start time) for decodes that skip it. */
function hintsFor(key: string): Promise<DecoderHints> {
	if (hints?.key !== key) {
		const value = runner
			.exec(firstPacketArgs(runner.inputPath, FIRST_PACKET_OUT))
			.then(async (run) => decoderHints(await runner.takeFile(FIRST_PACKET_OUT), run.log));
		value.catch(() => (hints = undefined));
		hints = { key, value };
	}
	return hints.value;
}

/** A decoded picture and what the engine said while making it. */
interface DecodedFrame {
	pixels: Uint8Array | undefined;
	verdict: DecodeVerdict;
	log: readonly string[];
}

/**
 * The picture shown at `timeS` through `filter`, decoded from the nearest point before it that
 * gives a clean picture (see clean-seek.ts): a try that cannot vouch for its picture is made
 * again from further back, at most `maxBackS` before `timeS` (the clip's start by default).
 * `state.backS` carries how far back the last frame had to start, so later frames of the same
 * clip start there at once.
 */
async function decodeCleanFrame(
	timeS: number,
	filter: string,
	decoderHints: DecoderHints,
	fps: number,
	state: { backS: number },
	maxBackS = Infinity
): Promise<DecodedFrame> {
	let last: DecodedFrame = { pixels: undefined, verdict: 'no-frame', log: [] };
	// Whether a try failed because the decoder had not recovered (rather than because decoding
	// began right on the wanted frame, a keyframe): only then do later frames start further back.
	let unrecovered = false;
	for (const backS of prerollSteps(fps, maxBackS).filter(
		(s) => s >= state.backS || s === maxBackS
	)) {
		const { args, fromStart } = frameDecodeArgs(
			runner.inputPath,
			FRAME_OUT,
			timeS,
			backS,
			filter,
			decoderHints
		);
		const run = await runner.exec(args);
		const pixels = await runner.takeFile(FRAME_OUT);
		const judged = judgeDecode(run.log, timeS, fromStart, decoderHints);
		const verdict = judged === 'clean' && !pixels?.length ? 'no-frame' : judged;
		last = { pixels, verdict, log: run.log };
		if (verdict === 'clean' || verdict === 'past-end') {
			if (unrecovered) state.backS = Math.max(state.backS, backS);
			return last;
		}
		unrecovered ||= !startsOnWantedFrame(run.log, timeS, fps, decoderHints);
		if (fromStart) break;
	}
	return last;
}

/** Whether the start of the clip decodes, and the log when it does not. */
async function decodesAtStart(): Promise<{ ok: boolean; log: readonly string[] }> {
	const run = await runner.exec([
		'-nostdin',
		'-hide_banner',
		'-loglevel',
		'error',
		'-i',
		runner.inputPath,
		'-map',
		'0:v:0',
		'-frames:v',
		'1',
		'-an',
		'-sn',
		'-vf',
		'scale=16:16',
		'-f',
		'rawvideo',
		'-y',
		FRAME_OUT
	]);
	const pixels = await runner.takeFile(FRAME_OUT);
	return { ok: run.code === 0 && !!pixels?.length, log: run.log };
}

/**
 * Whether a clean picture decodes in the last second before `endS` (seeking lands on a frame a
 * little before). An intra-refresh stream needs a run-up of a refresh period; a cut-short file
 * gives nothing however far back, so the run-up stays under a minute.
 */
async function decodesNearEnd(
	endS: number,
	fps: number,
	decoderHints: DecoderHints
): Promise<boolean> {
	const state = { backS: 0 };
	for (const back of [0.5, 1]) {
		const at = Math.max(0, endS - back);
		const frame = await decodeCleanFrame(at, 'scale=16:16', decoderHints, fps, state, 60);
		if (frame.verdict === 'clean') return true;
	}
	return false;
}

/** RGBA pixels of the frame shown at `timeS`, scaled; steps back a little past the clip's end. */
async function decodeFrameAt(
	timeS: number,
	width: number,
	height: number,
	fps: number,
	decoderHints: DecoderHints,
	state: { backS: number }
): Promise<Uint8Array> {
	const filter = `scale=${width}:${height}:flags=bicubic,format=rgba`;
	for (const back of [0, 0.1, 0.5, 1]) {
		const at = Math.max(0, timeS - back);
		const frame = await decodeCleanFrame(at, filter, decoderHints, fps, state);
		if (frame.verdict === 'clean' && frame.pixels && frame.pixels.length >= width * height * 4) {
			return frame.pixels;
		}
		if (frame.verdict === 'no-frame' && at === 0) {
			throw new MediaError(kindFromLog(frame.log) ?? 'corrupt');
		}
	}
	throw new MediaError('corrupt');
}

/** The decoded frame as canvas input: as it is, unless it is short or shared (ImageData refuses those). */
function rgbaView(pixels: Uint8Array, size: number): Uint8ClampedArray<ArrayBuffer> {
	if (pixels.byteLength >= size && pixels.buffer instanceof ArrayBuffer) {
		return new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, size);
	}
	const copy = new Uint8ClampedArray(size);
	copy.set(pixels.subarray(0, size));
	return copy;
}

/** One canvas for every frame: a new one per frame leaves a backing store each for the collector. */
let jpegCanvas: OffscreenCanvas | undefined;

async function encodeJpeg(
	pixels: Uint8Array,
	width: number,
	height: number,
	quality: number
): Promise<Blob> {
	jpegCanvas ??= new OffscreenCanvas(width, height);
	if (jpegCanvas.width !== width) jpegCanvas.width = width;
	if (jpegCanvas.height !== height) jpegCanvas.height = height;
	const context = jpegCanvas.getContext('2d');
	if (!context) throw new MediaError('engine');
	context.putImageData(new ImageData(rgbaView(pixels, width * height * 4), width, height), 0, 0);
	// The picture is taken when this is called, so the canvas may be drawn on again at once.
	return jpegCanvas.convertToBlob({ type: 'image/jpeg', quality });
}

/** The media worker's API, as the facade sees it through comlink. */
export type MediaApi = typeof api;

serveWorker(api);
