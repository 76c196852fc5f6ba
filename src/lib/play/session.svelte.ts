import { scriptLines } from '$lib/domain/shot';
import type { ProjectState } from '$lib/state/project.svelte';
import {
	clipTimeAt,
	layersAt,
	loadPlayback,
	shotIndexAt,
	type Playback,
	type TimedShot
} from './client';
import { defaultPlayOptions, type PlayOptions } from './meta';

/** A shot as the player shows it: its place in time and an object URL for its picture or clip. */
export interface PlayerShot extends TimedShot {
	/** Undefined for a title card. */
	url?: string;
}

/**
 * The in-page player of the storyboard's animatic. Time follows `performance.now()` read on
 * each animation frame, never a sum of timer delays, so it keeps to the clock (and a test's
 * fake clock drives it). Object URLs of the pictures, clips and sound live while it is open.
 */
export class PlayerSession {
	isOpen = $state(false);
	loading = $state(false);
	error = $state<string | null>(null);
	options = $state<PlayOptions>({ ...defaultPlayOptions });
	playing = $state(false);
	elapsedS = $state(0);
	#playback = $state.raw<Playback | null>(null);
	#shots = $state.raw<PlayerShot[]>([]);
	#audioUrl = $state<string | undefined>();
	#origin = 0;
	#frame = 0;
	#loads = 0;
	readonly #board: ProjectState;

	/** Every shot in order with its picture's URL. */
	readonly shots = $derived(this.#shots);
	readonly durationS = $derived(this.#playback?.plan.durationS ?? 0);
	/** The shot seen now (the one whose cut has passed). */
	readonly index = $derived(this.#playback ? shotIndexAt(this.#playback.plan, this.elapsedS) : 0);
	readonly current = $derived<PlayerShot | undefined>(this.#shots[this.index]);
	/** The pictures on screen now, bottom first, with their opacity. */
	readonly layers = $derived(this.#playback ? layersAt(this.#playback.plan, this.elapsedS) : []);
	/** What the captions say now: the shot's lines of dialogue ("ANA: Run!"), if it has any. */
	readonly spokenLines = $derived(this.current ? scriptLines(this.current.shot.dialogue) : []);
	readonly styles = $derived(this.#playback?.styles ?? []);
	readonly hasSourceAudio = $derived(this.#playback?.hasSourceAudio ?? false);
	/** Width over height of the storyboard's frame. */
	readonly ratio = $derived(this.#playback?.ratio ?? 16 / 9);
	/** The source clip's sound and where it plays from now, when "Source sound" is on. */
	readonly sound = $derived.by(() => {
		const audio = this.#playback?.plan.audio;
		return audio && this.#audioUrl
			? { url: this.#audioUrl, timeS: audio.startS + this.elapsedS }
			: undefined;
	});

	constructor(board: ProjectState) {
		this.#board = board;
	}

	/** Open the player on the saved storyboard and start playing from the beginning. */
	async open(): Promise<void> {
		this.isOpen = true;
		this.elapsedS = 0;
		await this.#load();
		if (this.isOpen && this.#playback) this.play();
	}

	/** Stop and let go of every object URL. */
	close(): void {
		this.pause();
		this.isOpen = false;
		this.loading = false;
		this.#loads++;
		this.#release();
		this.#playback = null;
	}

	play(): void {
		if (!this.#playback || this.#shots.length === 0) return;
		if (this.elapsedS >= this.durationS) this.elapsedS = 0;
		this.#origin = performance.now() - this.elapsedS * 1000;
		this.playing = true;
		cancelAnimationFrame(this.#frame);
		this.#frame = requestAnimationFrame(this.#tick);
	}

	pause(): void {
		if (this.playing) this.#advance();
		this.playing = false;
		cancelAnimationFrame(this.#frame);
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	/** Go to a moment of the animatic (clamped to it); playing goes on from there. */
	seek(timeS: number): void {
		this.elapsedS = Math.min(Math.max(0, timeS), this.durationS);
		this.#origin = performance.now() - this.elapsedS * 1000;
	}

	/** Go to the start (the cut) of shot `index`. */
	seekShot(index: number): void {
		const shot = this.#shots[Math.min(Math.max(0, index), this.#shots.length - 1)];
		if (shot) this.seek(shot.startS);
	}

	next(): void {
		this.seekShot(this.index + 1);
	}

	previous(): void {
		this.seekShot(this.index - 1);
	}

	/** Where a shot's video clip should be now. */
	clipTime(shot: PlayerShot): number {
		return clipTimeAt(shot, this.elapsedS);
	}

	/** Change an option; the style and the sound change what plays, so the plan is read again. */
	async setOptions(changes: Partial<PlayOptions>): Promise<void> {
		const replan = changes.styleId !== undefined || changes.sourceSound !== undefined;
		this.options = { ...this.options, ...changes };
		if (replan && this.isOpen) await this.#load();
	}

	#tick = () => {
		if (!this.playing) return;
		this.#advance();
		if (this.elapsedS >= this.durationS) this.playing = false;
		else this.#frame = requestAnimationFrame(this.#tick);
	};

	#advance(): void {
		this.elapsedS = Math.min((performance.now() - this.#origin) / 1000, this.durationS);
	}

	async #load(): Promise<void> {
		const load = ++this.#loads;
		this.loading = true;
		this.error = null;
		try {
			await this.#board.flush();
			const playback = await loadPlayback(this.#board.id, this.options);
			if (load !== this.#loads) return;
			this.#release();
			this.#playback = playback;
			this.#shots = playback.plan.shots.map((shot) =>
				shot.source.kind === 'title'
					? shot
					: { ...shot, url: URL.createObjectURL(shot.source.blob) }
			);
			const audio = playback.plan.audio;
			this.#audioUrl = audio ? URL.createObjectURL(audio.blob) : undefined;
			this.seek(this.elapsedS);
		} catch (error) {
			if (load === this.#loads) {
				this.error = `The storyboard could not be played: ${error instanceof Error ? error.message : String(error)}`;
			}
		} finally {
			if (load === this.#loads) this.loading = false;
		}
	}

	#release(): void {
		for (const shot of this.#shots) if (shot.url) URL.revokeObjectURL(shot.url);
		if (this.#audioUrl) URL.revokeObjectURL(this.#audioUrl);
		this.#shots = [];
		this.#audioUrl = undefined;
	}
}
