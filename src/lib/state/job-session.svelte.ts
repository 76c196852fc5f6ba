import { describeAiError } from '$lib/ai/errors';
import type { JobItem } from '$lib/domain/types';
import type { JobProgress } from '$lib/jobs/progress';
import {
	countRun,
	failureGroups,
	fixedInSettings,
	latestRun,
	placeList,
	placeOfBeat,
	RUN_FIELD,
	type ItemPlace
} from '$lib/jobs/run';
import { firstBeatId } from '$lib/domain/beats';
import { JobBusyError, JobRunner, type JobEvent, type JobRunnerConfig } from '$lib/jobs/runner';
import { listJobs, type NewJobItem } from '$lib/store/jobs';
import type { ProjectState } from './project.svelte';
import { settings } from './settings.svelte';

/** How one beat x style stands in the current job. */
export interface JobItemView {
	key: string;
	status: JobItem['status'];
	lastError?: string;
	attempts: number;
}

/** Failed items of the current run that share a reason, as the person sees them. */
export interface RunFailure {
	/** "Shot 2", "Shots 1 and 3", or by beat "Beats 2.1 and 2.3"; empty when they were deleted. */
	shots: string;
	reason: string;
	/** The item keys, for "Retry". */
	keys: string[];
	/** The fix is in Settings (a key, the endpoint, the model, credits). */
	settings: boolean;
}

/**
 * The UI side of one kind of persisted job on a storyboard (render, animate): the runner's
 * progress and items as state, resume of an unfinished job after a reload, and the controls.
 * Subclasses say how items are worked (`config`) and what to tell the person.
 */
export abstract class JobSession {
	progress = $state.raw<JobProgress | null>(null);
	items = $state.raw<JobItem[]>([]);
	#problem = $state<string | null>(null);
	#problemHolds: (() => boolean) | undefined;
	#note = $state('');
	protected runner: JobRunner | undefined;
	protected stopped = false;
	#unsubscribe: (() => void) | undefined;
	/** The current run's number, saved on its items (see `jobs/run.ts`). */
	#run = 0;
	/** The keys of the items the current run asked for. */
	#runKeys = $state.raw<ReadonlySet<string>>(new Set());

	readonly active = $derived(
		this.progress !== null &&
			(this.progress.state === 'running' || this.progress.state === 'paused')
	);

	/** Why the job could not start or resume, in plain words; gone once it no longer holds. */
	get problem(): string | null {
		return this.#problem && (!this.#problemHolds || this.#problemHolds()) ? this.#problem : null;
	}
	set problem(text: string | null) {
		this.#problem = text;
		this.#problemHolds = undefined;
	}

	/** Say why the job cannot start, for as long as `holds()` stays true. */
	protected setProblem(text: string, holds: () => boolean): void {
		this.#problem = text;
		this.#problemHolds = holds;
	}

	/** A plain-words line about the job as a whole ("Rendering resumed: 3 to go"), shown while it works. */
	get note(): string {
		return this.active ? this.#note : '';
	}
	set note(text: string) {
		this.#note = text;
	}

