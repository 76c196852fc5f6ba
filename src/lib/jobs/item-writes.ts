import type { ItemPatch, JobItemPatch } from '$lib/store/jobs';

/** Saves a batch of item changes; false when the batch was not saved. */
export type WriteItemPatches = (patches: readonly ItemPatch[]) => Promise<boolean>;

interface Pending extends ItemPatch {
	resolve: (saved: boolean) => void;
}

/**
 * Item changes made in the same moment (before the next microtask checkpoint) go out in one
 * write, and every write starts at once, in the order its changes were made. Nothing waits
 * for an earlier write to finish: IndexedDB runs transactions in the order they were opened,
 * so an item's "running" mark is queued ahead of image writes that come after it.
 */
export class ItemWriteQueue {
	readonly #write: WriteItemPatches;
	#pending: Pending[] = [];

	constructor(write: WriteItemPatches) {
		this.#write = write;
	}

	/** Queue one change; resolves once it is saved (true) or its batch failed (false). */
	save(key: string, patch: JobItemPatch): Promise<boolean> {
		return new Promise((resolve) => {
			if (this.#pending.length === 0) queueMicrotask(() => this.#flush());
			this.#pending.push({ key, patch, resolve });
		});
	}

	#flush(): void {
		const batch = this.#pending;
		this.#pending = [];
		const patches = batch.map(({ key, patch }) => ({ key, patch }));
		let written: Promise<boolean>;
		try {
			written = this.#write(patches);
		} catch {
			written = Promise.resolve(false);
		}
		void written
			.catch(() => false)
			.then((saved) => {
				for (const { resolve } of batch) resolve(saved);
			});
	}
}
