import { Workbox } from 'workbox-window';
import { base } from '$app/paths';
import { dev } from '$app/environment';

const UPDATE_CHECK_MS = 30 * 60 * 1000;

/**
 * Register the service worker and tell `onUpdateReady` when a new version is waiting.
 * The new version takes over only when the person asks (the callback's `apply`), and the
 * page reloads only then: never under someone who is typing.
 */
export function registerServiceWorker(onUpdateReady: (apply: () => void) => void): void {
	if (dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const workbox = new Workbox(`${base}/sw.js`, { scope: `${base}/` });
	let reloading = false;
	const offer = () =>
		onUpdateReady(() => {
			workbox.addEventListener('controlling', () => {
				if (!reloading) {
					reloading = true;
					window.location.reload();
				}
			});
			workbox.messageSkipWaiting();
		});
	workbox.addEventListener('waiting', offer);
	void workbox.register().then((registration) => {
		if (registration?.waiting && navigator.serviceWorker.controller) offer();
	});
	const check = () => void workbox.update().catch(() => {});
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') check();
	});
	setInterval(check, UPDATE_CHECK_MS);
}