	/** The items of the current run: what the last request asked for, not all the job ever did. */
	readonly runItems = $derived(this.items.filter((item) => this.#runKeys.has(item.key)));
	/** The current run in numbers. */
	readonly runCounts = $derived(countRun(this.items, this.#runKeys));
	/** The current run's failures, one per reason, with the beats and the fix. */
	readonly failures: RunFailure[] = $derived(
		failureGroups(this.runItems, (item) => this.#placeOf(item)).map((group) => ({
			shots: placeList(group.places),
			reason: group.reason,
			keys: group.keys,
			settings: fixedInSettings(group.reason)
		}))
	);

	constructor(
		protected readonly board: ProjectState,
		readonly kind: string
	) {}

	/** Why the job cannot run now (no key, offline, no model), or null. */
	abstract readonly blocked: string | null;

	/** How items are worked; called whenever a runner is made or reopened. */
	protected abstract config(): JobRunnerConfig;

	/** The note shown when a reload picked the job up again (a paused job stays paused). */
	protected abstract resumedNote(itemsLeft: number, paused: boolean): string;

	/** Called for every runner event after the state is updated. */
	protected onEvent(_event: JobEvent, _runner: JobRunner): void {}

	/** Called when a runner is attached (made, reopened). */
	protected onAttach(_runner: JobRunner): void {}

	/** Called when a new run starts (nothing was running): reset what counts per run. */
	protected onRunStart(): void {}

	/** Start a new run unless one is working: what is asked for now joins it. */
	protected beginRun(): void {
		if (this.active) return;
		this.#run = Date.now();
		this.#runKeys = new Set();
		this.onRunStart();
	}

	/** Tag items with the current run and count them in it. */
	protected inRun(items: readonly NewJobItem[]): NewJobItem[] {
		this.#runKeys = new Set([...this.#runKeys, ...items.map((item) => item.key)]);
		return items.map((item) => ({ ...item, [RUN_FIELD]: this.#run }));
	}

	/** Pick up a job a reload or crash interrupted; returns the stop function. */
	start(): () => void {
		void this.#resumeSaved();
		const onOnline = () => this.runner?.poke();
		window.addEventListener('online', onOnline);
		return () => {
			this.stopped = true;
			window.removeEventListener('online', onOnline);
			this.#unsubscribe?.();
			void this.runner?.stop();
		};
	}

	/**
	 * Open the newest unfinished job of this kind. Right after a reload the closing page may
	 * still hold the job's lock for a moment, and another tab may be working on it: keep
	 * trying, so this tab takes over as soon as the other lets go.
	 */
	async #resumeSaved(): Promise<void> {
		for (let attempt = 0; !this.stopped; attempt++) {
			const open = await this.#unfinishedJob();
			if (!open || this.runner) return;
			await settings.load();
			try {
				const runner = await JobRunner.open(open.id, this.config());
				if (this.stopped) return void runner.stop();
				this.problem = null;
				this.attach(runner);
				runner.start();
				const note = this.resumedNote(countLeft(runner.items), runner.state === 'paused');
				this.note = note;
				await this.board.log('info', note);
				return;
			} catch (error) {
				if (!(error instanceof JobBusyError)) {
					this.problem = `The interrupted job could not be resumed: ${describeAiError(error).message}`;
					return;
				}
				if (attempt >= 5) {
					this.problem =
						'This job is running in another tab; its results appear here as they arrive.';
				}
				await new Promise((resolve) => setTimeout(resolve, attempt < 5 ? 400 : 5000));
			}
		}
	}

	async #unfinishedJob() {
		const jobs = await listJobs(this.board.id).catch(() => []);
		return jobs
			.filter((job) => job.kind === this.kind)
			.filter((job) => job.state === 'running' || job.state === 'paused')
			.sort((a, b) => b.createdAt - a.createdAt)[0];
	}

	/** The runner to add items to: the current one unless it was cancelled. */
	protected current(): JobRunner | undefined {
		return this.runner && this.runner.state !== 'cancelled' ? this.runner : undefined;
	}

	/** Clear the last problem and note; false, with the reason as the problem, when the job cannot run. */
	protected async canStart(): Promise<boolean> {
		this.problem = null;
		this.note = '';
		await settings.load();
		// Shown while it holds: adding the key (or going online) takes the line away.
		const blocked = this.blocked;
		if (blocked) this.setProblem(blocked, () => this.blocked === blocked);
		return !blocked;
	}

	/** Queue `items` and log `started`; a failure to queue becomes the problem, after `failed`. */
	protected async queue(items: readonly NewJobItem[], started: string, failed: string) {
		try {
			this.beginRun();
			await this.enqueue(this.inRun(items));
			await this.board.log('info', started);
		} catch (error) {
			this.problem = `${failed}: ${describeAiError(error).message}`;
		}
	}

	/** Add items to the current job, or start a new one with them. */
	protected async enqueue(
		items: readonly NewJobItem[],
		config?: JobRunnerConfig
	): Promise<JobRunner> {
		const runner = this.current();
		if (runner) {
			if (items.length) await runner.addItems(items);
			if (runner.state === 'paused') await runner.resume();
			return runner;
		}
		const created = await JobRunner.create(
			this.board.id,
			this.kind,
			items,
			config ?? this.config()
		);
		this.attach(created);
		created.start();
		return created;
	}

	protected attach(runner: JobRunner): void {
		this.#unsubscribe?.();
		this.runner = runner;
		this.items = runner.items;
		this.progress = runner.progress;
		if (this.#runKeys.size === 0) {
			// Reopened after a reload: the run is the newest the items carry.
			const { run, keys } = latestRun(runner.items);
			this.#run = run ?? Date.now();
			this.#runKeys = keys;
		}
		this.onAttach(runner);
		this.#unsubscribe = runner.subscribe((event) => {
			this.items = runner.items;
			this.progress = event.progress;
			if (
				event.type === 'item' &&
				(event.item.status === 'done' || event.item.status === 'failed')
			) {
				// A finished item may be what another one waits for.
				runner.poke();
			}
			this.onEvent(event, runner);
		});
	}

	pause(): Promise<void> | undefined {
		return this.runner?.pause();
	}

	resume(): Promise<void> | undefined {
		return this.runner?.resume();
	}

	/** Stop the work in flight and drop the queue; results already saved stay. */
	async cancel(message: string): Promise<void> {
		await this.runner?.cancel();
		await this.board.log('info', message);
	}

	/** Try failed items again; after the run finished they are a new run of their own. */
	async retry(keys: string | readonly string[]): Promise<void> {
		await settings.load();
		const list = typeof keys === 'string' ? [keys] : [...keys];
		this.beginRun();
		this.#runKeys = new Set([...this.#runKeys, ...list]);
		await this.runner?.retry(list);
	}

	/** Where an item's beat sits in the storyboard now, or undefined when it was deleted. */
	#placeOf(item: JobItem): ItemPlace | undefined {
		if (typeof item.shotId !== 'string') return undefined;
		return placeOfBeat(this.board.shots, item.shotId, beatIdOf(item));
	}

