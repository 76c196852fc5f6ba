import { appStatus } from '$lib/state/app-status.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import {
	exportAnimatic,
	exportChoices,
	exportErrorMessage,
	exportFailedLogLine,
	exportImagesZip,
	exportLogLine,
	exportPdf,
	exportShotList,
	openExportTarget,
	timingsFromClip,
	type ExportChoices,
	type ExportKind
} from './client';
import {
	defaultAnimaticOptions,
	defaultPdfOptions,
	defaultZipOptions,
	type AnimaticOptions,
	type PdfOptions,
	type ZipOptions
} from './meta';

/** Where an export stands, in numbers and words ("Drawing panel 3 of 12"). */
export interface ExportProgress {
	done: number;
	total: number;
	text: string;
}

function stageText(current: ExportKind, done: number, total: number, stage?: string): string {
	if (current === 'animatic') {
		return stage === 'encoding'
			? `Encoding frame ${done} of ${total}`
			: `Preparing picture ${Math.min(done + 1, total)} of ${total}`;
	}
	if (current === 'pdf') return `Drawing panel ${done} of ${total}`;
	return `Writing file ${done} of ${total}`;
}

/**
 * The workspace's exports as state: the options of each kind, the style to export, progress,
 * Cancel, the result in words, and "Time shots to the clip". Each finished or failed export is
 * written to the activity log.
 */
export class ExportSession {
	choices = $state<ExportChoices>({ styles: [], castCount: 0, hasSourceAudio: false });
	zip = $state<ZipOptions>({ ...defaultZipOptions });
	pdf = $state<PdfOptions>({ ...defaultPdfOptions });
	animatic = $state<AnimaticOptions>({ ...defaultAnimaticOptions });
	styleId = $state<string>('');
	allStyles = $state(false);
	progress = $state<ExportProgress | null>(null);
	error = $state<string | null>(null);
	done = $state<string | null>(null);
	#running = $state<AbortController | null>(null);
	readonly #board: ProjectState;

	/** An export is being written. */
	readonly running = $derived(this.#running !== null);
	/** Shot durations the clip's cuts give, for "Time shots to the clip" (empty when none). */
	readonly timings = $derived.by(() => timingsFromClip(this.#board.project, this.#board.shots));

	constructor(board: ProjectState) {
		this.#board = board;
	}

	/** The dialog opened: forget the last result and read the styles on offer once edits are saved. */
	open(): void {
		this.error = null;
		this.done = null;
		this.progress = null;
		void this.#board.flush().then(async () => {
			this.choices = await exportChoices(this.#board.id).catch(() => this.choices);
			if (!this.choices.styles.some((s) => s.id === this.styleId)) {
				this.styleId = this.choices.styles[0]?.id ?? '';
			}
		});
	}

	/** Stop the export being written; nothing is saved. */
	cancel(): void {
		this.#running?.abort();
	}

	/** Write one export. Called straight from the click: the file picker must open from it. */
	async run(current: ExportKind): Promise<void> {
		if (this.#running) return;
		const board = this.#board;
		this.error = null;
		this.done = null;
		const controller = new AbortController();
		const onProgress = (d: number, total: number, stage?: string) =>
			(this.progress = { done: d, total, text: stageText(current, d, total, stage) });
		let started = 0;
		try {
			// The file picker (where the browser has one) must open straight from the click.
			const target = await openExportTarget(board.title || 'Storyboard', current);
			started = performance.now();
			this.#running = controller;
			await board.flush();
			const style = this.styleId || undefined;
			if (current === 'csv') {
				const count = await exportShotList(target, board.id, style);
				this.done = `Saved the shot list (${count} ${count === 1 ? 'shot' : 'shots'}).`;
			} else if (current === 'zip') {
				const files = await exportImagesZip(
					controller.signal,
					target,
					board.id,
					{ ...this.zip, ...(this.allStyles ? {} : { styleId: style }) },
					onProgress
				);
				const castNote = this.choices.castCount > 0 ? ', the Cast folder' : '';
				this.done = `Saved ${files} ${files === 1 ? 'image' : 'images'} with shots.csv${castNote} and project.json.`;
			} else if (current === 'pdf') {
				const result = await exportPdf(
					controller.signal,
					target,
					board.id,
					{ ...this.pdf, styleId: style },
					onProgress
				);
				this.done = `Saved the storyboard sheet.${result.note ? ` ${result.note}` : ''}`;
			} else {
				const result = await exportAnimatic(
					controller.signal,
					target,
					board.id,
					{ ...this.animatic, styleId: style },
					onProgress
				);
				this.done = `Saved the animatic (${result.durationS.toFixed(1)} s).${result.note ? ` ${result.note}` : ''}`;
			}
			void board.log(
				'info',
				exportLogLine(current, target.fileName, target.size, (performance.now() - started) / 1000)
			);
		} catch (failure) {
			this.error = exportErrorMessage(failure) ?? null;
			if (this.error && started) void board.log('error', exportFailedLogLine(current, this.error));
		} finally {
			this.#running = null;
			this.progress = null;
		}
	}

	/** Durations from the clip's cuts, as one undo step (the toast's "Undo" undoes it). */
	async timeShotsToClip(): Promise<void> {
		const board = this.#board;
		// A copy: `timings` is derived and empties once the shots match the clip.
		const { changed, stepId } = await board.retime([...this.timings]);
		appStatus.toast({
			message: `Timed ${changed} ${changed === 1 ? 'shot' : 'shots'} to the clip.`,
			actionLabel: 'Undo',
			action: () => board.undoStep(stepId)
		});
	}
}
