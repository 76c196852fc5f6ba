import { findBeat } from '$lib/domain/beats';
import type { LogLevel, Shot, Take } from '$lib/domain/types';
import type { JobProgress } from '$lib/jobs/progress';
import type { JobRunner } from '$lib/jobs/runner';
import { readAsset } from '$lib/state/assets';
import { PassingNote } from '$lib/state/passing-note.svelte';
import type { StyleBoard } from '$lib/state/styles.svelte';
import { ForwardFraction, formatTimeLeft, TimeLeftEstimator } from '$lib/util/eta';
import { loadModelManifest, prepareUpscaleModel, upscaleErrorMessage } from './client';
import {
	takeUpscaledLine,
	takeUpscaleFailedLine,
	upscaleChosenEndedLine,
	upscaleChosenStartedLine,
	type TakeName
} from './log-lines';
import type { ModelManifest } from './manifest';
import { defaultOptions, type ModelChoice, type Options, type UpscaleBackend } from './meta';
import { pickModel } from './request';
import { upscaleTake } from './take-upscale';
import { createUpscaleJob, openUpscaleJob, takesToUpscale } from './job';

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

/** Where upscales are written down and their shots numbered: the open storyboard (`ProjectState`). */
export interface UpscaleLog {
	readonly shots: readonly Pick<Shot, 'id' | 'beats'>[];
	log(level: LogLevel, message: string): Promise<void>;
}

/** A take as the activity log names it. */
function nameOf(
	take: Pick<Take, 'shotId' | 'beatId' | 'styleId'> | undefined,
	log: UpscaleLog | undefined,
	board: StyleBoard | undefined
): TakeName {
	const styleName = take && board?.style(take.styleId)?.name;
	const place = take && log && findBeat(log.shots, take.shotId, take.beatId);
	if (!place) return { shotNumber: undefined, styleName };
	return {
		shotNumber: place.shotIndex + 1,
		beatIndex: place.beatIndex,
		beatCount: log.shots[place.shotIndex]!.beats.length,
		styleName
	};
}

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
	readonly #log: UpscaleLog | undefined;

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

	constructor(board: StyleBoard | undefined, log?: UpscaleLog) {
		this.#board = board;
		this.#log = log;
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
		const options = upscaleChoice.options;
		const model = this.model?.label ?? 'the upscale model';
		const started = performance.now();
		const bar = new ForwardFraction();
		const estimator = new TimeLeftEstimator();
		const tell = () => (this.timeLeft = formatTimeLeft(estimator.secondsLeft(performance.now())));
		// The time left counts down between tiles too.
		const clock = setInterval(tell, 1000);
		try {
			const { take: updated, result } = await upscaleTake(current.signal, take, options, {
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
			});
			this.backend = result.backend;
			this.ms = result.ms;
			if (updated.upscaledAssetId) {
				this.#saved = { takeId: updated.id, assetId: updated.upscaledAssetId };
			}
			void this.#board?.refresh();
			void this.#log?.log(
				'info',
				takeUpscaledLine(
					nameOf(take, this.#log, this.#board),
					model,
					options.outscale,
					result,
					result.ms
				)
			);
		} catch (failure) {
			this.error = upscaleErrorMessage(failure) ?? '';
			if (this.error) {
				void this.#log?.log(
					'error',
					takeUpscaleFailedLine(nameOf(take, this.#log, this.#board), this.error)
				);
			}
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
	/** Why the last "Upscale chosen" could not start, until the next click. */
	problem = $state('');
	/** How the last job ended, for a few seconds. */
	readonly #ended = new PassingNote();
	/** "Upscale chosen" was clicked with nothing to do; the line below says why while that holds. */
	#idleClick = $state(false);
	#runner = $state.raw<JobRunner | undefined>();
	/** The workspace's takes, refreshed as each upscale is saved. */
	readonly #board: StyleBoard | undefined;
	readonly #log: UpscaleLog | undefined;

	readonly active = $derived(
		this.progress?.state === 'running' || this.progress?.state === 'paused'
	);
	/** A job is attached and working (or paused). */
	readonly working = $derived(this.#runner !== undefined && this.active);
	/**
	 * A line about "Upscale chosen" that is true now: why the click did nothing (only while
	 * there is still nothing to upscale), why it could not start, or how the last job ended.
	 */
	readonly message = $derived.by(() => {
		if (this.problem) return this.problem;
		const takes = this.#board?.takes ?? [];
		if (this.#idleClick && takesToUpscale(takes).length === 0) {
			return !takes.some((take) => take.kind === 'image' && take.chosen)
				? 'No chosen picture to upscale yet: render a shot first.'
				: 'Every chosen take is already upscaled.';
		}
		return this.#ended.text;
	});

	constructor(board: StyleBoard | undefined, log?: UpscaleLog) {
		this.#board = board;
		this.#log = log;
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
		this.problem = '';
		this.#idleClick = false;
		this.#ended.clear();
		const options = upscaleChoice.options;
		try {
			const created = await createUpscaleJob(projectId, options);
			if (!created) {
				// The store said so; the workspace's takes catch up, and the line follows them.
				await this.#board?.refresh();
				this.#idleClick = true;
				return;
			}
			this.#attach(created);
			const model = await loadModelManifest().then(
				(manifest) => pickModel(manifest, options)?.label,
				() => undefined
			);
			void this.#log?.log(
				'info',
				upscaleChosenStartedLine(
					created.items.map((item) => this.#nameOfItem(item.takeId)),
					model,
					options.outscale
				)
			);
		} catch (error) {
			this.problem = error instanceof Error ? error.message : String(error);
		}
	}

	resume(): void {
		void this.#runner?.resume();
	}

	cancel(): void {
		void this.#runner?.cancel();
	}

	#nameOfItem(takeId: unknown): TakeName {
		const take = this.#board?.takes.find((t) => t.id === takeId);
		return nameOf(take, this.#log, this.#board);
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
		this.#ended.show(
			p.state === 'cancelled'
				? `Upscaling cancelled after ${p.done} of ${p.total}.`
				: p.failed > 0
					? `Upscaled ${p.done} of ${p.total}; ${p.failed} failed (see the take for why).`
					: `Upscaled ${p.done} of ${p.total}.`
		);
		const items = done.items;
		void this.#log?.log(
			p.failed > 0 ? 'warn' : 'info',
			upscaleChosenEndedLine({
				state: p.state === 'cancelled' ? 'cancelled' : 'done',
				total: items.length,
				done: items
					.filter((item) => item.status === 'done')
					.map((item) => this.#nameOfItem(item.takeId)),
				failed: items
					.filter((item) => item.status === 'failed')
					.map((item) => ({
						...this.#nameOfItem(item.takeId),
						reason: item.lastError ?? 'no reason given.'
					}))
			})
		);
		void done.stop();
		if (this.#runner === done) this.#runner = undefined;
	}
}
