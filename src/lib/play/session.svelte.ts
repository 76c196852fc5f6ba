import { scriptLines } from '$lib/domain/shot';
import type { ProjectState } from '$lib/state/project.svelte';
import {
	beatIndexAt,
	clipTimeAt,
	layersAt,
	loadPlayback,
	type Playback,
	type TimedBeat
} from './client';
import { defaultPlayOptions, type PlayOptions } from './meta';
import { shotSpans } from './spans';

export type { ShotSpan } from './spans';

/** A beat as the player shows it: its place in time and an object URL for its picture or clip. */
export interface PlayerBeat extends TimedBeat {
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
	#beats = $state.raw<PlayerBeat[]>([]);
	#audioUrl = $state<string | undefined>();
	#origin = 0;
	#frame = 0;
	#loads = 0;
	readonly #board: ProjectState;

	/** Every beat of every shot in order with its picture's URL. */
	readonly beats = $derived(this.#beats);
	/** The shots as the timeline marks them: where each starts and ends, and its beats' cuts. */
	readonly shots = $derived(shotSpans(this.#beats));
	readonly durationS = $derived(this.#playback?.plan.durationS ?? 0);
	/** The beat seen now (the one whose cut has passed). */
	readonly index = $derived(this.#playback ? beatIndexAt(this.#playback.plan, this.elapsedS) : 0);
	readonly current = $derived<PlayerBeat | undefined>(this.#beats[this.index]);
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
		if (!this.#playback || this.#beats.length === 0) return;
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

	/** Go to the start (the cut) of beat `index`, counted over every shot's beats. */
	seekBeat(index: number): void {
		const beat = this.#beats[Math.min(Math.max(0, index), this.#beats.length - 1)];
		if (beat) this.seek(beat.startS);
	}

	/** Step to the next panel: the next beat, which is the next shot's first when this is its last. */
	next(): void {
		this.seekBeat(this.index + 1);
	}

	previous(): void {
		this.seekBeat(this.index - 1);
	}

	/** Where a beat's video clip should be now. */
	clipTime(beat: PlayerBeat): number {
		return clipTimeAt(beat, this.elapsedS);
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
			this.#beats = playback.plan.beats.map((beat) =>
				beat.source.kind === 'title'
					? beat
					: { ...beat, url: URL.createObjectURL(beat.source.blob) }
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
		for (const beat of this.#beats) if (beat.url) URL.revokeObjectURL(beat.url);
		if (this.#audioUrl) URL.revokeObjectURL(this.#audioUrl);
		this.#beats = [];
		this.#audioUrl = undefined;
	}
}
