import { beatText } from '$lib/domain/beats';
import { getContext, setContext } from 'svelte';
import { formatCost } from '$lib/ai/costs';
import type { Beat, JobItem, Shot } from '$lib/domain/types';
import { JobItemError } from '$lib/jobs/item-errors';
import { KeyPool } from '$lib/jobs/key-pool';
import { placeName, placeOfBeat } from '$lib/jobs/run';
import type { ItemContext, JobEvent, JobRunnerConfig } from '$lib/jobs/runner';
import { getAsset } from '$lib/store/assets';
import { TAB_ID } from '$lib/store/changes';
import { addVideoTake } from '$lib/store/takes';
import { isAbortError, sleep } from '$lib/util/abort';
import { blobToDataUrl } from '$lib/util/data-url';
import { capitalize } from '$lib/util/sentence';
import { shrinkToJpeg } from '$lib/media/shrink-image';
import { aiBlockedReason } from '$lib/state/ai-blocked';
import { appStatus } from '$lib/state/app-status.svelte';
import { JobSession, uniqueItemKeys } from '$lib/state/job-session.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import { settings } from '$lib/state/settings.svelte';
import type { StyleBoard } from '$lib/state/styles.svelte';
import { fitVideoBody, VideoBodyTooLargeError } from './body';
import { pollDelayMs, VideoApiError, VideoClient } from './client';
import { clipPhaseLabel, phaseOfStatus, type ClipPhase, type ClipState } from './clip-state';
import { ANIMATE_JOB_KIND, animateKey, parseAnimateKey } from './job';
import type { AnimatePreview } from './meta';
import { makeMotionClip } from './motion-clip';
import { planVideo } from './models';
import { beatStills, nextBeatId, type BeatStill } from './stills';

/**
 * "Animate": the chosen picture of each beat of a shot becomes a short clip, as long as the beat through the endpoint's video
 * API. Each submission's job id is saved the moment the provider accepts it, so a reload polls
 * the same job again instead of paying for a second one.
 */
export class AnimateSession extends JobSession {
	readonly #styles: StyleBoard;

	readonly blocked = $derived(
		aiBlockedReason({ needs: 'animating with a video model needs', toDo: 'to animate' }) ??
			(settings.loaded && !settings.options.videoModel
				? 'Pick a video model in Settings to animate.'
				: null)
	);

	/** Each remote clip being made, by job item key: the provider's state and since when. */
	#clips = $state<Record<string, ClipState>>({});

	constructor(board: ProjectState, styles: StyleBoard) {
		super(board, ANIMATE_JOB_KIND);
		this.#styles = styles;
	}

	/** Where the remote clip of a job item stands, while it is being made. */
	clipStateOf(key: string): ClipState | undefined {
		return this.#clips[key];
	}

	/** A clip phase in plain words ("Queued", "Generating", "Downloading"). */
	clipLabel(phase: ClipPhase): string {
		return clipPhaseLabel(phase);
	}

