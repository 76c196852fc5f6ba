import { getContext, setContext } from 'svelte';
import { formatCost } from '$lib/ai/costs';
import { AiOutputError, describeAiError, type AiProblem } from '$lib/ai/errors';
import { EDITABLE_SHOT_FIELDS, type ShotFields, type ShotPatch } from '$lib/domain/shot';
import { countShots } from '$lib/domain/history';
import type { Beat, Project, Shot } from '$lib/domain/types';
import { blobToDataUrl } from '$lib/util/data-url';
import { aiBlockedReason } from '$lib/state/ai-blocked';
import { appStatus } from '$lib/state/app-status.svelte';
import type { CastBoard } from '$lib/state/cast.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import { PassingNote } from '$lib/state/passing-note.svelte';
import { settings } from '$lib/state/settings.svelte';
import { withBeatFrames, type ClipFrame } from './beat-frames';
import { analyzeScene, directShots, regenerateShot } from './client';
import { tagShot, unknownNamesNote, withBeatCasts } from './cast-names';
import type { AiTask, FramesToSend } from './meta';
import { PROMPT_VERSION } from './prompts';
import { castBrief, RunCast } from './run-cast';

/**
 * The AI steps of one storyboard: analyze the clip, write the shots, rewrite one shot. Each
 * result is saved the moment it exists; Cancel keeps what arrived; errors become one message.
 */
export class AiSession {
	task = $state<AiTask | null>(null);
	#progress = $state('');
	/** How the last step ended ("5 shots written."), for a few seconds and while still true. */
	readonly #outcome = new PassingNote();
	problem = $state<AiProblem | null>(null);
	/** Things worth knowing about a run that still worked (skipped shots, a cut-off answer). */
	notes = $state<string[]>([]);
	/** The model's raw answer, shown when it could not be used. */
	rawOutput = $state('');
	/** Shots about to be replaced by the set being written. */
	replacing = $state.raw<ReadonlySet<string>>(new Set());
	/** The shot being rewritten. */
	regenerating = $state<string | null>(null);
	readonly #board: ProjectState;
	readonly #cast: CastBoard;
	#controller: AbortController | null = null;

	/** Why AI actions cannot run right now, or null when they can. */
	readonly blocked = $derived(aiBlockedReason({ needs: 'AI steps need', toDo: 'to use AI steps' }));

	constructor(board: ProjectState, cast: CastBoard) {
		this.#board = board;
		this.#cast = cast;
	}

	/**
	 * A plain-words line: what is happening while a step runs ("Creating shot 2 of 5: Dusk"),
	 * then how it ended, until the board changes or a few seconds pass.
	 */
	get status(): string {
		return this.task ? this.#progress : this.#outcome.text;
	}
	set status(text: string) {
		this.#progress = text;
	}

	/** Stop the running step; what already arrived is kept. */
	cancel(): void {
		this.#controller?.abort();
	}

