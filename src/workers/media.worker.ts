import { expose } from 'comlink';
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
import { installErrorTransfer } from './shared/error-transfer';
import { CoreCrash, FFmpegRunner, SINK_PATH } from './shared/ffmpeg-runner';
import { MediaError } from './shared/media-error';
import { kindFromLog, parseProbe } from './shared/probe-parse';

installErrorTransfer();

const runner = new FFmpegRunner();
/**
 * Animatics use the single-thread core: measured here it encodes them about twice as fast as
 * the multi-thread one, which also hung on some runs (see `npm run bench:export`).
 */
const animaticRunner = new FFmpegRunner(false);
const PROBE_OUT = '/probe.json';
const FRAME_OUT = '/frame.rgba';
/** Progress is reported at most this often (ms) during a decoding pass. */
const PROGRESS_EVERY_MS = 200;

/** How a frame is encoded: its size in pixels (upright, as displayed) and JPEG quality. */
export interface FrameEncoding {
	width: number;
	height: number;
	jpegQuality: number;
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
	/** Which engine runs and whether it uses threads; loads the core. */
	async engineInfo(): Promise<EngineInfo> {
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
			const run = await runner.ffprobe([
				'-v',
				'error',
				'-print_format',
				'json',
				'-show_streams',
				'-show_format',
				'-o',
				PROBE_OUT,
				runner.inputPath
			]);
			const json = await runner.takeFile(PROBE_OUT);
			const outcome = parseProbe(json && new TextDecoder().decode(json), run.log);
			if (!outcome.ok) throw new MediaError(outcome.kind);
			const start = await decodeTinyFrame();
			if (!start.ok) throw new MediaError(kindFromLog(start.log) ?? 'codec');
			// An index at the front describes the whole clip even when the data stops early (a
			// download that did not finish): the picture must decode near its end too.
			if (!(await decodesNearEnd(outcome.videoEndS))) throw new MediaError('corrupt');
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
			const { width, height } = encoding;
			const frames: SampledFrame[] = [];
			for (const request of requests) {
				const pixels = await decodeFrameAt(request.timeS, width, height);
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
						changePassArgs(runner.inputPath, SINK_PATH, startS),
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
			return recorder.series();
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

/** Decode the frame at `timeS` (the first one without it) through `filter` into raw bytes. */
async function decodeOneFrame(
	timeS: number | undefined,
	filter: string
): Promise<{ pixels: Uint8Array | undefined; code: number; log: readonly string[] }> {
	const seek = timeS === undefined ? [] : ['-ss', timeS.toFixed(3)];
	const run = await runner.exec([
		'-nostdin',
		'-hide_banner',
		'-loglevel',
		'error',
		...seek,
		'-i',
		runner.inputPath,
		'-map',
		'0:v:0',
		'-frames:v',
		'1',
		'-an',
		'-sn',
		'-vf',
		filter,
		'-f',
		'rawvideo',
		'-y',
		FRAME_OUT
	]);
	return { pixels: await runner.takeFile(FRAME_OUT), code: run.code, log: run.log };
}

/** Decode one tiny frame at `timeS` (from the start without it): whether a picture came out, and the log. */
async function decodeTinyFrame(timeS?: number): Promise<{ ok: boolean; log: readonly string[] }> {
	const { pixels, code, log } = await decodeOneFrame(timeS, 'scale=16:16');
	return { ok: code === 0 && !!pixels?.length, log };
}

/** Whether a frame decodes in the last second before `endS` (seeking lands on a frame a little before). */
async function decodesNearEnd(endS: number): Promise<boolean> {
	for (const back of [0.5, 1]) {
		if ((await decodeTinyFrame(Math.max(0, endS - back))).ok) return true;
	}
	return false;
}

/** RGBA pixels of the frame shown at `timeS`, scaled; steps back a little past the clip's end. */
async function decodeFrameAt(timeS: number, width: number, height: number): Promise<Uint8Array> {
	for (const back of [0, 0.1, 0.5, 1]) {
		const at = Math.max(0, timeS - back);
		const filter = `scale=${width}:${height}:flags=bicubic,format=rgba`;
		const { pixels, code, log } = await decodeOneFrame(at, filter);
		if (pixels && pixels.length >= width * height * 4) return pixels;
		if (code !== 0 && at === 0) throw new MediaError(kindFromLog(log) ?? 'corrupt');
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

expose(api);