	#setClip(key: string, phase: ClipPhase, since?: number): void {
		const current = this.#clips[key];
		this.#clips[key] = { phase, since: since ?? current?.since ?? Date.now() };
	}

	protected resumedNote(left: number): string {
		return `Animation resumed: ${left} ${left === 1 ? 'clip' : 'clips'} to go.`;
	}

	/** The picture a beat (the shot's first, unless given) is animated from: its chosen image in the first style that has one. */
	stillOf(shotId: string, beatId?: string): BeatStill | undefined {
		const shot = this.board.shots.find((candidate) => candidate.id === shotId);
		const id = beatId ?? shot?.beats[0]?.id;
		return id === undefined ? undefined : this.stills([shotId], id)[0];
	}

	/** The stills of every beat of these shots (or of one beat) that has a chosen picture, in order. */
	stills(shotIds: readonly string[], beatId?: string): BeatStill[] {
		return beatStills(
			this.board.shots,
			shotIds,
			this.#styles.styles.map((style) => style.id),
			(beat, style) => this.#styles.chosenOf(beat, style),
			beatId
		);
	}

	/** The chosen picture a beat's clip may end on, in the same style: the next beat's. */
	#nextStill(shotId: string, beatId: string, styleId: string) {
		const next = nextBeatId(this.board.shots, shotId, beatId);
		return next === undefined ? undefined : this.#styles.chosenOf(next, styleId);
	}

	/** What animating the beats of these shots (or one beat) would send and cost, for the confirmation. */
	preview(shotIds: readonly string[], beatId?: string): AnimatePreview[] {
		const model = settings.videoModelInfo;
		if (!model) return [];
		return this.stills(shotIds, beatId).map((still) => ({
			shotId: still.shotId,
			beatId: still.beatId,
			styleId: still.styleId,
			number: still.number,
			plan: planVideo(
				model,
				still,
				this.board.project?.aspectRatio ?? '16:9',
				Boolean(this.#nextStill(still.shotId, still.beatId, still.styleId))
			)
		}));
	}

	/** Queue the beats of these shots (or one beat), each from its chosen picture. */
	async animate(shotIds: readonly string[], beatId?: string): Promise<void> {
		if (!(await this.canStart())) return;
		const targets = this.preview(shotIds, beatId).map(({ shotId, beatId, styleId }) => ({
			shotId,
			beatId,
			styleId
		}));
		if (targets.length === 0) {
			this.#noPicture(shotIds);
			return;
		}
		const items = uniqueItemKeys(targets, this.current()?.items ?? [], animateKey);
		const count = `${items.length} ${items.length === 1 ? 'clip' : 'clips'}`;
		await this.queue(
			items,
			`Animating ${count} with ${settings.options.videoModel}.`,
			'Animation could not start'
		);
	}

	/** Say a picture is needed first, until one of the shots has one. */
	#noPicture(shotIds: readonly string[]): void {
		this.setProblem(
			'Render a picture of the shot first: animation starts from it.',
			() => this.stills(shotIds).length === 0
		);
	}

	/** The local pan-and-zoom clip being made, as "clip 2 of 3", or null. */
	localProgress = $state<string | null>(null);
	#localController: AbortController | undefined;

	/**
	 * Without a video model (or offline): a pan-and-zoom clip of each shot's chosen picture,
	 * made on this device with the media engine and kept as a video take marked local.
	 */
	async animateLocally(shotIds: readonly string[], beatId?: string): Promise<void> {
		if (this.localProgress !== null) return;
		this.problem = null;
		const stills = this.stills(shotIds, beatId);
		if (stills.length === 0) {
			this.#noPicture(shotIds);
			return;
		}
		const controller = new AbortController();
		this.#localController = controller;
		try {
			for (const [index, still] of stills.entries()) {
				this.localProgress = `Making a local clip: ${index + 1} of ${stills.length}…`;
				const image = await getAsset(still.imageAssetId);
				if (!image) continue;
				const clip = await makeMotionClip(
					controller.signal,
					image.blob,
					still.durationS,
					this.board.project?.aspectRatio ?? '16:9'
				);
				await this.#saveClip(
					{
						projectId: this.board.id,
						shotId: still.shotId,
						beatId: still.beatId,
						styleId: still.styleId,
						imageAssetId: still.imageAssetId,
						local: true,
						model: 'local pan and zoom',
						prompt: '',
						costUsd: 0
					},
					clip
				);
			}
			await this.board.log(
				'info',
				`Made ${stills.length} local pan-and-zoom ${stills.length === 1 ? 'clip' : 'clips'}.`
			);
		} catch (error) {
			this.problem = isAbortError(error)
				? null
				: `The local clip could not be made: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.localProgress = null;
			this.#localController = undefined;
		}
	}

	/** Save a clip as a video take through the guarded write path: a full disk shows the banner. */
	async #saveClip(fields: Parameters<typeof addVideoTake>[0], clip: Blob): Promise<void> {
		const saved = await appStatus.guardWrite(() => addVideoTake(fields, clip));
		if (!saved.ok) throw saved.error;
		this.#styles.took(saved.value);
	}

	/** Stop making local clips; those already made stay. */
	cancelLocal(): void {
		this.#localController?.abort();
	}

	/** Stop polling; a job the provider already has may still finish and be billed. */
	stop(): Promise<void> {
		return this.cancel(
			'Animation cancelled. Jobs already submitted may still be finished and billed by the provider.'
		);
	}

	protected onEvent(event: JobEvent): void {
		if (event.type === 'item' && event.item.status === 'failed') {
			const name = this.#beatOf(event.item)?.name;
			const what = name ? capitalize(name) : 'A deleted shot';
			void this.board.log(
				'error',
				`${what} could not be animated: ${event.item.lastError ?? 'no reason given.'}`
			);
		}
		if (event.type === 'item' && event.item.status === 'done') void this.#styles.refresh();
	}

	/** An item's shot and beat, and how the log names it ("beat 2.3", "shot 2"), while they exist. */
	#beatOf(item: JobItem): { shot: Shot; beat: Beat; name: string } | undefined {
		const target = parseAnimateKey(item.key);
		const shots = this.board.shots;
		const place = target && placeOfBeat(shots, target.shotId, target.beatId);
		if (!place) return undefined;
		const shot = shots[place.shotNumber - 1]!;
		return { shot, beat: shot.beats[place.beatIndex]!, name: placeName(place) };
	}

	protected config(): JobRunnerConfig {
		const options = $state.snapshot(settings.options);
		return {
			work: (item, context) => this.#work(item, context),
			keys: new KeyPool(settings.keyPools.all),
			options: { concurrency: options.concurrency, requestsPerMinute: options.requestsPerMinute },
			isReady: () => appStatus.online
		};
	}

	async #work(item: JobItem, context: ItemContext): Promise<void> {
		const model = settings.videoModelInfo;
		if (!model || model.id !== settings.options.videoModel) {
			throw new JobItemError('Pick a video model in Settings first.', { retryable: false });
		}
		if (!context.key) throw new JobItemError('No API key is set.', { retryable: false });
		const client = new VideoClient($state.snapshot(settings.options), context.key);
		try {
			let jobId = typeof item.videoJobId === 'string' ? item.videoJobId : '';
			let stillAssetId = typeof item.stillAssetId === 'string' ? item.stillAssetId : '';
			const submittedAt = Number(item.submittedAt);
			if (jobId) {
				this.#setClip(item.key, 'unknown', submittedAt > 0 ? submittedAt : Date.now());
			} else {
				await this.#markSending(item, context);
				this.#setClip(item.key, 'submitting', Date.now());
				const submitted = await this.#submit(item, client, context);
				jobId = submitted.jobId;
				stillAssetId = submitted.stillAssetId;
			}
			const status = await this.#waitFor(client, jobId, context, item.key);
			this.#setClip(item.key, 'downloading');
			const clip = await client.download(jobId, status.urls[0], context.signal);
			await context.started;
			await this.#saveClip(
				{
					projectId: this.board.id,
					shotId: String(item.shotId),
					beatId: parseAnimateKey(item.key)?.beatId ?? String(item.beatId),
					styleId: String(item.styleId),
					imageAssetId: stillAssetId,
					jobItemKey: `${this.runner?.jobId ?? ''}/${item.key}`,
					model: model.id,
					prompt: String(item.prompt ?? ''),
					costUsd: status.costUsd
				},
				clip
			);
			await this.board.addCost(status.costUsd);
			await this.board.log(
				'info',
				`Animated ${this.#beatOf(item)?.name ?? 'a deleted shot'} with ${model.id}: billed ${formatCost(status.costUsd)}.`
			);
		} catch (error) {
			if (error instanceof VideoApiError) {
				throw new JobItemError(error.message, {
					retryable: error.retryable,
					...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {})
				});
			}
			throw error;
		} finally {
			delete this.#clips[item.key];
		}
	}

	/**
	 * A clip costs real money, so it is never sent twice unasked: the item notes which page is
	 * sending it before the request goes. Found on a later page without a job id, the earlier
	 * page closed while sending, and the provider may have the job (and bill it) already: the
	 * item fails with that said, and "Retry" (the person's choice) sends it again.
	 */
	async #markSending(item: JobItem, context: ItemContext): Promise<void> {
		const sendingFrom = typeof item.sendingFrom === 'string' ? item.sendingFrom : '';
		if (sendingFrom && sendingFrom !== TAB_ID) {
			await context.remember({ sendingFrom: null });
			const name = this.#beatOf(item)?.name ?? 'this clip';
			throw new JobItemError(
				`The page closed while ${name} was being sent: the provider may have it (and bill it) already. Check your provider’s activity; Retry sends it again.`,
				{ retryable: false }
			);
		}
		await context.remember({ sendingFrom: TAB_ID });
	}

	async #submit(item: JobItem, client: VideoClient, context: ItemContext) {
		const found = this.#beatOf(item);
		if (!found) throw new JobItemError('The beat was deleted.', { retryable: false });
		const { shot, beat, name } = found;
		const styleId = String(item.styleId);
		const still = this.#styles.chosenOf(beat.id, styleId);
		const image = still && (await getAsset(still.imageAssetId));
		if (!still || !image) {
			throw new JobItemError('The beat has no picture to start from.', { retryable: false });
		}
		const next = this.#nextStill(shot.id, beat.id, styleId);
		const durationS = this.stills([shot.id], beat.id)[0]?.durationS ?? shot.durationS;
		const plan = planVideo(
			settings.videoModelInfo!,
			{ durationS },
			this.board.project?.aspectRatio ?? '16:9',
			Boolean(next)
		);
		const nextImage = plan.lastFrame && next ? await getAsset(next.imageAssetId) : undefined;
		const prompt = videoPrompt(shot, beat);
		const { request, notes } = await fitVideoBody(
			{
				model: settings.options.videoModel,
				prompt,
				durationS: plan.durationS,
				...(plan.resolution ? { resolution: plan.resolution } : {}),
				...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
				...(plan.generateAudio === false ? { generateAudio: false } : {}),
				firstFrameUrl: await blobToDataUrl(image.blob),
				...(nextImage ? { lastFrameUrl: await blobToDataUrl(nextImage.blob) } : {})
			},
			async (maxSide) => {
				const shrunk = await shrinkToJpeg(image.blob, maxSide, 0.85);
				return {
					url: await blobToDataUrl(shrunk.blob),
					width: shrunk.width,
					height: shrunk.height
				};
			}
		).catch((error: unknown) => {
			if (error instanceof VideoBodyTooLargeError) {
				throw new JobItemError(error.message, { retryable: false });
			}
			throw error;
		});
		for (const note of notes) await this.board.log('warn', `${capitalize(name)}: ${note}`);
		const jobId = await client.submit(request, context.signal);
		const submittedAt = Date.now();
		this.#setClip(item.key, 'pending', submittedAt);
		// Saved before anything else: a reload from here on polls this job instead of paying again.
		await context.remember({
			videoJobId: jobId,
			stillAssetId: still.imageAssetId,
			prompt,
			submittedAt
		});
		await this.board.log(
			'info',
			`Submitted ${name} for animation (${plan.durationS} s${plan.resolution ? ` at ${plan.resolution}` : ''}, ${plan.price.priced ? `stated ${formatCost(plan.price.usd)}` : 'no listed price'}).`
		);
		return { jobId, stillAssetId: still.imageAssetId };
	}

	async #waitFor(client: VideoClient, jobId: string, context: ItemContext, key: string) {
		for (let poll = 0; ; poll++) {
			const status = await client.status(jobId, context.signal);
			this.#setClip(key, phaseOfStatus(status.status));
			if (status.status === 'completed') return status;
			if (['failed', 'cancelled', 'expired'].includes(status.status)) {
				// A retry submits a new job: forget this one.
				await context.remember({ videoJobId: '' });
				const reason =
					status.status === 'expired'
						? 'The clip expired before it was downloaded.'
						: status.status === 'cancelled'
							? 'The provider cancelled the job.'
							: `The video model failed: ${status.error ?? 'no reason given'}.`;
				throw new JobItemError(reason, { retryable: false });
			}
			await sleep(pollDelayMs(poll), context.signal);
		}
	}
}

/** The clip's prompt: the shot's description, the beat's moment, and the camera movement. */
export function videoPrompt(
	shot: Pick<Shot, 'title' | 'description' | 'movement' | 'shotSize' | 'angle'>,
	beat?: Pick<Beat, 'action' | 'camera'>
): string {
	const parts = [shot.description.trim() || shot.title.trim()];
	const moment = beat && beatText(beat);
	if (moment) parts.push(`Moment: ${moment}.`);
	if (shot.movement.trim()) parts.push(`Camera movement: ${shot.movement.trim()}.`);
	const framing = [shot.shotSize, shot.angle]
		.map((s) => s.trim())
		.filter(Boolean)
		.join(', ');
	if (framing) parts.push(`Framing: ${framing}.`);
	parts.push('Keep the look of the first frame; smooth, natural motion.');
	return parts.join(' ');
}

const KEY = Symbol('animate-session');

export function setAnimateContext(session: AnimateSession): AnimateSession {
	return setContext(KEY, session);
}

export function getAnimateContext(): AnimateSession {
	return getContext<AnimateSession>(KEY);
}
