import { isAbortError } from '$lib/util/abort';
import { isQuotaError } from '$lib/store/quota';
import {
	detectCuts,
	MediaError,
	mediaErrorMessage,
	probeVideo,
	sampleFrames,
	type CutResult
} from './client';
import { planFrameTimes } from './frame-times';
import { intakeFraction, intakeLabel, type IntakeStep } from './intake-progress';
import { defaultOptions, type Options, type SampledFrame, type VideoProbe } from './meta';

/**
 * A hook could not save what the intake made (the disk is full, or the write failed): the
 * intake stops, keeping what was saved, and says why; the guarded write has already raised
 * the storage or save-error banner.
 */
export class IntakeSaveError extends Error {
	override name = 'IntakeSaveError';
	constructor(readonly cause: unknown) {
		super(
			isQuotaError(cause)
				? 'Sampling stopped because the browser’s storage is full. What was saved so far is kept.'
				: `Sampling stopped because something it made could not be saved (${
						cause instanceof Error ? cause.message : String(cause)
					}). What was saved so far is kept.`
		);
	}
}

/** Where an intake is: what the status line says. */
export type IntakeStage =
	'idle' | 'probing' | 'sampling' | 'detecting' | 'done' | 'cancelled' | 'failed';

/** Hooks that save what the intake makes the moment it exists (the workspace wires them to the store). */
export interface IntakeHooks {
	/** The clip was read: keep the clip and its facts. Throwing here stops the intake. */
	onProbe?: (file: File, probe: VideoProbe) => Promise<void> | void;
	/** A context or middle frame was made. */
	onFrame?: (frame: SampledFrame) => Promise<void> | void;
	/** Cut detection finished (keyframes are in `result.shots`). */
	onCuts?: (result: CutResult) => Promise<void> | void;
}

/**
 * One clip's way through probe, frame sampling and cut detection, as reactive state for the
 * workspace: the facts, the frames as they arrive, the cuts, numeric progress, one clear error
 * message, and "Cancel".
 */
export class VideoIntake {
	stage: IntakeStage = $state('idle');
	probe: VideoProbe | undefined = $state.raw();
	frames: SampledFrame[] = $state.raw([]);
	plannedFrames = $state(0);
	cuts: CutResult | undefined = $state.raw();
	/** The step under way and its counts, while busy. */
	step: IntakeStep = $state.raw({ stage: 'probing' });
	/** How far the whole intake is (0 to 1); it never goes back within a run. */
	fraction = $state(0);
	error: string | undefined = $state();
	#controller: AbortController | undefined;

	/** Whether work is under way (and "Cancel" makes sense). */
	readonly busy = $derived(['probing', 'sampling', 'detecting'].includes(this.stage));

	/** The status line in plain words. */
	readonly status = $derived.by(() => {
		switch (this.stage) {
			case 'probing':
			case 'sampling':
			case 'detecting':
				return intakeLabel(this.step);
			case 'done':
				return this.cuts ? `${this.cuts.shots.length} shots found` : '';
			case 'cancelled':
				return 'Cancelled';
			case 'failed':
				return this.error ?? '';
			default:
				return '';
		}
	});

	#advance(step: IntakeStep): void {
		this.step = step;
		this.fraction = Math.max(this.fraction, intakeFraction(step));
	}

	/** Probe, sample and detect cuts in `file`; a newer call or `cancel()` stops an older one. */
	async run(file: File, options: Options = defaultOptions, hooks: IntakeHooks = {}): Promise<void> {
		this.cancel();
		const controller = new AbortController();
		this.#controller = controller;
		const { signal } = controller;
		this.error = undefined;
		this.frames = [];
		this.cuts = undefined;
		this.probe = undefined;
		let saveFailure: unknown;
		this.fraction = 0;
		try {
			this.stage = 'probing';
			this.#advance({ stage: 'probing' });
			const probe = await probeVideo(signal, file);
			await hooks.onProbe?.(file, probe);
			this.probe = probe;

			this.stage = 'sampling';
			this.plannedFrames = planFrameTimes(probe, options).length;
			this.#advance({ stage: 'sampling', done: 0, total: this.plannedFrames });
			const saving: Promise<void>[] = [];
			await sampleFrames(signal, file, probe, options, {
				onFrame: (frame) => {
					this.frames = [...this.frames, frame];
					// A frame that cannot be saved stops the sampling at once (the engine is let go).
					const saved = Promise.resolve(hooks.onFrame?.(frame)).catch((error: unknown) => {
						saveFailure ??= error;
						controller.abort();
					});
					saving.push(saved);
				},
				onProgress: (done, total) => this.#advance({ stage: 'sampling', done, total })
			});
			await Promise.all(saving);
			if (saveFailure) throw saveFailure;

			this.stage = 'detecting';
			this.#advance({ stage: 'detecting', phase: 'decoding', done: 0, total: 0 });
			const cuts = await detectCuts(signal, file, probe, options, {
				onProgress: (done, total, phase) =>
					this.#advance({ stage: 'detecting', phase, done, total })
			});
			await hooks.onCuts?.(cuts);
			this.cuts = cuts;
			this.stage = 'done';
		} catch (error) {
			// A cancelled or replaced run says nothing: cancel() already set the stage.
			const reason = saveFailure ?? error;
			if (this.#controller !== controller || (!saveFailure && isAbortError(error))) return;
			if (!(reason instanceof MediaError || reason instanceof IntakeSaveError)) {
				console.error('Video intake failed', reason);
			}
			this.error = reason instanceof IntakeSaveError ? reason.message : mediaErrorMessage(reason);
			this.stage = 'failed';
		}
	}

	/** Stop the work in flight; what was already made stays. */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = undefined;
		if (this.busy) this.stage = 'cancelled';
	}
}
