import { appStatus } from './app-status.svelte';
import { settings } from './settings.svelte';

/**
 * Why an AI action cannot run right now (offline, no key), or null. Read inside `$derived`,
 * it follows the connection and the settings.
 */
export function aiBlockedReason(wording: { needs: string; toDo: string }): string | null {
	if (!appStatus.online) return `Offline: ${wording.needs} a network connection.`;
	if (settings.loaded && !settings.hasKey) return `Add your API key in Settings ${wording.toDo}.`;
	return null;
}
