import type { ItemPatch, JobItemPatch } from '$lib/store/jobs';

/** Saves a batch of item changes; false when the batch was not saved. */
export type WriteItemPatches = (patches: readonly ItemPatch[]) => Promise<boolean>;

interface Pending extends ItemPatch {
	resolve: (saved: boolean) => void;
}

/**
 * Item changes saved in as few writes as possible: one write at a time, and every change made
 * while a write is under way goes out together in the next one. With several items in flight
 * their "running" and "done" marks share transactions instead of queueing one by one, while
 * each change is still saved in the order it was made.
 */
export class ItemWriteQueue {
	readonly #write: WriteItemPatches;
	#pending: Pending[] = [];
	#writing: Promise<void> | undefined;

	constructor(write: WriteItemPatches) {
		this.#write = write;
	}

	/** Queue one change; resolves once it is saved (true) or its batch failed (false). */
	save(key: string, patch: JobItemPatch): Promise<boolean> {
		return new Promise((resolve) => {
			this.#pending.push({ key, patch, resolve });
			this.#writing ??= this.#drain();
		});
	}

	async #drain(): Promise<void> {
		while (this.#pending.length > 0) {
			const batch = this.#pending;
			this.#pending = [];
			let saved = false;
			try {
				saved = await this.#write(batch.map(({ key, patch }) => ({ key, patch })));
			} catch {
				saved = false;
			}
			for (const { resolve } of batch) resolve(saved);
		}
		this.#writing = undefined;
	}
}
