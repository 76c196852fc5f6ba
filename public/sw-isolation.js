// Makes the app cross-origin isolated on any static host: every response the service worker
// gives for our own origin carries COOP/COEP, so after the worker controls the page
// `crossOriginIsolated` is true and WebAssembly threads work even when the host sends no
// such headers. Loaded into the generated service worker with workbox's `importScripts`,
// before workbox adds its routes; it wraps `FetchEvent.respondWith`, which every workbox
// route (precache, navigation fallback, runtime caches) answers through. Cross-origin
// responses (the AI endpoint, CORS) are passed through untouched.
// The technique is the one of https://github.com/gzuidhof/coi-serviceworker.
const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

/** The response with the isolation headers added, when it is one of our own. */
function isolate(response) {
	if (!response || response.status === 0 || !['basic', 'default'].includes(response.type)) {
		return response;
	}
	if (response.headers.get('Cross-Origin-Embedder-Policy')) return response;
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

const respondWith = FetchEvent.prototype.respondWith;
FetchEvent.prototype.respondWith = function (response) {
	const sameOrigin = new URL(this.request.url).origin === self.location.origin;
	return respondWith.call(this, sameOrigin ? Promise.resolve(response).then(isolate) : response);
};
