import type { Take } from '$lib/domain/types';
import type { JobProgress } from '$lib/jobs/progress';
import type { JobRunner } from '$lib/jobs/runner';
import { readAsset } from '$lib/state/assets';
import type { StyleBoard } from '$lib/state/styles.svelte';
import { ForwardFraction, formatTimeLeft, TimeLeftEstimator } from '$lib/util/eta';
import { loadModelManifest, prepareUpscaleModel, upscaleErrorMessage } from './client';
import type { ModelManifest } from './manifest';
import { defaultOptions, type ModelChoice, type Options, type UpscaleBackend } from './meta';
import { pickModel } from './request';
import { upscaleTake } from './take-upscale';
import { createUpscaleJob, openUpscaleJob } from './upscale-job';

/** The model and scale last chosen for upscaling, shared by a take's panel and "Upscale chosen". */
class UpscaleChoice {
	choice = $state<ModelChoice>(defaultOptions.choice);
	outscale = $state<2 | 4>(defaultOptions.outscale);

	/** Upscale options for the current choice. */
	get options(): Options {
		return { ...defaultOptions, choice: this.choice, outscale: this.outscale };
	}
}

/** The app's one upscale choice (kept for the session). */
export const upscaleChoice = new UpscaleChoice();

/**
 * "Upscale" for one take as state: the models on offer, the take's picture and its saved
 * upscale, progress per tile, which engine runs, Cancel. The PNG is saved through the guarded
 * write path (`upscaleTake`) the moment it exists.
 */
export class TakeUpscaleSession {
	manifest = $state.raw<ModelManifest | undefined>();
	before = $state.raw<Blob | undefined>();
	after = $state.raw<Blob | undefined>();
	afterSize = $state.raw<{ width: number; height: number } | undefined>();
	progress = $state({ done: 0, total: 0 });
	/** The bar: tiles done as a fraction that never goes backwards (a retry with smaller tiles holds it). */
	fraction = $state(0);
	/** "about 40 s left" from the measured speed; empty until a tile was measured. */
	timeLeft = $state('');
	/** Ms from "Upscale" until the model was ready and the first tile started. */
	readyMs = $state<number | undefined>();
	backend = $state.raw<UpscaleBackend | undefined>();
	notice = $state('');
	error = $state('');
	ms = $state<number | undefined>();
	/** The upscale saved here, until the take record passed in catches up with it. */
	#saved = $state.raw<{ takeId: string; assetId: string } | undefined>();
	#controller = $state.raw<AbortController | undefined>();
	/** The workspace's takes, refreshed after a save so every view shows the upscale. */
	readonly #board: StyleBoard | undefined;

