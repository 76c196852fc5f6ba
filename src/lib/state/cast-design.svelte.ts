import { formatCost } from '$lib/ai/costs';
import { describeAiError } from '$lib/ai/errors';
import { maxInputImages } from '$lib/ai/model-limits';
import type { CastMember, Style } from '$lib/domain/types';
import { NoImageError, renderImage } from '$lib/render/client';
import { MAX_DESIGN_CANDIDATES } from '$lib/render/meta';
import { PictureUrls } from '$lib/render/picture-urls';
import {
	buildDesignPrompt,
	designAspectRatio,
	planDesignPictures,
	type DesignChoice,
	type DesignPictureRole
} from '$lib/render/design';
import { isAbortError } from '$lib/util/abort';
import { forEachAtMost } from '$lib/util/at-most';
import { aiBlockedReason } from './ai-blocked';
import type { CastBoard } from './cast.svelte';
import type { ProjectState } from './project.svelte';
import { settings } from './settings.svelte';
import type { StyleBoard } from './styles.svelte';

/** How many design requests run at once: enough to see candidates soon, few enough to stay polite. */
export const DESIGN_CONCURRENCY = 2;

/** One candidate picture of a Design run, as it comes in. */
export type DesignCandidate =
	| { status: 'waiting' }
	| { status: 'drawing' }
	| { status: 'ready'; blob: Blob; url: string; costUsd: number; used: boolean }
	| { status: 'failed'; message: string }
	| { status: 'cancelled' };

/** What the person asked for in the Design panel. */
export interface DesignOptions {
	count: number;
	turnaround: boolean;
	/** The style whose reference picture is attached, if any. */
	styleId?: string;
	/** Attach the member's main picture so the design keeps their look. */
	keepMain: boolean;
}

/** What a Design run will send: shown before it starts. */
export interface DesignPlan {
	model: string;
	/** The first candidate's text (the others differ only in their "Candidate n of N" line). */
	prompt: string;
	pictures: { role: DesignPictureRole; label: string }[];
	/** Pictures the model's input limit leaves out, in words. */
	leftOut: string[];
	requests: number;
}

/**
 * "Design" for one cast member: N image requests made from the member's description (at most
 * DESIGN_CONCURRENCY at a time), each candidate shown as it arrives, a failure shown without
 * losing the others; "Use this" keeps one as the member's next reference picture.
 */
export class CastDesignSession {
	candidates = $state.raw<DesignCandidate[]>([]);
	/** What the current run has cost so far. */
	spentUsd = $state(0);
	/** A candidate being saved to the member. */
	saving = $state(false);
	/** Why Design cannot run now (offline, no key), the way rendering says it. */
	readonly blocked = $derived(aiBlockedReason({ needs: 'designing needs', toDo: 'to design' }));
	readonly running = $derived(
		this.candidates.some((c) => c.status === 'waiting' || c.status === 'drawing')
	);
	readonly #board: ProjectState;
	readonly #cast: CastBoard;
	readonly #styles: StyleBoard;
	#controller: AbortController | undefined;
	#memberId: string | undefined;
	#pictures = new PictureUrls();

	constructor(board: ProjectState, cast: CastBoard, styles: StyleBoard) {
		this.#board = board;
		this.#cast = cast;
		this.#styles = styles;
	}

	/** The styles whose reference picture a design may be attached to. */
	get stylesWithReference(): Style[] {
		return this.#styles.styles.filter((style) => style.referenceAssetId);
	}

