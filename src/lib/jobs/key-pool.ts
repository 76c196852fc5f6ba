/** Default rest for a key that hit a rate limit (429) or ran out of credits (402). */
export const DEFAULT_KEY_REST_MS = 60_000;

/**
 * Several API keys used one at a time: the current key serves every request until it is
 * rested (after a 429 or 402), then the next key that is not resting takes over. A rested key
 * comes back on its own once its rest is over. One pool per style is the caller's choice.
 */
export class KeyPool {
	readonly #keys: string[];
	readonly #restingUntil = new Map<string, number>();
	readonly #restMs: number;
	#current = 0;

	constructor(keys: readonly string[], options: { restMs?: number } = {}) {
		this.#keys = [...new Set(keys.map((key) => key.trim()).filter((key) => key !== ''))];
		this.#restMs = Math.max(0, options.restMs ?? DEFAULT_KEY_REST_MS);
	}

	/** How many distinct keys the pool holds. */
	get size(): number {
		return this.#keys.length;
	}

	/** Whether a key is resting at `now`. */
	isResting(key: string, now = Date.now()): boolean {
		return (this.#restingUntil.get(key) ?? 0) > now;
	}

	/** The key to use now, or undefined when every key is resting (or there are none). */
	acquire(now = Date.now()): string | undefined {
		for (let step = 0; step < this.#keys.length; step++) {
			const index = (this.#current + step) % this.#keys.length;
			const key = this.#keys[index];
			if (key !== undefined && !this.isResting(key, now)) {
				this.#current = index;
				return key;
			}
		}
		return undefined;
	}

	/** Rest a key for `ms` (the pool's default when not given); a longer rest already set wins. */
	rest(key: string, ms: number = this.#restMs, now = Date.now()): void {
		if (!this.#keys.includes(key)) return;
		const until = now + Math.max(0, ms);
		this.#restingUntil.set(key, Math.max(until, this.#restingUntil.get(key) ?? 0));
	}

	/** When the first resting key wakes, if every key is resting; undefined otherwise. */
	nextWakeAt(now = Date.now()): number | undefined {
		if (this.#keys.length === 0 || this.acquire(now) !== undefined) return undefined;
		return Math.min(...this.#keys.map((key) => this.#restingUntil.get(key) ?? now));
	}
}