	async #run(task: AiTask, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
		if (this.task) return;
		await settings.load();
		this.#controller = new AbortController();
		this.task = task;
		this.#progress = '';
		this.#outcome.clear();
		this.problem = null;
		this.notes = [];
		this.rawOutput = '';
		try {
			await work(this.#controller.signal);
		} catch (error) {
			const problem = describeAiError(error, {
				baseUrl: settings.options.baseUrl,
				timeoutS: settings.options.timeoutS
			});
			if (error instanceof AiOutputError) this.rawOutput = error.rawOutput;
			if (problem.kind === 'aborted') {
				this.#outcome.show('Cancelled. What arrived before is kept.');
				await this.#board.log('info', `${taskName(task)} cancelled.`);
			} else {
				this.problem = problem;
				// An answer that could not be used was still billed: it counts and is logged.
				const billed = error instanceof AiOutputError ? error.costUsd : 0;
				if (billed > 0) await this.#board.addCost(billed);
				await this.#board.log(
					'error',
					`${taskName(task)} failed: ${problem.message}${billed > 0 ? ` (${formatCost(billed)})` : ''}`
				);
			}
		} finally {
			this.task = null;
			this.regenerating = null;
			this.replacing = new Set();
			this.#controller = null;
		}
	}

	/** "Analyze": stream the scene description into Context from the sampled frames. */
	analyze(input: FramesToSend): Promise<void> {
		return this.#run('analyze', async (signal) => {
			const ai = settings.ai();
			const urls = await Promise.all(input.frames.map(blobToDataUrl));
			const before = this.#board.context;
			let text = '';
			this.status = `Describing the scene from ${urls.length} frames…`;
			// The description streams in without steps of its own; the whole of it is one step.
			this.#board.setContext('', { debounce: false, typed: false });
			const record = async () => {
				await this.#board.flush();
				await this.#board.recordStep({
					label: 'describe the scene',
					before: { project: { context: before } },
					after: { project: { context: this.#board.project?.context ?? text } }
				});
			};
			try {
				const result = await analyzeScene(
					signal,
					ai,
					urls,
					{ durationS: input.durationS },
					(piece) => {
						text += piece;
						this.#board.setContext(text, { typed: false });
					}
				);
				await record();
				await this.#board.addCost(result.costUsd);
				const described = text;
				this.#outcome.show(`Scene described (${countWords(text)} words).`, {
					holds: () => this.#board.context === described
				});
				await this.#board.log(
					'info',
					`Analyzed ${urls.length} frames with ${ai.options.contextModel} (${formatCost(result.costUsd)}).`
				);
			} catch (error) {
				// Nothing arrived: put back what was there before, so an error never empties Context.
				if (!text) this.#board.setContext(before, { debounce: false, typed: false });
				await record();
				throw error;
			}
		});
	}

	/** "Generate shots": the director writes the shots, each saved as soon as it is complete. */
	generateShots(options: {
		replace: boolean;
		middleFrame?: Blob;
		clipDurationS?: number;
		/** Called with each shot the moment it is saved ("Storyboard it" renders it at once). */
		onShot?: (shot: Shot) => void;
	}): Promise<void> {
		return this.#run('direct', async (signal) => {
			const ai = settings.ai();
			const project = this.#board.project!;
			const count = project.shotCount;
			const old = options.replace ? this.#board.shots.map((s) => s.id) : [];
			this.replacing = new Set(old);
			await this.#board.flush();
			const model = await settings.ensureModelInfo(ai.options.directorModel);
			this.status = `Asking ${ai.options.directorModel} for ${count} shots…`;
			let raw = '';
			const cast = new RunCast(this.#cast, this.#board);
			// Every shot written, every old one removed and every member proposed is one undo
			// step, even if the run stops.
			const { value: result, stepId } = await this.#board.changeShots(
				({ added, removed }) =>
					[
						removed > 0
							? `replace ${countShots(removed)}`
							: added > 0
								? `add ${countShots(added)}`
								: '',
						cast.added.length ? `add ${countMembers(cast.added.length)}` : ''
					]
						.filter(Boolean)
						.join(' and '),
				async () => {
					const answer = await this.#direct(signal, options, ai, project, model, cast, (piece) => {
						raw += piece;
					}).catch(async (error: unknown) => {
						this.rawOutput = raw;
						throw error;
					});
					answer.problems.push(...(await cast.finish()));
					if (old.length) await this.#board.removeShots(old);
					return answer;
				}
			);
			this.notes = result.problems;
			if (result.problems.length) this.rawOutput = result.raw;
			await this.#board.addCost(result.costUsd);
			if (old.length) {
				appStatus.toast({
					message: `Replaced ${old.length} earlier ${old.length === 1 ? 'shot' : 'shots'}.`,
					actionLabel: 'Undo',
					// Back to the storyboard as it was: the new shots go, the old ones return.
					action: () => this.#board.undoStep(stepId)
				});
			}
			const shotIds = shotIdsOf(this.#board.shots);
			const proposed = cast.summary();
			this.#outcome.show(
				`${result.shotCount} ${result.shotCount === 1 ? 'shot' : 'shots'} written.${proposed ? ` ${proposed}` : ''}`,
				{ holds: () => shotIdsOf(this.#board.shots) === shotIds }
			);
			await this.#board.log(
				result.problems.length ? 'warn' : 'info',
				`Wrote ${result.shotCount} ${result.shotCount === 1 ? 'shot' : 'shots'} with ${ai.options.directorModel} (${formatCost(result.costUsd)}).${proposed ? ` ${proposed}` : ''}${result.problems.length ? ' ' + result.problems.join(' ') : ''}`
			);
		});
	}

	/** The director's request, each shot saved (and handed to `onShot`) as soon as it is complete. */
	async #direct(
		signal: AbortSignal,
		options: { middleFrame?: Blob; clipDurationS?: number; onShot?: (shot: Shot) => void },
		ai: ReturnType<typeof settings.ai>,
		project: Project,
		model: Awaited<ReturnType<typeof settings.ensureModelInfo>>,
		cast: RunCast,
		onText: (piece: string) => void
	) {
		const count = project.shotCount;
		const cuts = options.clipDurationS !== undefined ? (project.videoIntake?.shots ?? []) : [];
		const frames = clipFramesOf(project);
		return directShots(
			signal,
			ai,
			{
				shotCount: count,
				context: this.#board.context,
				premise: project.source.prompt,
				clipDurationS: options.clipDurationS,
				cutSpans: cuts.map(({ startS, endS }) => ({ startS, endS })),
				middleFrameUrl: options.middleFrame ? await blobToDataUrl(options.middleFrame) : undefined,
				structured: model?.structuredOutputs ?? false,
				cast: cast.brief()
			},
			async (written, index, names) => {
				this.status = `Creating shot ${index + 1} of ${count}: ${written.title}`;
				const fields = cast.tag(written, names);
				// Keep which model and prompt wrote the shot, for when prompts change.
				const shot = await this.#board.appendShot({
					...fields,
					...(fields.beats ? { beats: withBeatFrames(fields.beats, frames) } : {}),
					writtenBy: { model: ai.options.directorModel, promptVersion: PROMPT_VERSION }
				});
				if (!shot) return;
				cast.written(shot, index + 1, names);
				options.onShot?.(shot);
			},
			{
				onText,
				onCastMember: async (member) => {
					this.status = `Adding ${member.name} to the cast…`;
					await cast.propose(member);
				}
			}
		);
	}

	/** Rewrite one shot following a note ("make it a low-angle close-up"); the others stay. */
	regenerate(shot: Shot, note: string): Promise<void> {
		return this.#run('regenerate', async (signal) => {
			const ai = settings.ai();
			const project = this.#board.project!;
			const index = this.#board.shots.findIndex((s) => s.id === shot.id);
			const neighbour = (i: number) => {
				const other = this.#board.shots[i];
				return other ? `${other.title}: ${other.description}` : undefined;
			};
			this.regenerating = shot.id;
			this.status = `Rewriting shot ${index + 1}…`;
			const namesOf = (ids: readonly string[]) =>
				ids.flatMap((id) => this.#cast.member(id)?.name ?? []);
			const result = await regenerateShot(
				signal,
				ai,
				shot,
				{ before: neighbour(index - 1), after: neighbour(index + 1) },
				note,
				{
					context: this.#board.context,
					premise: project.source.prompt,
					structured:
						(await settings.ensureModelInfo(ai.options.directorModel))?.structuredOutputs ?? false,
					cast: castBrief(this.#cast.members)
				},
				{
					shot: namesOf(shot.cast),
					beats: shot.beats.map((beat) => namesOf(beat.cast ?? shot.cast))
				}
			);
			const patch: ShotFields = regeneratedFields(shot, result.fields);
			const tags = tagShot(result.cast, this.#cast.members);
			// A rewrite names only the cast the storyboard has: it proposes nobody new. An answer
			// that does not say who is in the shot leaves its cast as it was.
			if (result.cast.answered && this.#cast.members.length > 0) {
				patch.cast = tags.cast;
				if (patch.beats) patch.beats = withBeatCasts(patch.beats, tags.beatCasts);
			}
			if (tags.unknown.length) this.notes = unknownNamesNote(new Map([[index + 1, tags.unknown]]));
			const { stepId } = await this.#board.changeShots(
				() => `rewrite shot ${index + 1}`,
				() => this.#board.replaceShotFields(shot.id, patch)
			);
			appStatus.toast({
				message: `Shot ${index + 1} rewritten.`,
				actionLabel: 'Undo',
				action: () => this.#board.undoStep(stepId)
			});
			await this.#board.addCost(result.costUsd);
			await this.#board.log(
				'info',
				`Rewrote shot ${index + 1} (“${note}”) with ${ai.options.directorModel} (${formatCost(result.costUsd)}).`
			);
		});
	}
}