	#choice(member: CastMember, options: DesignOptions): DesignChoice {
		const style = options.styleId ? this.#styles.style(options.styleId) : undefined;
		return {
			turnaround: options.turnaround && member.kind === 'character',
			keepMain: options.keepMain && member.referenceAssetIds.length > 0,
			...(style?.referenceAssetId ? { style } : {})
		};
	}

	/** Read the image model's facts (price, outputs) so the panel can show the cost before a run. */
	async prepare(): Promise<void> {
		await settings.ensureModelInfo(settings.options.imageModel).catch(() => undefined);
	}

	/**
	 * Why a run of `count` requests at about `eachUsd` each would pass the storyboard's spending
	 * cap (the one rendering pauses at), or null. A price that is not known yet is let through
	 * while something is left under the cap, as the render queue does.
	 */
	overCapReason(count: number, eachUsd: number | undefined): string | null {
		const cap = this.#board.project?.spendingCapUsd;
		if (cap === undefined) return null;
		const spent = this.#board.project?.costUsd ?? 0;
		const fits = eachUsd === undefined ? spent < cap : spent + eachUsd * count <= cap + 1e-9;
		if (fits) return null;
		const what = `${count} ${count === 1 ? 'candidate' : 'candidates'}`;
		return `${what} would pass the ${formatCost(cap)} spending cap (${formatCost(spent)} spent). Raise the cap in the Render panel or ask for fewer.`;
	}

	#roles(choice: DesignChoice, limit: number | undefined): DesignPictureRole[] {
		return planDesignPictures(limit, { style: Boolean(choice.style), main: choice.keepMain });
	}

	/** What a run with these options sends, in words, and how many requests it makes. */
	plan(member: CastMember, options: DesignOptions): DesignPlan {
		const model = settings.options.imageModel;
		const choice = this.#choice(member, options);
		const wanted = this.#roles(choice, undefined);
		const pictures = this.#roles(choice, maxInputImages(model));
		const label = (role: DesignPictureRole) =>
			role === 'style'
				? `the style reference of ${choice.style?.name ?? 'the style'}`
				: `${member.name}’s main picture`;
		return {
			model,
			prompt: buildDesignPrompt({ member, choice, pictures, candidate: 0, total: options.count }),
			pictures: pictures.map((role) => ({ role, label: label(role) })),
			leftOut: wanted.filter((role) => !pictures.includes(role)).map(label),
			requests: options.count
		};
	}

	/** Ask for `options.count` candidates; earlier candidates of this panel are let go. */
	async start(member: CastMember, options: DesignOptions): Promise<void> {
		this.cancel();
		this.#release();
		const controller = new AbortController();
		this.#controller = controller;
		this.#memberId = member.id;
		this.spentUsd = 0;
		const count = Math.max(1, Math.min(MAX_DESIGN_CANDIDATES, Math.round(options.count)));
		this.candidates = Array.from({ length: count }, () => ({ status: 'waiting' }) as const);

		const model = settings.options.imageModel;
		const choice = this.#choice(member, options);
		const roles = this.#roles(choice, maxInputImages(model));
		let ai: ReturnType<typeof settings.ai>;
		let pictures: string[];
		try {
			ai = settings.ai();
			await settings.ensureModelInfo(model);
			pictures = await Promise.all(
				roles.map((role) =>
					this.#dataUrl(
						role === 'style'
							? this.#styles.style(options.styleId ?? '')?.referenceAssetId
							: member.referenceAssetIds[0]
					)
				)
			);
		} catch (error) {
			const message = describeAiError(error).message;
			this.candidates = this.candidates.map(() => ({ status: 'failed', message }));
			return;
		}
		const outputModalities = settings.modelInfo(model)?.outputModalities ?? [];
		const aspectRatio = designAspectRatio(member.kind, choice.turnaround);

		const drawOne = async (index: number) => {
			if (controller.signal.aborted) return;
			this.#set(index, { status: 'drawing' });
			try {
				const result = await renderImage(controller.signal, ai, {
					model,
					outputModalities,
					aspectRatio,
					prompt: buildDesignPrompt({
						member,
						choice,
						pictures: roles,
						candidate: index,
						total: count
					}),
					pictures
				});
				const [image] = result.images;
				this.#spent(result.costUsd);
				if (controller !== this.#controller) return;
				const blob = image!.blob;
				this.#set(index, {
					status: 'ready',
					blob,
					url: URL.createObjectURL(blob),
					costUsd: result.costUsd,
					used: false
				});
			} catch (error) {
				if (error instanceof NoImageError) this.#spent(error.costUsd);
				if (controller !== this.#controller) return;
				this.#set(
					index,
					isAbortError(error) || controller.signal.aborted
						? { status: 'cancelled' }
						: {
								status: 'failed',
								message: describeAiError(error, {
									baseUrl: ai.options.baseUrl,
									timeoutS: ai.options.timeoutS
								}).message
							}
				);
			}
		};
		await forEachAtMost(DESIGN_CONCURRENCY, count, drawOne);
		if (controller === this.#controller) await this.#logRun(member.name, model);
	}

	/** Stop the requests still running or waiting; what arrived stays. */
	cancel(): void {
		this.#controller?.abort();
		this.candidates = this.candidates.map((c) =>
			c.status === 'waiting' || c.status === 'drawing' ? { status: 'cancelled' } : c
		);
	}

	/** "Use this": the candidate becomes the member's next reference picture (one undo step). */
	async use(index: number): Promise<boolean> {
		const candidate = this.candidates[index];
		if (!this.#memberId || candidate?.status !== 'ready' || candidate.used) return false;
		this.saving = true;
		try {
			const added = await this.#cast.addPictureBlob(
				this.#memberId,
				candidate.blob,
				`Candidate ${index + 1}`
			);
			if (added) this.#set(index, { ...candidate, used: true });
			return added;
		} finally {
			this.saving = false;
		}
	}

	/** Let go of the candidates (the panel closed): requests stop, pictures are freed. */
	dispose(): void {
		this.cancel();
		this.#release();
		this.candidates = [];
	}

	#release(): void {
		for (const c of this.candidates) if (c.status === 'ready') URL.revokeObjectURL(c.url);
	}

	#set(index: number, candidate: DesignCandidate): void {
		this.candidates = this.candidates.map((c, i) => (i === index ? candidate : c));
	}

	/** Every billed request counts in the storyboard's spend, the way renders do. */
	#spent(usd: number): void {
		if (usd <= 0) return;
		this.spentUsd += usd;
		void this.#board.addCost(usd);
	}

	async #logRun(name: string, model: string): Promise<void> {
		const ready = this.candidates.filter((c) => c.status === 'ready').length;
		const failed = this.candidates.filter((c) => c.status === 'failed').length;
		if (ready + failed === 0) return;
		const problem = this.candidates.find((c) => c.status === 'failed');
		await this.#board.log(
			failed ? 'warn' : 'info',
			`Designed ${name} with ${model}: ${ready} of ${this.candidates.length} candidates (${formatCost(this.spentUsd)}).` +
				(problem?.status === 'failed' ? ` ${failed} failed: ${problem.message}` : '')
		);
	}

	async #dataUrl(assetId: string | undefined): Promise<string> {
		const url = await this.#pictures.of(assetId);
		if (!url) throw new Error('A reference picture could not be read from this device.');
		return url;
	}
}
