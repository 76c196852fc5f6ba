import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the media harness page (not part of the app) for the benchmark and engine tests. */
export default defineConfig({
	root: fileURLToPath(new URL('.', import.meta.url)),
	base: './',
	logLevel: 'warn',
	resolve: {
		alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) }
	},
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL('../../.bench/media-build', import.meta.url)),
		emptyOutDir: true,
		target: 'es2022',
		rollupOptions: { input: fileURLToPath(new URL('media.html', import.meta.url)) }
	}
});
