/** How many of the latest progress steps the speed is measured over (a moving window). */
const WINDOW = 4;

interface Sample {
	/** Units done at `at`. */
	done: number;
	/** Milliseconds, on the clock passed in. */
	at: number;
}

/**
 * Time left for a task counted in units (tiles, images), from its measured speed: units done
 * over the time they took, across the last few steps, so one fast or slow step (or several
 * finishing at once) moves the estimate only a little. No estimate before the first unit is
 * done after the start; never negative. A restart (fewer done than before, or a new total)
 * starts the measurement again.
 */
export class TimeLeftEstimator {
	#samples: Sample[] = [];
	#total = 0;

	/** Units done of `total` at time `at` (ms); call at the start with 0 done. */
	update(done: number, total: number, at: number): void {
		const last = this.#samples.at(-1);
		if (!last || total !== this.#total || done < last.done) {
			this.#samples = [{ done, at }];
			this.#total = total;
			return;
		}
		if (done === last.done) return;
		this.#samples.push({ done, at });
		if (this.#samples.length > WINDOW + 1) this.#samples.shift();
	}

	/** Units per second over the window, or undefined before a unit was measured. */
	get unitsPerSecond(): number | undefined {
		const first = this.#samples[0];
		const last = this.#samples.at(-1);
		if (!first || !last || last === first || last.at <= first.at) return undefined;
		return ((last.done - first.done) * 1000) / (last.at - first.at);
	}

	/**
	 * Seconds left at time `now`: the units left at the measured speed, less the time since the
	 * last step (so it counts down between steps), never below zero; undefined before a measurement.
	 */
	secondsLeft(now: number): number | undefined {
		const rate = this.unitsPerSecond;
		const last = this.#samples.at(-1);
		if (rate === undefined || !last || rate <= 0) return undefined;
		const left = (this.#total - last.done) / rate - Math.max(0, now - last.at) / 1000;
		return Math.max(0, left);
	}
}

/**
 * A bar's fraction (0 to 1) that never goes backwards: a restart (a smaller tile size after
 * running out of memory) holds the bar where it was until the new attempt passes it.
 */
export class ForwardFraction {
	#value = 0;

	/** The fraction after `done` of `total`; never less than before. */
	update(done: number, total: number): number {
		const next = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
		this.#value = Math.max(this.#value, next);
		return this.#value;
	}

	get value(): number {
		return this.#value;
	}
}

/** "about 40 s left", "about 3 min left", "a few seconds left"; "" without an estimate. */
export function formatTimeLeft(seconds: number | undefined): string {
	if (seconds === undefined || !Number.isFinite(seconds)) return '';
	if (seconds < 5) return 'a few seconds left';
	if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
	if (seconds < 90) return 'about 1 min left';
	if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.round((seconds % 3600) / 60);
	return `about ${hours} h ${minutes} min left`;
}

/** Elapsed time as "0:07", "1:05", "1:02:03", for a clock that ticks every second. */
export function formatElapsed(ms: number): string {
	const whole = Math.max(0, Math.floor(ms / 1000));
	const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
