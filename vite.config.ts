import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const base = process.env.BASE_PATH ?? '';

/** Headers that make the page cross-origin isolated, so wasm threads work in dev and preview. */
const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

/**
 * Rolldown's report of slow plugins (shown when the machine is busy): about SvelteKit's, the
 * PWA plugin's and Vite's asset plugins' own work, nothing we can act on.
 */
const quietChecks = { bundlerTimings: false };

/**
 * SvelteKit ends every build with a bare `console.log` of "Run npm run preview to preview your
 * production build locally." (no option turns it off in kit 2.70, and Vite's logger never sees
 * it), while `npm start` already builds and serves. This drops exactly that line.
 */
function withoutPreviewHint(): Plugin {
	return {
		name: 'maestro:without-preview-hint',
		apply: 'build',
		configResolved() {
			const log = console.log;
			console.log = (...args: unknown[]) => {
				const line = args[0];
				if (typeof line === 'string' && line.endsWith(' to preview your production build locally.'))
					return;
				log(...args);
			};
		}
	};
}

export default defineConfig({
	plugins: [
		withoutPreviewHint(),
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
				// Set (as a no-op), so @vite-pwa/sveltekit keeps the patterns above as they are instead
				// of adding `prerendered/**`, which an SPA never has and workbox then warns about.
				modifyURLPrefix: {},
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
		rolldownOptions: { checks: quietChecks }
	},
	server: { headers: isolationHeaders },
	preview: { headers: isolationHeaders },
	worker: { format: 'es', rolldownOptions: { checks: quietChecks } },
	test: {
		include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node'
	}
});
