import { proxy, type Remote } from 'comlink';
import type { AnimaticFile, AnimaticJob } from '$lib/export/meta';
import { extensionFor } from '$lib/util/blob';
import { isAbortError } from '$lib/util/abort';
import {
	MEDIA_ERROR_MESSAGES,
	MediaError,
	reviveMediaError
} from '../../workers/shared/media-error';
import type { MediaApi } from '../../workers/media.worker';
import { findCuts, shotsFromCuts } from './cuts';
import { planFrameTimes, scaledSize, snapToFrame } from './frame-times';
import {
	defaultOptions,
	type ChangeSeries,
	type DetectedShot,
	type EngineInfo,
	type FrameRequest,
	type Options,
	type ProgressCallback,
	type SampledFrame,
	type VideoProbe
} from './meta';
import { WorkerQueue, WorkerStall, type WorkerHandle } from '$lib/worker-host/queue';
import { startWorker } from '$lib/worker-host/start';

export { MediaError };

/** The worker is let go after this long (ms) with nothing to do; the core reloads in about 1 s. */
const IDLE_MS = 60_000;
/** A call with no progress for this long (ms) is taken for a hung engine. */
const STALL_MS = 45_000;

/** Callbacks for work that makes frames: each frame the moment it exists, and progress. */
export interface FrameListeners {
	onFrame?: (frame: SampledFrame) => void;
	onProgress?: ProgressCallback;
}

/** Stage of cut detection a progress report is about. */
export type CutStage = 'decoding' | 'keyframes';

/** Callbacks for cut detection: progress per stage (frames decoded, then keyframes made). */
export interface CutListeners {
	onFrame?: (frame: SampledFrame) => void;
	onProgress?: (done: number, total: number, stage: CutStage) => void;
}

/** A shot of the clip found by cut detection, with its keyframe. */
export interface ShotWithKeyframe extends DetectedShot {
	keyframe: SampledFrame;
}

/** What cut detection found: cut times, the shots between them, and the measured changes. */
export interface CutResult {
	cutsS: number[];
	shots: ShotWithKeyframe[];
	series: ChangeSeries;
}

function startMediaWorker(): WorkerHandle<Remote<MediaApi>> {
	const worker = new Worker(new URL('../../workers/media.worker.ts', import.meta.url), {
		type: 'module',
		name: 'media'
	});
	return startWorker<MediaApi>(worker, 'media', { MediaError: reviveMediaError });
}

const queue = new WorkerQueue<Remote<MediaApi>>({
	start: startMediaWorker,
	idleMs: IDLE_MS,
	deathError: () => new MediaError('engine'),
	// The multi-thread core sometimes hangs in its first run after a reload (seen here about
	// once in tens of reloads); a call silent this long is retried on a fresh worker.
	stallMs: STALL_MS
});

/** Output size (upright, longest side capped) and JPEG quality of sampled frames. */
function frameEncoding(probe: VideoProbe, options: Options) {
	return {
		...scaledSize(probe.width, probe.height, options.longestSide),
		jpegQuality: options.jpegQuality,
		fps: probe.fps
	};
}

/** A name for the clip that keeps its extension (a hint for ffmpeg), also for a bare Blob. */
function clipName(file: Blob): string {
	return file instanceof File && file.name ? file.name : `clip.${extensionFor(file.type)}`;
}

/**
 * Which decoder reads `file` (the engine, with or without threads, or the browser's own for a
 * codec the engine lacks), to say so in the UI; loads the engine.
 */
export function engineInfo(signal: AbortSignal | undefined, file?: Blob): Promise<EngineInfo> {
	return queue.call(signal, (api) => api.engineInfo(file, file && clipName(file)));
}

/** Bytes of the engine's wasm heap right now (0 before it loads); for the benchmark. */
export function engineHeapBytes(signal: AbortSignal | undefined): Promise<number> {
	return queue.call(signal, (api) => api.heapBytes());
}

/** A hung engine call is retried on a fresh worker this many times before it counts as failed. */
const STALL_RETRIES = 2;

/** Run `attempt` again after a stall (the queue has already ended the hung worker). */
async function retryStalls<T>(attempt: () => Promise<T>): Promise<T> {
	for (let stalls = 0; ; stalls++) {
		try {
			return await attempt();
		} catch (error) {
			if (!(error instanceof WorkerStall)) throw error;
			console.warn(`Media engine stalled (${stalls + 1} of ${STALL_RETRIES + 1}); trying again`);
			if (stalls >= STALL_RETRIES) throw new MediaError('engine');
		}
	}
}

/** Duration, display size, fps, codec, rotation and audio of a clip; rejects with a MediaError for unusable files. */
export function probeVideo(signal: AbortSignal | undefined, file: Blob): Promise<VideoProbe> {
	return retryStalls(() => queue.call(signal, (api) => api.probe(file, clipName(file))));
}

