/**
 * A sliding-window limiter: at most `limit` starts in any `windowMs` span. Share one between
 * jobs that call the same endpoint so their requests count together. A limit of 0 means none.
 */
export class RateLimiter {
	readonly #starts: number[] = [];

	constructor(
		public limit: number,
		readonly windowMs = 60_000
	) {}

	#forget(now: number): void {
		while (this.#starts.length > 0 && (this.#starts[0] ?? 0) <= now - this.windowMs) {
			this.#starts.shift();
		}
	}

	/** Milliseconds until another start is allowed; 0 when one is allowed now. */
	waitMs(now = Date.now()): number {
		if (!(this.limit > 0) || !Number.isFinite(this.limit)) return 0;
		this.#forget(now);
		if (this.#starts.length < this.limit) return 0;
		const oldestCounted = this.#starts[this.#starts.length - this.limit] ?? now;
		return Math.max(0, oldestCounted + this.windowMs - now);
	}

	/** Count a start made at `now`. */
	record(now = Date.now()): void {
		this.#starts.push(now);
	}
}