	readonly running = $derived(this.#controller !== undefined);
	readonly model = $derived(this.manifest && pickModel(this.manifest, upscaleChoice.options));
	readonly noModels = $derived(this.manifest !== undefined && this.manifest.models.length === 0);
	readonly backendText = $derived(
		this.backend &&
			(this.backend.device === 'webgpu'
				? 'Runs on the GPU (WebGPU)'
				: `Runs on the CPU (WebAssembly, ${
						this.backend.threads > 1
							? `${this.backend.threads} threads`
							: 'one thread, no cross-origin isolation'
					})`)
	);

	constructor(board: StyleBoard | undefined) {
		this.#board = board;
	}

	/**
	 * Get the chosen model ready in the worker while the person looks at the panel, so
	 * "Upscale" starts at once; call again when the choice changes.
	 */
	prepare(): void {
		if (this.model && !this.running) void prepareUpscaleModel(this.model, upscaleChoice.options);
	}

	/** Read the model list; returns the stop function, which also cancels a running upscale. */
	start(): () => void {
		const signal = new AbortController();
		loadModelManifest(signal.signal).then(
			(loaded) => (this.manifest = loaded),
			() => {}
		);
		return () => {
			signal.abort();
			this.#controller?.abort();
		};
	}

	/** Read the take's picture and its upscale; call again when the take changes (returns the cleanup). */
	show(take: Take): () => void {
		const imageId = take.imageAssetId;
		const upscaled = this.#saved?.takeId === take.id ? this.#saved.assetId : take.upscaledAssetId;
		let live = true;
		void (async () => {
			const [source, result] = await Promise.all([
				readAsset(imageId),
				upscaled ? readAsset(upscaled) : undefined
			]);
			if (!live) return;
			this.before = source?.blob;
			this.after = result?.blob;
			this.afterSize =
				result?.width && result.height ? { width: result.width, height: result.height } : undefined;
		})();
		return () => (live = false);
	}

	/** "Upscale": upscale the take with the current choice and save the PNG. */
	async upscale(take: Take): Promise<void> {
		this.error = '';
		this.notice = '';
		this.ms = undefined;
		this.readyMs = undefined;
		this.progress = { done: 0, total: 0 };
		this.fraction = 0;
		this.timeLeft = '';
		const current = new AbortController();
		this.#controller = current;
		const started = performance.now();
		const bar = new ForwardFraction();
		const estimator = new TimeLeftEstimator();
		const tell = () => (this.timeLeft = formatTimeLeft(estimator.secondsLeft(performance.now())));
		// The time left counts down between tiles too.
		const clock = setInterval(tell, 1000);
		try {
			const { take: updated, result } = await upscaleTake(
				current.signal,
				take,
				upscaleChoice.options,
				{
					onProgress: (done, total) => {
						if (current.signal.aborted) return;
						this.readyMs ??= performance.now() - started;
						this.progress = { done, total };
						this.fraction = bar.update(done, total);
						estimator.update(done, total, performance.now());
						tell();
					},
					onBackend: (b) => (this.backend = b),
					onTileSizeLowered: (from, to) =>
						(this.notice = `Ran out of memory with ${from} px tiles; now using ${to} px tiles.`)
				}
			);
			this.backend = result.backend;
			this.ms = result.ms;
			if (updated.upscaledAssetId) {
				this.#saved = { takeId: updated.id, assetId: updated.upscaledAssetId };
			}
			void this.#board?.refresh();
		} catch (failure) {
			this.error = upscaleErrorMessage(failure) ?? '';
		} finally {
			clearInterval(clock);
			if (this.#controller === current) this.#controller = undefined;
		}
	}

	/** Stop the running upscale; nothing is saved. */
	cancel(): void {
		this.#controller?.abort();
	}
}

/**
 * "Upscale chosen" as state: every chosen image take without an upscaled image, one after
 * another, as a saved job that picks up again after a reload.
 */
export class UpscaleAllSession {
	progress = $state.raw<JobProgress | undefined>();
	message = $state('');
	#runner = $state.raw<JobRunner | undefined>();
	/** The workspace's takes, refreshed as each upscale is saved. */
	readonly #board: StyleBoard | undefined;

	readonly active = $derived(
		this.progress?.state === 'running' || this.progress?.state === 'paused'
	);
	/** A job is attached and working (or paused). */
	readonly working = $derived(this.#runner !== undefined && this.active);

	constructor(board: StyleBoard | undefined) {
		this.#board = board;
	}

	/** Pick up the storyboard's unfinished job, if any; returns the stop function. */
	start(projectId: string): () => void {
		openUpscaleJob(projectId).then(
			(saved) => saved && this.#attach(saved),
			() => {}
		);
		return () => void this.#runner?.stop();
	}

	/** "Upscale chosen": save a job for the takes that need one and start it. */
	async upscaleChosen(projectId: string): Promise<void> {
		this.message = '';
		try {
			const created = await createUpscaleJob(projectId, upscaleChoice.options);
			if (!created) {
				this.message = 'Every chosen take is already upscaled.';
				return;
			}
			this.#attach(created);
		} catch (error) {
			this.message = error instanceof Error ? error.message : String(error);
		}
	}

	resume(): void {
		void this.#runner?.resume();
	}

	cancel(): void {
		void this.#runner?.cancel();
	}

	#attach(next: JobRunner): void {
		this.#runner = next;
		this.progress = next.progress;
		next.subscribe((event) => {
			this.progress = event.progress;
			if (event.type === 'item' && event.item.status === 'done') void this.#board?.refresh();
			if (event.progress.state === 'done' || event.progress.state === 'cancelled') {
				this.#finish(next);
			}
		});
		next.start();
	}

	#finish(done: JobRunner): void {
		const p = done.progress;
		this.message =
			p.state === 'cancelled'
				? `Upscaling cancelled after ${p.done} of ${p.total}.`
				: p.failed > 0
					? `Upscaled ${p.done} of ${p.total}; ${p.failed} failed (see the take for why).`
					: `Upscaled ${p.done} of ${p.total}.`;
		void done.stop();
		if (this.#runner === done) this.#runner = undefined;
	}
}
