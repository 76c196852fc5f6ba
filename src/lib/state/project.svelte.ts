import { getContext, setContext } from 'svelte';
import {
	countShots,
	diffRecords,
	emptyHistory,
	type History,
	type HistoryStep,
	type Snapshot
} from '$lib/domain/history';
import { newId } from '$lib/domain/ids';
import { moveItem, type EditableShotField, type ShotFields } from '$lib/domain/shot';
import type { AspectRatio, LogEntry, LogLevel, Project, Shot, ShotView } from '$lib/domain/types';
import { DEFAULT_SHOT_VIEW } from '$lib/domain/values';
import { appendLog, listLogs } from '$lib/store/logs';
import { getAsset } from '$lib/store/assets';
import { videoIntakeOf } from '$lib/store/video-source';
import { onOtherTabChange } from '$lib/store/changes';
import { addProjectCost, getProject, updateProject } from '$lib/store/projects';
import { readHistory, recordHistoryStep, redoHistory, undoHistory } from '$lib/store/history';
import {
	addShot,
	deleteShot,
	listShots,
	reorderShots,
	updateShot,
	type ShotConflict
} from '$lib/store/shots';
import { appStatus } from './app-status.svelte';
import { ShotEdits, upsertConflict, type ShotWrite } from './shot-edits';
import { FIELD_WORDS, ShotChanges, type ShotChangeCounts } from './shot-changes';

/** How long typing rests before it is written. */
export const TYPING_DEBOUNCE_MS = 400;
/** The longest streamed or typed project text waits before it is written anyway. */
const TEXT_MAX_WAIT_MS = 1000;

/** Project fields typed as text and written after a pause. */
type ProjectTextField = 'title' | 'context';

type ShotValue = Shot[EditableShotField];

/** A step as its maker describes it; its id and time are added when it is recorded. */
export type NewStep = Omit<HistoryStep, 'id' | 'time'> & { time?: number };

const TEXT_FIELD_WORDS: Record<ProjectTextField, string> = {
	title: 'rename the storyboard',
	context: 'edit the context'
};

/**
 * One open storyboard: its shots as the person sees them, with edits written to the store
 * as they happen (typing debounced), flushed when the page hides, and checked against what
 * other tabs wrote so nobody's edit is silently overwritten.
 */
