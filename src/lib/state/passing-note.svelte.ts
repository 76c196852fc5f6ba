/** How long a finished step's line stays: as long as a toast. */
export const PASSING_NOTE_MS = 8000;

/**
 * A line that belongs to its moment ("5 shots written."): shown for a few seconds, and only
 * while what it says is still true (`holds`, read reactively), then gone, so no status line
 * outlives its truth.
 */
export class PassingNote {
	#text = $state('');
	#holds: (() => boolean) | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** The line, or '' once it expired or stopped being true. */
	get text(): string {
		if (!this.#text) return '';
		return this.#holds && !this.#holds() ? '' : this.#text;
	}

	/** Show `text` for `ms`, and only while `holds()` (when given) is true. */
	show(text: string, options: { ms?: number; holds?: () => boolean } = {}): void {
		this.clear();
		this.#holds = options.holds;
		this.#text = text;
		this.#timer = setTimeout(() => this.clear(), options.ms ?? PASSING_NOTE_MS);
	}

	clear(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#holds = undefined;
		this.#text = '';
	}
}
