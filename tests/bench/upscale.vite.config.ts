import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the upscale harness page (not part of the app) with the models, for the benchmark. */
export default defineConfig({
	root: fileURLToPath(new URL('.', import.meta.url)),
	base: './',
	logLevel: 'warn',
	publicDir: fileURLToPath(new URL('../../public', import.meta.url)),
	resolve: {
		alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) }
	},
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL('../../.bench/upscale-build', import.meta.url)),
		emptyOutDir: true,
		target: 'es2022',
		rollupOptions: { input: fileURLToPath(new URL('upscale.html', import.meta.url)) }
	}
});