export class ProjectState {
	project = $state.raw<Project | undefined>(undefined);
	shots = $state<Shot[]>([]);
	status = $state<'loading' | 'ready' | 'missing'>('loading');
	/** Fields another tab changed while this one had unsaved edits on them, per shot. */
	conflicts = $state<Record<string, ShotConflict[]>>({});
	/** Unsaved edits exist (waiting for the debounce, in flight, or failed). */
	dirty = $state(false);
	/** The scene description as the person sees it (may be ahead of the store while typing). */
	context = $state('');
	/** The title as the person sees it (may be ahead of the store while typing). */
	title = $state('');
	/** The activity log, newest first. */
	logs = $state.raw<LogEntry[]>([]);
	/** Whether the shots show as the board of frames or the list of forms. */
	readonly shotView = $derived<ShotView>(this.project?.shotView ?? DEFAULT_SHOT_VIEW);
	readonly totalDurationS = $derived(this.shots.reduce((sum, shot) => sum + shot.durationS, 0));
	/** The storyboard's undo history, as saved. */
	#history = $state.raw<History>(emptyHistory());
	/** What "Undo" would undo ("delete shot 3"), or undefined when nothing can be. */
	readonly undoLabel = $derived(this.#history.undo.at(-1)?.label);
	/** What "Redo" would do again. */
	readonly redoLabel = $derived(this.#history.redo.at(-1)?.label);
	/** The last undo or redo in words, for people who do not see the page change. */
	historyNote = $state('');

	readonly id: string;
	/** This tab's edits against what the store holds. */
	#edits = new ShotEdits();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#flushing: Promise<void> = Promise.resolve();
	/** Project text typed (or streamed) and not yet written. */
	#textPending: Partial<Record<ProjectTextField, string>> = {};
	#textTimer: ReturnType<typeof setTimeout> | undefined;
	#textDirtySince = 0;
	/** Sampled frames' pictures by asset id, so a new frame does not make every frame be read again. */
	#framePictures = new Map<string, Blob>();
	/** When typing into each field (shot id and field, or the project field) began and last went on. */
	#typing = new Map<string, { startedAt: number; last: number }>();
	/** Undo labels given with an edit, by shot and field, until the edit is recorded. */
	#stepLabels = new Map<string, string>();
	/** Project text written without a step of its own (streamed in; its maker records the step). */
	#unrecordedText = new Set<ProjectTextField>();
	/** The shot writes of the action running now, to become one step. */
	#changes: ShotChanges | undefined;
	/** Undo and redo run one after another. */
	#moving: Promise<void> = Promise.resolve();
	#historyListeners = new Set<() => void>();

	constructor(id: string) {
		this.id = id;
	}

	/** Load the storyboard and follow what other tabs do to it; returns the stop function. */
	start(): () => void {
		void this.load();
		const stopListening = onOtherTabChange((change) => {
			if (change.scope === 'project' && change.projectId === this.id) void this.refresh();
		});
		const stopRetry = appStatus.onRetry(() => this.flush());
		const flushNow = () => void this.flush();
		const onVisibility = () => document.visibilityState === 'hidden' && flushNow();
		document.addEventListener('visibilitychange', onVisibility);
		window.addEventListener('pagehide', flushNow);
		return () => {
			stopListening();
			stopRetry();
			document.removeEventListener('visibilitychange', onVisibility);
			window.removeEventListener('pagehide', flushNow);
			void this.flush();
		};
	}

	async load(): Promise<void> {
		const project = await getProject(this.id);
		if (!project) {
			this.status = 'missing';
			return;
		}
		this.project = project;
		this.context = project.context;
		this.title = project.title;
		const shots = await listShots(this.id);
		this.#edits.reset(shots);
		this.shots = shots.map((shot) => ({ ...shot }));
		this.logs = await listLogs(this.id).catch(() => []);
		this.#history = await readHistory(this.id).catch(() => emptyHistory());
		this.status = 'ready';
	}

	/**
	 * Re-read after another tab wrote. Fields with unsaved edits here keep the local value;
	 * if the other tab changed such a field too, it becomes a conflict the person settles.
	 */
	async refresh(): Promise<void> {
		const project = await getProject(this.id);
		if (!project) {
			this.status = 'missing';
			return;
		}
		this.project = project;
		if (!('context' in this.#textPending)) this.context = project.context;
		if (!('title' in this.#textPending)) this.title = project.title;
		this.logs = await listLogs(this.id).catch(() => this.logs);
		this.#history = await readHistory(this.id).catch(() => this.#history);
		const merged = this.#edits.merge(await listShots(this.id), this.conflicts);
		this.shots = merged.shots;
		this.conflicts = merged.conflicts;
	}

	/**
	 * A person changed a field; text fields are written after a pause, others at once. `label`
	 * names the undo step when "edit the … of shot N" would not say what happened.
	 */
	edit(
		shotId: string,
		field: EditableShotField,
		value: ShotValue,
		{ debounce = false, label }: { debounce?: boolean; label?: string } = {}
	): void {
		const shot = this.shots.find((s) => s.id === shotId);
		if (!shot) return;
		if (label) this.#stepLabels.set(`${shotId}:${field}`, label);
		else this.#stepLabels.delete(`${shotId}:${field}`);
		setField(shot, field, value);
		this.#edits.edit(shotId, field, value);
		if (debounce) this.#typed(`${shotId}:${field}`);
		this.dirty = true;
		clearTimeout(this.#timer);
		if (debounce) this.#timer = setTimeout(() => void this.flush(), TYPING_DEBOUNCE_MS);
		else void this.flush();
	}

	/** Write every pending edit now; edits that fail stay pending and visible. */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		clearTimeout(this.#textTimer);
		this.#flushing = this.#flushing.then(async () => {
			await this.#writeText();
			await this.#writePending();
		});
		return this.#flushing;
	}

	/**
	 * The scene description changed (typed, or streamed in); written after a pause. Text that
	 * is not `typed` makes no undo step of its own: whoever streams it in records one.
	 */
	setContext(text: string, { debounce = true, typed = true } = {}): void {
		this.context = text;
		if (typed) {
			this.#unrecordedText.delete('context');
			this.#typed('project:context');
		} else this.#unrecordedText.add('context');
		this.#typeText('context', text, debounce);
	}

	/** The person typed in the title; written after a pause, like every other field. */
	typeTitle(text: string): void {
		this.title = text;
		this.#typed('project:title');
		this.#typeText('title', text, true);
	}

	#typeText(field: ProjectTextField, value: string, debounce: boolean): void {
		if (Object.keys(this.#textPending).length === 0) this.#textDirtySince = Date.now();
		this.#textPending[field] = value;
		this.dirty = true;
		clearTimeout(this.#textTimer);
		// Text that keeps coming (a stream, fast typing) is still written at least once a second.
		const overdue = Date.now() - this.#textDirtySince >= TEXT_MAX_WAIT_MS;
		if (debounce && !overdue)
			this.#textTimer = setTimeout(() => void this.flush(), TYPING_DEBOUNCE_MS);
		else void this.flush();
	}

	async #writeText(): Promise<void> {
		const patch = this.#textPending;
		if (Object.keys(patch).length === 0) return;
		this.#textPending = {};
		const was = this.project;
		const result = await appStatus.guardWrite(() => updateProject(this.id, patch));
		// Put back what failed, under anything typed since.
		if (!result.ok) this.#textPending = { ...patch, ...this.#textPending };
		else if (result.value) {
			this.project = result.value;
			for (const field of Object.keys(patch) as ProjectTextField[]) {
				if (this.#unrecordedText.has(field) || !was) continue;
				await this.#recordTyping(`project:${field}`, {
					label: TEXT_FIELD_WORDS[field],
					before: { project: { [field]: was[field] } },
					after: { project: { [field]: result.value[field] } }
				});
			}
		}
		this.dirty = Object.keys(this.#textPending).length > 0 || this.#edits.hasPending;
	}

	/**
	 * Show a sampled frame the video panel has just saved (with the project as saved with it),
	 * without reading the project or any frame back.
	 */
	showSampledFrame(project: Project, assetId: string, picture: Blob): void {
		this.#framePictures.set(assetId, picture);
		this.project = project;
	}

	/** The clip's sampled frames (context frames in clip order, and the middle frame), as saved. */
	async clipFrames(): Promise<{ context: Blob[]; middle?: Blob }> {
		const record = videoIntakeOf(this.project);
		const load = async (assetId: string) => {
			const known = this.#framePictures.get(assetId);
			if (known) return known;
			const blob = (await getAsset(assetId))?.blob;
			if (blob) this.#framePictures.set(assetId, blob);
			return blob;
		};
		const context = (
			await Promise.all(
				record.frames
					.filter((frame) => frame.role === 'context')
					.sort((a, b) => a.timeS - b.timeS)
					.map((frame) => load(frame.assetId))
			)
		).filter((blob): blob is Blob => blob !== undefined);
		const middleId = record.frames.find((frame) => frame.role === 'middle')?.assetId;
		const middle = middleId ? await load(middleId) : undefined;
		return middle ? { context, middle } : { context };
	}

	/** Save the shot count the director is asked for. */
	/** The frame shape renders are asked for. */
	async setAspectRatio(aspectRatio: AspectRatio): Promise<void> {
		const result = await appStatus.guardWrite(() => updateProject(this.id, { aspectRatio }));
		if (result.ok && result.value) this.project = result.value;
	}

	/** Show the shots as the board or the list, remembered for this storyboard. */
	async setShotView(view: ShotView): Promise<void> {
		if (!this.project || this.shotView === view) return;
		this.project = { ...this.project, shotView: view };
		const result = await appStatus.guardWrite(() => updateProject(this.id, { shotView: view }));
		if (result.ok && result.value) this.project = result.value;
	}

	/** Set or clear (undefined) the storyboard's spending cap in USD. */
	async setSpendingCap(usd: number | undefined): Promise<void> {
		const cap = usd !== undefined && Number.isFinite(usd) && usd > 0 ? usd : undefined;
		const result = await appStatus.guardWrite(() =>
			updateProject(this.id, { spendingCapUsd: cap })
		);
		if (result.ok && result.value) this.project = result.value;
	}

	async setShotCount(count: number): Promise<void> {
		const result = await appStatus.guardWrite(() => updateProject(this.id, { shotCount: count }));
		if (result.ok && result.value) this.project = result.value;
	}

	/** Add to the running cost of this storyboard. */
	async addCost(usd: number): Promise<void> {
		const result = await appStatus.guardWrite(() => addProjectCost(this.id, usd));
		if (result.ok && result.value) this.project = result.value;
	}

	/** Add a line to the activity log (kept, newest 100 shown). */
	async log(level: LogLevel, message: string): Promise<void> {
		const result = await appStatus.guardWrite(() => appendLog(this.id, level, message));
		if (result.ok) this.logs = [result.value, ...this.logs].slice(0, 100);
	}

	/** Save a shot the director just wrote, at the end of the storyboard. */
	async appendShot(fields: Partial<Shot>): Promise<Shot | undefined> {
		const result = await appStatus.guardWrite(() => addShot(this.id, fields));
		if (!result.ok) return undefined;
		this.#edits.stored(result.value);
		this.#changes?.note(null, result.value);
		this.shots = [...this.shots, { ...result.value }];
		return result.value;
	}

	/** Replace a shot's fields with new ones (a regenerated shot), over any unsaved edits. */
	async replaceShotFields(shotId: string, fields: ShotFields): Promise<boolean> {
		await this.flush();
		const view = this.shots.find((shot) => shot.id === shotId);
		const before = view ? $state.snapshot(view) : null;
		const result = await appStatus.guardWrite(() => updateShot(shotId, fields));
		if (!result.ok || result.value.status !== 'saved') return false;
		const saved = result.value.shot;
		this.#edits.stored(saved);
		this.#changes?.note(before, saved);
		this.shots = this.shots.map((shot) => (shot.id === shotId ? { ...saved } : shot));
		return true;
	}

	/** Delete several shots at once (the old set after a new one was generated). */
	async removeShots(shotIds: readonly string[]): Promise<Shot[]> {
		const removed: Shot[] = [];
		for (const id of shotIds) {
			const result = await appStatus.guardWrite(() => deleteShot(id));
			if (result.ok && result.value) {
				removed.push(result.value);
				this.#changes?.note(result.value, null);
			}
			this.#edits.forget(id);
		}
		this.shots = this.shots.filter((shot) => !shotIds.includes(shot.id));
		return removed;
	}

	/**
	 * Run an action made of several shot writes (generate, retime, shots from cuts) and record
	 * all it did as one undo step, even when it stops part way. `label` names the step from
	 * what it did. Returns the work's value and the step's id (for a toast's "Undo").
	 */
	async changeShots<T>(
		label: (counts: ShotChangeCounts) => string,
		work: () => Promise<T>
	): Promise<{ value: T; stepId: string | undefined }> {
		await this.flush();
		// An action inside another one is part of the outer step.
		if (this.#changes) return { value: await work(), stepId: undefined };
		const changes = new ShotChanges();
		this.#changes = changes;
		let value: T;
		let stepId: string | undefined;
		try {
			value = await work();
		} finally {
			this.#changes = undefined;
			const sides = changes.sides();
			if (sides) stepId = await this.recordStep({ label: label(sides.counts), ...sides });
		}
		return { value, stepId };
	}

	/**
	 * Make other records' changes part of the step of the action running now (the members a
	 * director run proposes undo with its shots); false when no action runs.
	 */
	includeInStep(before: Snapshot, after: Snapshot): boolean {
		if (!this.#changes) return false;
		this.#changes.include(before, after);
		return true;
	}

	/** Set who of the cast is in a shot (in the order they matter), as one step named `label`. */
	async setCast(shotId: string, cast: readonly string[], label: string): Promise<void> {
		await this.changeShots(
			() => label,
			() => this.replaceShotFields(shotId, { cast: [...cast] })
		);
	}

	/** Set shots' durations (from the clip's cuts) as one step; returns how many changed. */
	async retime(
		timings: readonly { shotId: string; durationS: number }[]
	): Promise<{ changed: number; stepId: string | undefined }> {
		const { value, stepId } = await this.changeShots(
			({ changed }) => `time ${countShots(changed)} to the clip`,
			async () => {
				let changed = 0;
				for (const timing of timings) {
					if (await this.replaceShotFields(timing.shotId, { durationS: timing.durationS }))
						changed++;
				}
				return changed;
			}
		);
		return { changed: value, stepId };
	}

	/** Add a step to the storyboard's history (saved at once); returns its id. */
	async recordStep(step: NewStep): Promise<string | undefined> {
		const full: HistoryStep = { ...step, id: newId(), time: step.time ?? Date.now() };
		const result = await appStatus.guardWrite(() => recordHistoryStep(this.id, full));
		if (!result.ok) return undefined;
		this.#history = result.value;
		return full.id;
	}

	/** Undo the newest step. */
	undo(): Promise<void> {
		return this.#moveHistory('undo');
	}

	/** Do the newest undone step again. */
	redo(): Promise<void> {
		return this.#moveHistory('redo');
	}

	/** Undo one step from its toast: only while it is still the newest. */
	undoStep(stepId: string | undefined): Promise<void> {
		if (!stepId) return Promise.resolve();
		return this.#moveHistory('undo', stepId);
	}

	/** Be told after an undo or redo changed the storyboard (styles and takes re-read). */
	onHistoryMove(listener: () => void): () => void {
		this.#historyListeners.add(listener);
		return () => this.#historyListeners.delete(listener);
	}

	#moveHistory(direction: 'undo' | 'redo', stepId?: string): Promise<void> {
		this.#moving = this.#moving.then(async () => {
			// What was typed becomes its own step first, so it is what gets undone.
			await this.flush();
			const result = await appStatus.guardWrite(() =>
				direction === 'undo' ? undoHistory(this.id, stepId) : redoHistory(this.id)
			);
			if (!result.ok) return;
			const { history, step, skipped } = result.value;
			this.#history = history;
			if (!step) {
				// A step already undone (from the header) needs nothing more.
				const undone = history.redo.some((other) => other.id === stepId);
				if (stepId && !undone)
					appStatus.toast({
						message: 'Newer changes came after it: use Undo at the top, one step at a time.'
					});
				return;
			}
			await this.refresh();
			for (const listener of this.#historyListeners) listener();
			this.historyNote = `${direction === 'undo' ? 'Undid' : 'Redid'} ${step.label}.`;
			if (skipped > 0)
				appStatus.toast({
					message: `${this.historyNote} ${skipped === 1 ? 'One field' : `${skipped} fields`} changed since and kept the newer value.`
				});
		});
		return this.#moving;
	}

	/** Note a keystroke in a field, for merging typing into one step. */
	#typed(key: string): void {
		const now = Date.now();
		const known = this.#typing.get(key);
		this.#typing.set(key, { startedAt: known?.startedAt ?? now, last: now });
	}

	/** Record a written edit; typing carries its keystroke times so near keystrokes merge. */
	async #recordTyping(key: string, step: NewStep): Promise<void> {
		const typing = this.#typing.get(key);
		this.#typing.delete(key);
		await this.recordStep(
			typing ? { ...step, mergeKey: key, startedAt: typing.startedAt, time: typing.last } : step
		);
	}

	/** Each field a shot write saved becomes a step ("edit the description of shot 2"). */
	async #recordEdits(write: ShotWrite, saved: Shot): Promise<void> {
		const number = this.shots.findIndex((shot) => shot.id === write.shotId) + 1;
		for (const field of Object.keys(write.patch) as EditableShotField[]) {
			const key = `${write.shotId}:${field}`;
			const label = this.#stepLabels.get(key);
			this.#stepLabels.delete(key);
			await this.#recordTyping(key, {
				label: label ?? `edit the ${FIELD_WORDS[field]} of shot ${number}`,
				before: { shots: { [write.shotId]: { [field]: write.base[field] ?? null } } },
				after: { shots: { [write.shotId]: { [field]: saved[field] ?? null } } }
			});
		}
	}

	async #writePending(): Promise<void> {
		for (const write of this.#edits.writes(this.conflicts)) {
			const result = await appStatus.guardWrite(() =>
				updateShot(write.shotId, write.patch, write.base)
			);
			if (!result.ok) {
				this.#edits.unsaved(write);
				break;
			}
			const update = result.value;
			if (update.status === 'saved') {
				this.#edits.saved(write, update.shot);
				await this.#recordEdits(write, update.shot);
			} else if (update.status === 'missing') this.#edits.discard(write);
			else {
				this.#edits.unsaved(write);
				let list = this.conflicts[write.shotId];
				for (const conflict of update.conflicts) list = upsertConflict(list, conflict);
				this.conflicts = { ...this.conflicts, [write.shotId]: list ?? [] };
			}
		}
		this.dirty = this.#edits.hasPending;
	}

