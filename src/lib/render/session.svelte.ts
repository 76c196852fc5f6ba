import { getContext, setContext } from 'svelte';
import { createAiClient } from '$lib/ai/client';
import { estimateImageCostUsd, formatCost } from '$lib/ai/costs';
import { keysForPool } from '$lib/ai/key-pools';
import { findBeat, type BeatPlace } from '$lib/domain/beats';
import {
	continuityBeat,
	parseRenderItemKey,
	renderItemKey,
	type RenderTarget
} from '$lib/domain/render';
import type { JobItem, Shot, Style } from '$lib/domain/types';
import type { CastBoard } from '$lib/state/cast.svelte';
import { JobItemError } from '$lib/jobs/item-errors';
import { placeName, placeOfBeat } from '$lib/jobs/run';
import { KeyPool } from '$lib/jobs/key-pool';
import { RateLimiter } from '$lib/jobs/rate-limiter';
import type {
	ItemContext,
	ItemResult,
	JobEvent,
	JobRunner,
	JobRunnerConfig
} from '$lib/jobs/runner';
import { addImageTake, listTakes } from '$lib/store/takes';
import { capitalize } from '$lib/util/sentence';
import { aiBlockedReason } from '$lib/state/ai-blocked';
import { appStatus } from '$lib/state/app-status.svelte';
import { beatIdOf, JobSession, uniqueItemKeys } from '$lib/state/job-session.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import { settings } from '$lib/state/settings.svelte';
import type { StyleBoard } from '$lib/state/styles.svelte';
import { NoImageError, renderImage } from './client';
import { classifyRenderError, RENDER_JOB_KIND } from './job';
import { renderFailedLine, renderFinishedLine } from './log-lines';
import { inBeats, type RequestPreview, type StyleProgress } from './meta';
import { styleProgressLine } from './progress-line';
import { renderTargets } from './targets';
import { RENDER_PROMPT_VERSION } from './prompt';
import { PictureUrls } from './picture-urls';
import { castPictureIds, planRenderRequest, type RenderParts } from './request-plan';

/**
 * Rendering for one storyboard: a persisted job of beat x style items worked by the job
 * runner (bounded concurrency, requests per minute, back-off, key rotation, spending cap).
 * Each image is saved as a take the moment it arrives; a reload resumes the job and never
 * asks again for an item that already has its take.
 */
export class RenderSession extends JobSession {
	/** Cost of the images received in the current run (what the last "Render" asked for). */
	runCostUsd = $state(0);
	readonly #styles: StyleBoard;
	readonly #cast: CastBoard | undefined;
	#limiter: RateLimiter | undefined;
	#pools = new Map<string, KeyPool>();
	#pictures = new PictureUrls();
	/** Items (job id/item key) whose image is saved, though their "done" mark may still be on its way. */
	#received = new Set<string>();
	/** Costs of images received whose write to the project is still under way. */
	#unsavedCostUsd = 0;

	readonly blocked = $derived(aiBlockedReason({ needs: 'rendering needs', toDo: 'to render' }));

	constructor(board: ProjectState, styles: StyleBoard, cast?: CastBoard) {
		super(board, RENDER_JOB_KIND);
		this.#styles = styles;
		this.#cast = cast;
	}

	protected resumedNote(left: number, paused: boolean): string {
		const count = `${inBeats(left)} to go`;
		return paused
			? `Rendering paused: ${count}. “Resume” goes on.`
			: `Rendering resumed: ${count}.`;
	}

	/** "Render all": every beat x style without a chosen image. */
	async renderAll(targets: readonly RenderTarget[]): Promise<void> {
		await this.#render(this.notQueued(targets));
	}

	/** The targets the current job is not already working on: "Render all" never asks twice for a beat on its way. */
	notQueued(targets: readonly RenderTarget[]): RenderTarget[] {
		const waiting = new Set(
			this.items
				.filter((item) => item.status === 'queued' || item.status === 'running')
				.map((item) => `${beatIdOf(item)}|${String(item.styleId)}`)
		);
		return targets.filter((target) => !waiting.has(`${target.beatId}|${target.styleId}`));
	}

