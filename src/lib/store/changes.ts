/** What another tab needs to know to refresh: which storyboard changed, or the library. */
export interface StoreChange {
	projectId?: string;
	scope: 'project' | 'library';
	origin: string;
}

const CHANNEL = 'maestro-store';
/** Identifies this tab, so it ignores its own announcements. */
export const TAB_ID = crypto.randomUUID();

let channel: BroadcastChannel | undefined;
const listeners = new Set<(change: StoreChange) => void>();

function getChannel(): BroadcastChannel | undefined {
	if (typeof BroadcastChannel === 'undefined') return undefined;
	if (!channel) {
		channel = new BroadcastChannel(CHANNEL);
		channel.onmessage = (event: MessageEvent<StoreChange>) => {
			if (event.data?.origin === TAB_ID) return;
			for (const listener of listeners) listener(event.data);
		};
	}
	return channel;
}

/** Tell other tabs that saved data changed. */
export function announceChange(change: Omit<StoreChange, 'origin'>): void {
	getChannel()?.postMessage({ ...change, origin: TAB_ID });
}

/** Listen for changes other tabs made; returns the unsubscribe function. */
export function onOtherTabChange(listener: (change: StoreChange) => void): () => void {
	getChannel();
	listeners.add(listener);
	return () => listeners.delete(listener);
}