	/** Settle a conflict: keep this tab's value (written over theirs) or take theirs. */
	async resolveConflict(
		shotId: string,
		field: EditableShotField,
		keep: 'mine' | 'theirs'
	): Promise<void> {
		const conflict = this.conflicts[shotId]?.find((c) => c.field === field);
		if (!conflict) return;
		const remaining = (this.conflicts[shotId] ?? []).filter((c) => c.field !== field);
		this.conflicts = { ...this.conflicts, [shotId]: remaining };
		this.#edits.drop(shotId, field);
		if (keep === 'theirs') {
			const shot = this.shots.find((s) => s.id === shotId);
			if (shot) setField(shot, field, conflict.theirs as ShotValue);
			return;
		}
		this.edit(shotId, field, conflict.mine as ShotValue);
		this.#edits.rebase(shotId, field, conflict.theirs as ShotValue);
		await this.flush();
	}

	async addShot(): Promise<Shot | undefined> {
		await this.flush();
		const result = await appStatus.guardWrite(() => addShot(this.id));
		if (!result.ok) return undefined;
		const added = result.value;
		this.#edits.stored(added);
		this.shots = [...this.shots, { ...added }];
		await this.recordStep({
			label: `add shot ${this.shots.length}`,
			before: { shots: { [added.id]: null } },
			after: { shots: { [added.id]: added } }
		});
		return added;
	}

