import type { ChangeSeries } from '$lib/media/meta';
import { frameTimeOf, timeBaseOf, type TimeBase } from './change-pass';
import { ChangeMeter, THUMB_BYTES } from './frame-diff';

/**
 * Pairs the two streams of a change pass, the frame times ffmpeg logs (showinfo) and the
 * thumbnails it writes, into one change series, across passes resumed after a crash.
 *
 * Within a pass the n-th logged frame is the n-th thumbnail, but the two arrive separately and
 * either may run ahead (bytes sit in ffmpeg's output buffer; a crash loses what was not yet
 * written). A frame is measured only once both its time and its bytes are in, so a crash never
 * leaves the two counts apart. A resumed pass starts at or a little before the last measured
 * frame: frames at or before it are dropped by their exact time, so a frame is neither missed
 * nor measured twice.
 */
export class ChangeRecorder {
	readonly #meter = new ChangeMeter();
	readonly #times: number[] = [];
	/** Time base of the current pass, from showinfo's config line. */
	#timeBase: TimeBase | undefined;
	#firstTimeS: number | undefined;
	/** Frames of this pass whose time is logged but whose bytes are not all in yet. */
	#waitingForBytes: number[] = [];
	/** Whole thumbnails of this pass whose time is not logged yet. */
	#waitingForTimes: Uint8Array[] = [];
	#partial = new Uint8Array(THUMB_BYTES);
	#filled = 0;

	/** Frames measured so far (time and thumbnail both in). */
	get count(): number {
		return this.#times.length;
	}

	/**
	 * Where the next pass starts, in seconds from the clip's start (ffmpeg's `-ss`): 0 for the
	 * first, otherwise just before the last measured frame. Forgets whatever of the stopped pass
	 * was not paired.
	 */
	startPass(): number {
		this.#waitingForBytes = [];
		this.#waitingForTimes = [];
		this.#filled = 0;
		this.#timeBase = undefined;
		const last = this.#times.at(-1);
		if (last === undefined) return 0;
		// The first frame's time stands in for the clip's start time (-ss counts from there); the
		// clip may start earlier (another stream), which only makes the pass start earlier.
		const fromStart = last - (this.#firstTimeS ?? 0);
		return Math.max(0, Math.floor(fromStart * 1000) / 1000 - 0.001);
	}

	/** Take one log line of the pass (lines other than showinfo's are ignored). */
	line(text: string): void {
		const timeBase = timeBaseOf(text);
		if (timeBase !== undefined) {
			this.#timeBase ??= timeBase;
			return;
		}
		const timeS = frameTimeOf(text, this.#timeBase);
		if (timeS === undefined) return;
		const bytes = this.#waitingForTimes.shift();
		if (bytes) this.#measure(timeS, bytes);
		else this.#waitingForBytes.push(timeS);
	}

	/** Take the next bytes the pass wrote, in any chunk sizes. */
	bytes(chunk: Uint8Array): void {
		let offset = 0;
		while (offset < chunk.length) {
			const take = Math.min(THUMB_BYTES - this.#filled, chunk.length - offset);
			this.#partial.set(chunk.subarray(offset, offset + take), this.#filled);
			this.#filled += take;
			offset += take;
			if (this.#filled < THUMB_BYTES) break;
			this.#filled = 0;
			const timeS = this.#waitingForBytes.shift();
			if (timeS !== undefined) this.#measure(timeS, this.#partial);
			else this.#waitingForTimes.push(this.#partial.slice());
		}
	}

	/**
	 * The measured frames: times (s from the clip's start, which is `startTimeS` on ffmpeg's
	 * timeline: an MPEG-TS clip from a camera often starts at 1.4 s or later), change scores and
	 * bridges, index by index.
	 */
	series(startTimeS = 0): ChangeSeries {
		return {
			timesS: Float64Array.from(this.#times, (t) => t - startTimeS),
			scores: Float32Array.from(this.#meter.scores),
			bridges: Float32Array.from(this.#meter.bridges)
		};
	}

	#measure(timeS: number, thumbnail: Uint8Array): void {
		// A resumed pass starts a little early: frames measured before are dropped.
		const last = this.#times.at(-1);
		if (last !== undefined && timeS <= last) return;
		this.#firstTimeS ??= timeS;
		this.#times.push(timeS);
		this.#meter.write(thumbnail);
	}
}