	/** The newest item of the current job for a shot (in a style, and of one beat, when given). */
	itemFor(shotId: string, styleId?: string, beatId?: string): JobItemView | undefined {
		for (let i = this.items.length - 1; i >= 0; i--) {
			const item = this.items[i]!;
			if (
				item.shotId === shotId &&
				(styleId === undefined || item.styleId === styleId) &&
				(beatId === undefined || beatIdOf(item) === beatId)
			) {
				const view: JobItemView = { key: item.key, status: item.status, attempts: item.attempts };
				if (item.lastError) view.lastError = item.lastError;
				return view;
			}
		}
		return undefined;
	}
}

/** The beat a job item is for; an item saved before beats is for its shot's first beat. */
export function beatIdOf(item: JobItem): string {
	if (typeof item.beatId === 'string' && item.beatId) return item.beatId;
	return firstBeatId(String(item.shotId));
}

function countLeft(items: readonly JobItem[]): number {
	return items.filter((item) => item.status === 'queued' || item.status === 'running').length;
}

/** Item keys unique within a job, so asking again for a queued beat asks for a second result. */
export function uniqueItemKeys<T extends { shotId: string; styleId: string }>(
	targets: readonly T[],
	existing: readonly JobItem[],
	keyOf: (target: T, request: number) => string
): (T & NewJobItem)[] {
	const used = new Set(existing.map((item) => item.key));
	return targets.map((target) => {
		let request = 1;
		while (used.has(keyOf(target, request))) request += 1;
		const key = keyOf(target, request);
		used.add(key);
		return { ...target, key } as T & NewJobItem;
	});
}