	/** Move a shot to a new position and save the order. */
	async move(from: number, to: number): Promise<void> {
		if (from === to || to < 0 || to >= this.shots.length) return;
		await this.flush();
		await this.#reorder(moveItem(this.shots, from, to), `move shot ${from + 1} to ${to + 1}`);
	}

	/** Move several shots together to the start or the end, keeping their order (one step). */
	async moveShots(shotIds: readonly string[], where: 'start' | 'end'): Promise<void> {
		const chosen = new Set(shotIds);
		const moving = this.shots.filter((shot) => chosen.has(shot.id));
		if (moving.length === 0) return;
		await this.flush();
		const staying = this.shots.filter((shot) => !chosen.has(shot.id));
		const order = where === 'start' ? [...moving, ...staying] : [...staying, ...moving];
		if (order.every((shot, index) => shot === this.shots[index])) return;
		await this.#reorder(order, `move ${countShots(moving.length)} to the ${where}`);
	}

	/** Show and save a new order of the shots, recorded as one step. */
	async #reorder(order: Shot[], label: string): Promise<void> {
		const before = $state.snapshot(this.shots) as Shot[];
		this.shots = order.map((shot, index) => ({ ...shot, order: index }));
		const ids = this.shots.map((s) => s.id);
		const result = await appStatus.guardWrite(() => reorderShots(this.id, ids));
		if (result.ok) {
			// Looked up by id: a find per shot made a move on a 2,000-shot board take seconds.
			const views = new Map(this.shots.map((shot) => [shot.id, shot]));
			for (const shot of result.value) {
				this.#edits.stored(shot);
				const view = views.get(shot.id);
				if (view && view.revision !== shot.revision) view.revision = shot.revision;
			}
			const sides = diffRecords(before, result.value, ['order']);
			await this.recordStep({
				label,
				before: { shots: sides.before },
				after: { shots: sides.after }
			});
		}
	}

	/** Delete several shots as one step, with an "Undo" toast that brings them all back. */
	async deleteShots(shotIds: readonly string[]): Promise<void> {
		if (shotIds.length === 0) return;
		const { value: removed, stepId } = await this.changeShots(
			({ removed }) => `delete ${countShots(removed)}`,
			() => this.removeShots(shotIds)
		);
		if (removed.length === 0) return;
		appStatus.toast({
			message: `Deleted ${countShots(removed.length)}.`,
			actionLabel: 'Undo',
			action: () => this.undoStep(stepId)
		});
	}

	/** Delete a shot (one undo step), with an "Undo" toast that puts it back. */
	async removeShot(shotId: string): Promise<void> {
		// Write what was typed first, so "Undo" brings back the shot as the person last saw it.
		await this.flush();
		const position = this.shots.findIndex((s) => s.id === shotId) + 1;
		const result = await appStatus.guardWrite(() => deleteShot(shotId));
		if (!result.ok || !result.value) return;
		const removed = result.value;
		this.#edits.forget(shotId);
		this.shots = this.shots.filter((s) => s.id !== shotId);
		const stepId = await this.recordStep({
			label: `delete shot ${position}`,
			before: { shots: { [shotId]: removed } },
			after: { shots: { [shotId]: null } }
		});
		appStatus.toast({
			message: `Deleted shot ${position}${removed.title ? `: ${removed.title}` : ''}.`,
			actionLabel: 'Undo',
			action: () => this.undoStep(stepId)
		});
	}

	/** Show the title as saved (cleaned: trimmed, never empty) once the person leaves it. */
	async settleTitle(): Promise<void> {
		await this.flush();
		if (this.project && !('title' in this.#textPending)) this.title = this.project.title;
	}
}

function setField<T extends object>(target: T, field: EditableShotField, value: ShotValue): void {
	(target as Record<string, unknown>)[field] = value;
}

const KEY = Symbol('project');

/** Share the open storyboard with the workspace's components. */
export function setProjectContext(state: ProjectState): ProjectState {
	return setContext(KEY, state);
}

/** The open storyboard, from a component inside the workspace. */
export function getProjectContext(): ProjectState {
	return getContext<ProjectState>(KEY);
}
