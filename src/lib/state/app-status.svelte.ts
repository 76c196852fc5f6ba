import { DatabaseOutdatedError, onDatabaseOutdated } from '$lib/store/db';
import { isQuotaError } from '$lib/store/quota';

/** A message with an optional action, shown at the bottom of the screen for a while. */
export interface Toast {
	id: number;
	message: string;
	actionLabel?: string;
	action?: () => void | Promise<void>;
	onExpire?: () => void | Promise<void>;
}

const TOAST_MS = 8000;

/** App-wide status the shell shows: connectivity, updates, storage trouble, toasts. */
class AppStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	updateReady = $state(false);
	/** Set when a write failed because storage is full; cleared by the next good write. */
	storageFull = $state(false);
	/** Set when a write failed for another reason. */
	saveError = $state<string | null>(null);
	/** Another tab runs a newer Maestro and upgraded the database: this tab must reload. */
	databaseOutdated = $state(false);
	toasts = $state<Toast[]>([]);
	#applyUpdate: (() => void) | null = null;
	#retries = new Set<() => Promise<void>>();
	#nextToast = 1;
	#timers = new Map<number, ReturnType<typeof setTimeout>>();

	constructor() {
		onDatabaseOutdated(() => (this.databaseOutdated = true));
	}

	/** Listen for the browser's online and offline events. */
	watchConnectivity(): () => void {
		const update = () => (this.online = navigator.onLine);
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		update();
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	}

	/** Called by the service worker glue when a new version waits to take over. */
	offerUpdate(apply: () => void): void {
		this.#applyUpdate = apply;
		this.updateReady = true;
	}

	/** The person chose "Reload to update". */
	applyUpdate(): void {
		this.#applyUpdate?.();
	}

	/** Run a store write; storage-full and other failures become visible state, never lost silently. */
	async guardWrite<T>(
		write: () => Promise<T>
	): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
		try {
			const value = await write();
			this.storageFull = false;
			this.saveError = null;
			return { ok: true, value };
		} catch (error) {
			if (isQuotaError(error)) this.storageFull = true;
			else if (error instanceof DatabaseOutdatedError) this.databaseOutdated = true;
			else this.saveError = error instanceof Error ? error.message : String(error);
			return { ok: false, error };
		}
	}

	/** Register work that writes unsaved edits again ("Try again"); returns the unregister function. */
	onRetry(retry: () => Promise<void>): () => void {
		this.#retries.add(retry);
		return () => this.#retries.delete(retry);
	}

	/** The person pressed "Try again" after a failed write. */
	async retryWrites(): Promise<void> {
		this.storageFull = false;
		this.saveError = null;
		for (const retry of this.#retries) await retry();
	}

	/** Show a toast; returns its id. */
	toast(toast: Omit<Toast, 'id'>, durationMs = TOAST_MS): number {
		const id = this.#nextToast++;
		this.toasts = [...this.toasts, { ...toast, id }];
		this.#timers.set(
			id,
			setTimeout(() => {
				const expired = this.toasts.find((t) => t.id === id);
				this.dismiss(id);
				void expired?.onExpire?.();
			}, durationMs)
		);
		return id;
	}

	/** Close a toast without running its expiry. */
	dismiss(id: number): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.toasts = this.toasts.filter((t) => t.id !== id);
	}

	/** The person pressed the toast's action button. */
	async runToastAction(id: number): Promise<void> {
		const toast = this.toasts.find((t) => t.id === id);
		this.dismiss(id);
		await toast?.action?.();
	}
}

export const appStatus = new AppStatus();