/**
 * What a rewrite changes: the fields the model wrote, except the person's notes and, for a
 * shot timed from the clip, its duration (the clip decides it, not the model).
 */
export function regeneratedFields(shot: Shot, written: Partial<Shot>): ShotPatch {
	const patch: ShotPatch = {};
	for (const field of EDITABLE_SHOT_FIELDS) {
		if (field === 'notes') continue;
		if (field === 'durationS' && shot.sourceTimeS !== undefined) continue;
		if (field === 'beats') {
			if (written.beats?.length) patch.beats = rewrittenBeats(shot.beats, written.beats);
			continue;
		}
		if (written[field] !== undefined) (patch as Record<string, unknown>)[field] = written[field];
	}
	return patch;
}

/**
 * A rewrite's beats in place of the shot's: beat N keeps the id of the beat N it replaces, so its
 * takes stay with it as a shot's takes stay through a rewrite (and a one-beat shot behaves as a
 * shot did before beats); the moments, camera notes and timing are the new ones.
 */
export function rewrittenBeats(current: readonly Beat[], written: readonly Beat[]): Beat[] {
	return written.map((beat, index) => ({
		id: current[index]?.id ?? beat.id,
		action: beat.action,
		camera: beat.camera
	}));
}

/** The pictures saved from a storyboard's clip, a beat's keyframe is picked from. */
function clipFramesOf(project: Project): ClipFrame[] {
	const intake = project.videoIntake;
	return [
		...(intake?.frames ?? []).map(({ assetId, timeS }) => ({ assetId, timeS })),
		...(intake?.shots ?? []).map((cut) => ({ assetId: cut.keyframeAssetId, timeS: cut.keyframeS }))
	];
}

/** Which shots the board holds, in order: a finished note holds while this stays the same. */
function shotIdsOf(shots: readonly Shot[]): string {
	return shots.map((shot) => shot.id).join(' ');
}

function taskName(task: AiTask): string {
	return task === 'analyze' ? 'Analyze' : task === 'direct' ? 'Generate shots' : 'Regenerate shot';
}

function countMembers(count: number): string {
	return count === 1 ? '1 cast member' : `${count} cast members`;
}

/** Words in a text, for the count under Context. */
export function countWords(text: string): number {
	return text.trim() ? text.trim().split(/\s+/).length : 0;
}

const KEY = Symbol('ai-session');

/** Share the storyboard's AI session with the workspace's components. */
export function setAiContext(session: AiSession): AiSession {
	return setContext(KEY, session);
}

/** The storyboard's AI session, from a component inside the workspace. */
export function getAiContext(): AiSession {
	return getContext<AiSession>(KEY);
}
