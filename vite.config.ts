import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

const base = process.env.BASE_PATH ?? '';

/** Headers that make the page cross-origin isolated, so wasm threads work in dev and preview. */
const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			kit: { assets: 'public', adapterFallback: 'index.html', spa: true },
			manifest: {
				name: 'Maestro',
				short_name: 'Maestro',
				description: 'Storyboards from a clip or an idea, made in your browser.',
				theme_color: '#14161c',
				background_color: '#14161c',
				display: 'standalone',
				start_url: `${base}/`,
				scope: `${base}/`,
				icons: [
					{ src: `${base}/icons/icon-192.png`, sizes: '192x192', type: 'image/png' },
					{ src: `${base}/icons/icon-512.png`, sizes: '512x512', type: 'image/png' },
					{
						src: `${base}/icons/icon-maskable-192.png`,
						sizes: '192x192',
						type: 'image/png',
						purpose: 'maskable'
					},
					{
						src: `${base}/icons/icon-maskable-512.png`,
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,html,ico,png,svg,webmanifest,txt}'],
				// Large wasm cores, ONNX models and the export fonts are cached on first use, not precached.
				globIgnores: ['**/models/**', '**/*.wasm', '**/ffmpeg/**', '**/ort/**'],
				// Licence texts open as plain text, not as the app.
				navigateFallbackDenylist: [/\/models\//, /\/licenses\//],
				cleanupOutdatedCaches: true,
				// COOP/COEP on our own responses, so WASM threads work on hosts that send no headers.
				importScripts: ['sw-isolation.js'],
				runtimeCaching: [
					{
						// The list of built models: fresh when online, the last copy offline.
						urlPattern: ({ url, sameOrigin }) =>
							sameOrigin && url.pathname.endsWith('/models/manifest.json'),
						handler: 'NetworkFirst',
						options: {
							cacheName: 'maestro-model-manifest',
							networkTimeoutSeconds: 5,
							cacheableResponse: { statuses: [200] }
						}
					},
					{
						// Upscale models (1-34 MB each), kept once used so upscaling works offline; their
						// URLs carry the model's hash, so a rebuilt model is a new entry and old ones expire.
						urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('.onnx'),
						handler: 'CacheFirst',
						options: {
							cacheName: 'maestro-models',
							expiration: { maxEntries: 4, purgeOnQuotaError: true },
							cacheableResponse: { statuses: [200] }
						}
					},
					{
						urlPattern: ({ url, sameOrigin }) =>
							sameOrigin && /\.(wasm|mjs|ttf)$|\/ffmpeg\/|\/ort\//.test(url.pathname),
						handler: 'CacheFirst',
						options: {
							cacheName: 'maestro-heavy-assets',
							expiration: { maxEntries: 40, purgeOnQuotaError: true },
							cacheableResponse: { statuses: [200] }
						}
					}
				]
			}
		})
	],
	build: {
		// The largest chunks (fontkit 0.7 MB, pdf-lib 0.4 MB) load only when a PDF is exported.
		chunkSizeWarningLimit: 800,
		// Rolldown's report of slow plugins: about SvelteKit's and the PWA plugin's own work.
		rolldownOptions: { checks: { bundlerTimings: false } }
	},
	server: { headers: isolationHeaders },
	preview: { headers: isolationHeaders },
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node'
	}
});