	/** "Render" one shot: a new take of each of its beats in every style (or one). */
	async renderShot(shotId: string, styleId?: string): Promise<void> {
		await this.renderShots([shotId], styleId);
	}

	/** "Render" the selected shots: a new take of each of their beats in every style (or one). */
	async renderShots(shotIds: readonly string[], styleId?: string): Promise<void> {
		await this.#render(renderTargets(this.board.shots, shotIds, this.#styleIds(styleId)));
	}

	/** "Render" one beat: a new take in every style (or one). */
	async renderBeat(shotId: string, beatId: string, styleId?: string): Promise<void> {
		await this.#render(renderTargets(this.board.shots, [shotId], this.#styleIds(styleId), beatId));
	}

	#styleIds(styleId?: string): string[] {
		return styleId ? [styleId] : this.#styles.styles.map((style) => style.id);
	}

	async #render(targets: readonly RenderTarget[]): Promise<void> {
		if (!(await this.canStart()) || targets.length === 0) return;
		// The style references are read and encoded while the job is created.
		for (const id of new Set(targets.map((target) => target.styleId))) {
			this.#pictures.of(this.#styles.style(id)?.referenceAssetId).catch(() => {});
		}
		await this.board.flush();
		await this.#ensureModelInfo();
		const items = this.#newItems(targets, this.current()?.items ?? []);
		await this.queue(
			items,
			`Rendering ${inBeats(items.length)} with ${settings.options.imageModel}.`,
			'Rendering could not start'
		);
	}

	#newItems(targets: readonly RenderTarget[], existing: readonly JobItem[]) {
		return uniqueItemKeys(targets, existing, renderItemKey);
	}

	/** Hold a "Storyboard it" job open while the director writes; each new shot is queued at once. */
	async openForDirector(): Promise<(shot: Shot) => void> {
		await settings.load();
		await this.#ensureModelInfo();
		this.beginRun();
		const runner = await this.enqueue([], { ...this.config(), keepOpen: true });
		return (shot: Shot) => {
			const targets = renderTargets([shot], [shot.id], this.#styleIds());
			void runner.addItems(this.inRun(this.#newItems(targets, runner.items)));
		};
	}

	/** The director finished: a "Storyboard it" job ends once its queue drains. */
	closeDirector(): void {
		this.runner?.close();
	}

	/** The current run's numbers for one style, in beats, with the first beat being rendered now. */
	styleProgress(styleId: string): StyleProgress {
		const counts: StyleProgress = { total: 0, done: 0, failed: 0, running: 0 };
		let first: BeatPlace | undefined;
		for (const item of this.runItems) {
			if (item.styleId !== styleId || item.status === 'cancelled') continue;
			counts.total += 1;
			if (item.status === 'done') counts.done += 1;
			if (item.status === 'failed') counts.failed += 1;
			if (item.status !== 'running') continue;
			counts.running += 1;
			const target = parseRenderItemKey(item.key);
			const place = target && findBeat(this.board.shots, target.shotId, target.beatId);
			if (place && (!first || comparePlaces(place, first) < 0)) first = place;
		}
		const shot = first && this.board.shots[first.shotIndex];
		const beat = first && shot?.beats[first.beatIndex];
		if (shot && beat) counts.rendering = this.#nameOf({ shotId: shot.id, beatId: beat.id });
		return counts;
	}

	/** "Rendering beat 2.3 in Ink wash · 14 of 30 beats": one style's line while a run shows. */
	progressLine(styleId: string): string {
		const name = this.#styles.style(styleId)?.name ?? 'a deleted style';
		return styleProgressLine(name, this.styleProgress(styleId), this.progress?.state ?? 'done');
	}

	protected onAttach(runner: JobRunner): void {
		if (this.runItems.some((item) => item.status === 'done')) void this.#sumRunCost(runner.jobId);
	}

	protected onRunStart(): void {
		this.runCostUsd = 0;
	}

	protected onEvent(event: JobEvent): void {
		if (event.type === 'item' && event.item.status === 'failed') {
			const { item } = event;
			const target = parseRenderItemKey(item.key);
			void this.board.log(
				'error',
				renderFailedLine(
					target && this.#nameOf(target),
					this.#styles.style(String(item.styleId))?.name,
					item.lastError
				)
			);
		}
		if (event.type === 'state' && event.progress.state === 'done') void this.#finished();
	}

	/** "beat 2.3" (or "shot 2" for a shot of one beat) for a render target, while it exists. */
	#nameOf(target: Pick<RenderTarget, 'shotId' | 'beatId'>): string | undefined {
		const place = placeOfBeat(this.board.shots, target.shotId, target.beatId);
		return place && placeName(place);
	}

	async #finished(): Promise<void> {
		const counts = this.runCounts;
		const cost = this.runCostUsd;
		await this.#styles.refresh();
		if (counts.total === 0) return;
		await this.board.log(counts.failed ? 'warn' : 'info', renderFinishedLine(counts, cost));
	}

	/** After a reload, the cost of what the run already received (its items' takes). */
	async #sumRunCost(jobId: string): Promise<void> {
		const keys = new Set(this.runItems.map((item) => `${jobId}/${item.key}`));
		const takes = await listTakes(this.board.id).catch(() => []);
		this.runCostUsd = takes
			.filter((take) => take.jobItemKey !== undefined && keys.has(take.jobItemKey))
			.reduce((sum, take) => sum + take.costUsd, 0);
	}

	async #ensureModelInfo(): Promise<void> {
		await settings.ensureModelInfo(settings.options.imageModel);
	}

	protected config(): JobRunnerConfig {
		const options = $state.snapshot(settings.options);
		this.#limiter ??= new RateLimiter(options.requestsPerMinute);
		this.#pools = new Map();
		return {
			work: (item, context) => this.#work(item, context),
			classifyError: (error, item) =>
				classifyRenderError(error, {
					poolSize: this.#poolFor(item).size,
					baseUrl: options.baseUrl
				}),
			keys: (item) => this.#poolFor(item),
			limiter: this.#limiter,
			options: { concurrency: options.concurrency, requestsPerMinute: options.requestsPerMinute },
			isReady: (item) => appStatus.online && !this.#waitsForPrevious(item),
			spendingCap: {
				capUsd: () => this.board.project?.spendingCapUsd,
				// The storyboard's total counts an image once its cost is written; until then it is unsaved.
				spentUsd: () => (this.board.project?.costUsd ?? 0) + this.#unsavedCostUsd,
				costOf: () => this.expectedImageCostUsd(),
				unit: ['beat', 'beats']
			}
		};
	}

	#poolFor(item: JobItem): KeyPool {
		const style = this.#styles.style(String(item.styleId));
		const label = typeof style?.keyPool === 'string' ? style.keyPool : '';
		let pool = this.#pools.get(label);
		if (!pool) {
			pool = new KeyPool(keysForPool(settings.keyPools, label || undefined));
			this.#pools.set(label, pool);
		}
		return pool;
	}

	/**
	 * A beat that carries a continuity picture (a later beat of a shot, a shot that dissolves
	 * in) renders after that picture exists in the same style, when its beat is queued too.
	 */
	#waitsForPrevious(item: JobItem): boolean {
		const target = parseRenderItemKey(item.key);
		const shots = this.board.shots;
		const place = target && findBeat(shots, target.shotId, target.beatId);
		const previous = place && continuityBeat(shots, place);
		if (!target || !previous) return false;
		const previousBeatId = shots[previous.shotIndex]!.beats[previous.beatIndex]!.id;
		return (this.runner?.items ?? []).some(
			(other) =>
				parseRenderItemKey(other.key)?.beatId === previousBeatId &&
				other.styleId === item.styleId &&
				(other.status === 'queued' || other.status === 'running') &&
				!this.#received.has(`${this.runner?.jobId ?? ''}/${other.key}`)
		);
	}

	/** What one image is expected to cost: the listed price or the mean paid so far, the higher. */
	expectedImageCostUsd(): number | undefined {
		const info = settings.modelInfo(settings.options.imageModel);
		const listed = info ? estimateImageCostUsd(info.pricing, 2) : undefined;
		const taken = this.#styles.takes.filter((take) => take.costUsd > 0);
		const observed = taken.length
			? taken.reduce((sum, take) => sum + take.costUsd, 0) / taken.length
			: undefined;
		if (listed === undefined && observed === undefined) return undefined;
		return Math.max(listed ?? 0, observed ?? 0);
	}

	async #work(
		item: JobItem,
		context: Pick<ItemContext, 'signal' | 'key' | 'attempt' | 'releaseSlot' | 'started'>
	): Promise<ItemResult | void> {
		const runner = this.runner;
		const jobItemKey = `${runner?.jobId ?? ''}/${item.key}`;
		// A second attempt may follow a crash right after the image was saved: never pay twice.
		if (context.attempt > 1) {
			const saved = await listTakes(this.board.id);
			if (saved.some((take) => take.jobItemKey === jobItemKey)) return;
		}

		const target = parseRenderItemKey(item.key);
		const options = $state.snapshot(settings.options);
		const model = options.imageModel;
		const parts = target ? this.#partsOf(target, model) : 'The shot was deleted.';
		if (typeof parts === 'string') throw new JobItemError(parts, { retryable: false });
		if (!context.key) throw new JobItemError('No API key is set.', { retryable: false });
		const { shot, beat, place, style, members, aspectRatio, continuityAssetId } = parts;
		const name = this.#nameOf({ shotId: shot.id, beatId: beat.id })!;
		const { plan, leftOut, prompt } = planRenderRequest({
			...parts,
			pictures: {
				style: await this.#pictures.of(style.referenceAssetId),
				cast: await this.#pictures.cast(members),
				continuity: await this.#pictures.continuity(continuityAssetId)
			}
		});
		if (leftOut) void this.board.log('warn', `${capitalize(name)}: ${leftOut}`);
		const result = await renderImage(context.signal, createAiClient(options, context.key), {
			model,
			outputModalities: settings.modelInfo(model)?.outputModalities ?? [],
			prompt,
			aspectRatio,
			pictures: plan.sent.map((picture) => picture.url)
		}).catch(async (error: unknown) => {
			// No usable image, but billed all the same: counted and logged with its cost.
			if (error instanceof NoImageError && error.costUsd > 0) {
				await this.board.addCost(error.costUsd);
				await this.board.log(
					'warn',
					`${capitalize(name)} in “${style.name}” with ${model}: no usable image (${formatCost(error.costUsd)}).`
				);
			}
			throw error;
		});
		// The image is here: the next render may start while this one is saved.
		context.releaseSlot();
		await context.started;
		const costEach = result.costUsd / result.images.length;
		const nextNeedsThis = this.#isContinuityForNext(place);
		for (const { blob, width, height, dataUrl } of result.images) {
			// A full disk shows the storage banner; the item fails and can be tried again.
			const saved = await appStatus.guardWrite(() =>
				addImageTake(
					{
						projectId: this.board.id,
						shotId: shot.id,
						beatId: beat.id,
						styleId: style.id,
						jobItemKey,
						model,
						prompt: `${RENDER_PROMPT_VERSION}\n${prompt}`,
						costUsd: costEach
					},
					blob,
					width !== undefined && height !== undefined ? { width, height } : {}
				)
			);
			if (!saved.ok) throw saved.error;
			const take = saved.value;
			if (take.chosen && dataUrl && nextNeedsThis) {
				this.#pictures.received(take.imageAssetId, dataUrl);
			}
			this.#styles.took(take);
		}
		// The next beat (or a dissolve) can go now, before this item's "done" mark is saved.
		this.#received.add(jobItemKey);
		this.runner?.poke();
		void this.board.log(
			'info',
			`Rendered ${name} in “${style.name}” with ${model} (${formatCost(result.costUsd)}).`
		);
		this.runCostUsd += result.costUsd;
		// The queue goes on while the cost is written; the spending cap counts it meanwhile.
		this.#unsavedCostUsd += result.costUsd;
		void this.board.addCost(result.costUsd).finally(() => {
			this.#unsavedCostUsd -= result.costUsd;
		});
		return { costUsd: result.costUsd };
	}

	/** The chosen take a beat's render carries for continuity, in the same style. */
	#continuityTake(place: BeatPlace, styleId: string) {
		const shots = this.board.shots;
		const previous = continuityBeat(shots, place);
		const beat = previous && shots[previous.shotIndex]?.beats[previous.beatIndex];
		return beat && this.#styles.chosenOf(beat.id, styleId);
	}

	/** Whether the beat after this one (or the next shot, dissolving in) carries this picture. */
	#isContinuityForNext(place: BeatPlace): boolean {
		const shots = this.board.shots;
		const shot = shots[place.shotIndex];
		if (!shot) return false;
		const next =
			place.beatIndex + 1 < shot.beats.length
				? { shotIndex: place.shotIndex, beatIndex: place.beatIndex + 1 }
				: { shotIndex: place.shotIndex + 1, beatIndex: 0 };
		const from = continuityBeat(shots, next);
		return from?.shotIndex === place.shotIndex && from.beatIndex === place.beatIndex;
	}

	/**
	 * What a render of one beat in one style would send now, made by the same plan as the
	 * request itself: the pictures by role (asset ids) in order, what the model's limit leaves
	 * out, the text, the model and what one image is expected to cost.
	 */
	requestPreview(shotId: string, beatId: string, styleId: string): RequestPreview | undefined {
		const model = settings.options.imageModel;
		const parts = this.#partsOf({ shotId, beatId, styleId }, model);
		if (typeof parts === 'string') return undefined;
		const { plan, leftOut, prompt } = planRenderRequest({
			...parts,
			pictures: {
				style: parts.style.referenceAssetId,
				cast: castPictureIds(parts.members),
				continuity: parts.continuityAssetId
			}
		});
		return {
			model,
			pictures: plan.sent.map(({ url, ...role }) => ({ ...role, assetId: url })),
			leftOut,
			prompt,
			costUsd: this.expectedImageCostUsd()
		};
	}

	/**
	 * What one beat's render is made from as things stand (the beat, its style, who is in the
	 * frame, the continuity picture's asset), or why it cannot be made.
	 */
	#partsOf(
		target: RenderTarget,
		model: string
	):
		| (Omit<RenderParts, 'pictures' | 'style'> & { style: Style; continuityAssetId?: string })
		| string {
		const shots = this.board.shots;
		if (!shots.some((candidate) => candidate.id === target.shotId)) return 'The shot was deleted.';
		const place = findBeat(shots, target.shotId, target.beatId);
		const shot = place && shots[place.shotIndex];
		const beat = place && shot?.beats[place.beatIndex];
		if (!place || !shot || !beat) return 'The beat was deleted.';
		const style = this.#styles.style(target.styleId);
		if (!style) return 'The style was deleted.';
		return {
			model,
			shot,
			beat,
			place,
			style,
			aspectRatio: this.board.project?.aspectRatio ?? '16:9',
			members: this.#cast?.inFrame(shot, beat) ?? [],
			continuityAssetId: this.#continuityTake(place, style.id)?.imageAssetId
		};
	}
}

function comparePlaces(a: BeatPlace, b: BeatPlace): number {
	return a.shotIndex - b.shotIndex || a.beatIndex - b.beatIndex;
}

const KEY = Symbol('render-session');

export function setRenderContext(session: RenderSession): RenderSession {
	return setContext(KEY, session);
}

export function getRenderContext(): RenderSession {
	return getContext<RenderSession>(KEY);
}