/**
 * Frames at the requested times, each reported as it is made; after a stall only the frames
 * not yet made are asked for again, so none is reported twice.
 */
async function framesAt(
	signal: AbortSignal | undefined,
	file: Blob,
	requests: FrameRequest[],
	encoding: ReturnType<typeof frameEncoding>,
	onFrame: (frame: SampledFrame, done: number, total: number) => void
): Promise<SampledFrame[]> {
	const made: SampledFrame[] = [];
	const report = (frame: SampledFrame) => {
		made.push(frame);
		onFrame(frame, made.length, requests.length);
	};
	await retryStalls(async () => {
		// The callback travels on its own channel, so the call's answer can overtake the last
		// frames reported through it: the frames the answer holds that were not reported yet
		// are reported from it, and anything the callback brings after that is a repeat.
		const before = made.length;
		let answered = false;
		const frames = await queue.call(signal, (api) =>
			api.sampleFrames(
				file,
				clipName(file),
				requests.slice(before),
				encoding,
				proxy((frame: SampledFrame) => {
					queue.heartbeat();
					if (!answered) report(frame);
				})
			)
		);
		answered = true;
		for (const frame of frames.slice(made.length - before)) report(frame);
	});
	return made;
}

/** Context frames (about one per 2 s) plus the middle frame as JPEGs, each reported as it is made. */
export function sampleFrames(
	signal: AbortSignal | undefined,
	file: Blob,
	probe: VideoProbe,
	options: Options = defaultOptions,
	listeners: FrameListeners = {}
): Promise<SampledFrame[]> {
	const requests = planFrameTimes(probe, options);
	return framesAt(signal, file, requests, frameEncoding(probe, options), (frame, done, total) => {
		listeners.onFrame?.(frame);
		listeners.onProgress?.(done, total);
	});
}

/**
 * How much the picture changes into each frame of the clip (one decoding pass), with each
 * frame's time: what `findCuts` decides from.
 */
export function measureChanges(
	signal: AbortSignal | undefined,
	file: Blob,
	probe: VideoProbe,
	onProgress?: ProgressCallback
): Promise<ChangeSeries> {
	const expectedFrames = Math.round(probe.durationS * probe.fps);
	return retryStalls(() =>
		queue.call(signal, (api) =>
			api.measureChanges(
				file,
				clipName(file),
				expectedFrames,
				proxy((done: number, total: number) => {
					queue.heartbeat();
					onProgress?.(done, total);
				})
			)
		)
	);
}

/**
 * Cut times and the shots between them, each with its keyframe (the middle of the shot): one
 * decoding pass measures picture change, `findCuts` decides, then the keyframes are made.
 */
export async function detectCuts(
	signal: AbortSignal | undefined,
	file: Blob,
	probe: VideoProbe,
	options: Options = defaultOptions,
	listeners: CutListeners = {}
): Promise<CutResult> {
	const series = await measureChanges(signal, file, probe, (done, total) =>
		listeners.onProgress?.(done, total, 'decoding')
	);
	const cutsS = findCuts(series, probe.durationS, probe.fps, options);
	const shots = shotsFromCuts(cutsS, probe.durationS);
	const requests = shots.map((shot) => ({
		timeS: snapToFrame(shot.keyframeS, probe),
		role: 'keyframe' as const
	}));
	const keyframes = await framesAt(
		signal,
		file,
		requests,
		frameEncoding(probe, options),
		(frame, done, total) => {
			listeners.onFrame?.(frame);
			listeners.onProgress?.(done, total, 'keyframes');
		}
	);
	return {
		cutsS,
		series,
		shots: shots.map((shot, i) => ({ ...shot, keyframe: keyframes[i]! }))
	};
}

/**
 * Encode an animatic in the media worker: `files` are the stills and clips `job` names.
 * Cancelling ends the worker (wasm cannot be interrupted); the next call starts a fresh one.
 */
export function makeAnimatic(
	signal: AbortSignal | undefined,
	files: AnimaticFile[],
	job: AnimaticJob,
	onProgress?: ProgressCallback
): Promise<Blob> {
	return queue.call(signal, (api) =>
		api.makeAnimatic(
			files,
			job,
			proxy((done: number, total: number) => {
				queue.heartbeat();
				onProgress?.(done, total);
			})
		)
	);
}

/** Let the worker go now (e.g. when leaving the workspace); work in flight is cancelled. */
export function releaseMediaWorker(): void {
	queue.terminate();
}

/**
 * The sentence to show for a failed media step, or undefined when it was cancelled (silent).
 */
export function mediaErrorMessage(error: unknown): string | undefined {
	if (isAbortError(error)) return undefined;
	if (error instanceof MediaError) return error.message;
	return MEDIA_ERROR_MESSAGES.engine;
}

export { describeProbe, formatClipTime } from './format';
