// npm run bench:upscale — Real-ESRGAN upscaling speed in headless Chromium (onnxruntime-web,
// WASM with threads, cross-origin isolated) against the same ONNX models on onnxruntime-node
// (CPU), the browser's peak memory as the image grows, and the streaming PNG encoder against the
// canvas one. Prints JSON. Wall-clock figures on this machine: compare the ratios.
// BENCH_QUALITY=0 skips the slow x4plus model; BENCH_SKIP_BUILD=1 reuses the last harness build
// (BENCH_BUILD_DIR names another one, e.g. an older build to compare with); BENCH_PARTS picks
// parts, e.g. BENCH_PARTS=memory,png (default load,speed,memory,png).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { defaultOptions, modelFor, type ModelChoice } from '../../src/lib/upscale/meta';
import { PNG_DEFAULTS, type PngOptions } from '../../src/workers/shared/png-stream';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serveStatic } from '../serve.mjs';
import { treeRss } from './process-memory.mjs';
import type * as OrtCommon from 'onnxruntime-common';
import { loadOrtNode } from './ort-node';

const root = new URL('../../', import.meta.url).pathname;
const buildDir = process.env.BENCH_BUILD_DIR ?? join(root, '.bench/upscale-build');
const PAD = defaultOptions.edgePadding;
const SIZES = [
	[512, 288],
	[1024, 576]
] as const;
const MEMORY_SIZES = [
	[1024, 576],
	[2048, 1152]
] as const;
const CHOICES: ModelChoice[] = ['illustration', 'photo', 'quality'];
const withQuality = process.env.BENCH_QUALITY !== '0';
const parts = new Set((process.env.BENCH_PARTS ?? 'load,speed,memory,png').split(','));
/** The native reference, needed by the speed part only. */
const ort = parts.has('speed') ? loadOrtNode() : undefined;
/** Encoder settings the png part compares (the first is the default). */
const PNG_VARIANTS = [
	PNG_DEFAULTS,
	{ level: 2, filter: 1 },
	{ level: 3, filter: 1 },
	{ level: 1, filter: 4 },
	{ level: 3, filter: 4 },
	{ level: 1, filter: 2 },
	{ level: 1, filter: 0 }
] satisfies PngOptions[];

interface BrowserRun {
	model: string;
	ms: number;
	inferenceMs: number;
	tileSize: number;
	width: number;
	height: number;
	backend: { device: string; threads: number; isolated: boolean };
	pngBytes: number;
}

/** A browser on the harness, cross-origin isolated (threads on); `work` gets its page and pid. */
async function withBrowser<T>(work: (page: Page, pid: number) => Promise<T>): Promise<T> {
	const server = await serveStatic({ root: buildDir, isolated: true });
	const host = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
	const instance = await chromium.connect(host.wsEndpoint());
	try {
		const page = await instance.newPage();
		page.on('console', (message) => {
			if (message.type() === 'error') console.error(`[browser] ${message.text()}`);
		});
		await page.goto(`${server.url}/upscale.html`);
		await page.waitForFunction(() => window.harnessReady);
		return await work(page, host.process().pid ?? 0);
	} finally {
		await instance.close();
		await host.close();
		await server.close();
	}
}

function browserRun(page: Page, choice: ModelChoice, outscale: 2 | 4, w: number, h: number) {
	return page.evaluate(([c, s, width, height]) => window.upscaleBench(c, s, width, height), [
		choice,
		outscale,
		w,
		h
	] as const) as Promise<BrowserRun>;
}

/** onnxruntime-node on the same padded input, whole image: median of `runs` after a warm-up. */
const nodeSessions = new Map<string, OrtCommon.InferenceSession>();
async function nodeRun(model: string, w: number, h: number, runs = 2): Promise<number> {
	let session = nodeSessions.get(model);
	if (!session) {
		session = await ort!.InferenceSession.create(join(root, 'public/models', `${model}.onnx`));
		nodeSessions.set(model, session);
	}
	const [pw, ph] = [w + 2 * PAD, h + 2 * PAD];
	const data = Float32Array.from({ length: 3 * pw * ph }, (_, i) => ((i * 7919) % 256) / 255);
	const feeds = { data: new ort!.Tensor('float32', data, [1, 3, ph, pw]) };
	await session.run(feeds);
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await session.run(feeds);
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

const perMp = (ms: number, w: number, h: number, s: number) =>
	Math.round(ms / ((w * s * h * s) / 1e6));

async function speed() {
	const results: Record<string, unknown>[] = [];
	const nodeMs = new Map<string, number>();
	await withBrowser(async (page) => {
		for (const choice of CHOICES) {
			for (const [w, h] of SIZES) {
				for (const outscale of [2, 4] as const) {
					const model = modelFor[choice][outscale];
					const label = { choice, model, input: `${w}x${h}`, outscale };
					if (choice === 'quality' && !withQuality) {
						results.push({ ...label, skipped: 'BENCH_QUALITY=0' });
						continue;
					}
					if (!existsSync(join(root, 'public/models', `${model}.onnx`))) {
						results.push({ ...label, skipped: 'model not built (npm run models)' });
						continue;
					}
					const b = await browserRun(page, choice, outscale, w, h);
					const key = `${model}@${w}x${h}`;
					if (!nodeMs.has(key)) nodeMs.set(key, await nodeRun(model, w, h, 1));
					const n = nodeMs.get(key)!;
					const row = {
						...label,
						backend: `${b.backend.device}, ${b.backend.threads} threads, isolated ${b.backend.isolated}`,
						tileSize: b.tileSize,
						browser: {
							totalMs: Math.round(b.ms),
							inferenceMs: Math.round(b.inferenceMs),
							msPerOutputMegapixel: perMp(b.ms, w, h, outscale),
							inferenceMsPerOutputMegapixel: perMp(b.inferenceMs, w, h, outscale)
						},
						node: { ms: Math.round(n), msPerOutputMegapixel: perMp(n, w, h, outscale) },
						ratio: {
							total: +(b.ms / n).toFixed(2),
							inference: +(b.inferenceMs / n).toFixed(2)
						}
					};
					console.error(JSON.stringify(row));
					results.push(row);
				}
			}
		}
	});
	return results;
}

/** Time to a ready model, three rounds in fresh browsers (see `loadBench` in the harness). */
async function load() {
	const rounds: Record<string, unknown>[] = [];
	for (let i = 0; i < 3; i++) {
		rounds.push(
			await withBrowser((page) => page.evaluate(() => window.loadBench('illustration', 'photo')))
		);
		console.error(JSON.stringify(rounds.at(-1)));
	}
	return rounds;
}

const MB = (bytes: number) => Math.round(bytes / 1e6);

async function memory() {
	const results: Record<string, unknown>[] = [];
	for (const [w, h] of MEMORY_SIZES) {
		results.push(
			await withBrowser(async (page, pid) => {
				const idle = treeRss(pid);
				const peak = { ...idle };
				const sampler = setInterval(() => {
					const now = treeRss(pid);
					peak.total = Math.max(peak.total, now.total);
					peak.renderer = Math.max(peak.renderer, now.renderer);
				}, 100);
				try {
					const b = await browserRun(page, 'illustration', 4, w, h);
					return {
						input: `${w}x${h}`,
						model: b.model,
						outscale: 4,
						output: `${b.width}x${b.height}`,
						outputRgbaMB: MB(b.width * b.height * 4),
						pngMB: +(b.pngBytes / 1e6).toFixed(1),
						tileSize: b.tileSize,
						totalMs: Math.round(b.ms),
						browserIdleRssMB: MB(idle.total),
						browserPeakRssMB: MB(peak.total),
						overIdleMB: MB(peak.total - idle.total),
						rendererIdleRssMB: MB(idle.renderer),
						rendererPeakRssMB: MB(peak.renderer),
						rendererOverIdleMB: MB(peak.renderer - idle.renderer)
					};
				} finally {
					clearInterval(sampler);
				}
			})
		);
		console.error(JSON.stringify(results.at(-1)));
	}
	return results;
}

/** The streaming encoder against the canvas one, on the pixels of a real 4x upscale. */
async function png() {
	const [w, h] = (process.env.BENCH_PNG_INPUT ?? '1024x576').split('x').map(Number) as [
		number,
		number
	];
	return withBrowser(async (page) => {
		const b = await browserRun(page, 'illustration', 4, w, h);
		const result = await page.evaluate((variants) => window.pngBench(variants), PNG_VARIANTS);
		const row = {
			input: `${w}x${h}`,
			model: b.model,
			upscaleTotalMs: Math.round(b.ms),
			...result,
			streamedDefaultVsCanvas: {
				time: +((result.streamed[0]?.ms ?? 0) / result.canvas.ms).toFixed(2),
				size: +((result.streamed[0]?.bytes ?? 0) / result.canvas.bytes).toFixed(2)
			}
		};
		console.error(JSON.stringify(row));
		return row;
	});
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
	execFileSync('npx', ['vite', 'build', '-c', 'tests/bench/upscale.vite.config.ts'], {
		cwd: root,
		stdio: 'inherit'
	});
}
const started = performance.now();
const report = {
	machine: { cores: os.cpus().length, chromium: chromiumPath },
	runtimes: {
		web: 'onnxruntime-web (WASM, SIMD, threads)',
		node: ort ? `onnxruntime-node ${ort.env.versions.node} (CPU)` : 'not loaded (no speed part)'
	},
	loadAverage: { start: os.loadavg().map((l) => +l.toFixed(2)), end: [] as number[] },
	figures: {
		speed: 'one row per model choice, input size and scale; a fresh worker per row in one browser',
		'speed[].model':
			'the ONNX model that ran; x4plus (quality) and x4fast (photo) have no 2x model, so their 2x rows run the 4x model then a Lanczos 2:1 reduction and take about as long as the 4x rows',
		'speed[].tileSize': 'longest tile side in source pixels that the worker chose',
		'speed[].browser.totalMs':
			'wall clock of the whole worker call, cold: decode, runtime and model load, all tiles, PNG encoding',
		'speed[].browser.inferenceMs': 'the model runs alone (sum over tiles)',
		'speed[].browser.*PerOutputMegapixel': 'the same, per megapixel of the final image',
		'speed[].node.ms':
			'onnxruntime-node on the same padded input as one whole image (2 intra-op threads), one run after a warm-up; no tiling, no PNG',
		'speed[].ratio': 'browser ms / node ms (total and inference only): compare these, not raw ms',
		'memory[]':
			'resident set sampled every 100 ms while upscaling 4x with the illustration model, in a fresh browser per size',
		'memory[].browser*RssMB':
			'the whole headless browser, all processes (the browser process holds the Blobs, the PNG result among them)',
		'memory[].renderer*RssMB':
			'the renderer process alone: the page and the upscale worker, which runs as a thread in it',
		'memory[].overIdleMB / rendererOverIdleMB':
			'peak minus the idle figure read before the upscale',
		'memory[].outputRgbaMB':
			'what the whole upscaled image takes as RGBA bytes (the worker held it, plus a canvas copy, before rows streamed into the PNG encoder)',
		'memory[].pngMB': 'size of the PNG the worker returned',
		png: 'the pixels of one 4x upscale (illustration model), encoded on the page main thread, median of 3 runs each',
		'png.canvas':
			'putImageData + convertToBlob: the encoder the worker used before it streamed (ms, bytes)',
		'png.streamed[]':
			'PngEncoder (fflate deflate at `level`; PNG row `filter` 0 none, 1 sub, 2 up, 4 paeth), timed from RGB(A) byte rows; the first entry is the default the worker uses',
		'png.streamedDefaultVsCanvas': 'default streamed / canvas, for time and for file size',
		load: "time to a ready model (illustration 2x, then photo), one row per fresh browser: pageMs is the round trip from the page, workerMs the worker's own, split into fetchMs (the model bytes) and sessionMs (onnxruntime session; the first in a worker also compiles and starts the wasm engine)",
		'load[].freshWorker': 'a new worker in a new browser: engine start, fetch, session',
		'load[].sameWorkerAgain': 'the same model asked again in that worker: the session is kept',
		'load[].otherModelSameWorker': 'a second model in the same worker: engine already running',
		'load[].firstModelAfterOther': 'the first model again: both sessions are kept',
		'load[].freshWorkerCachesWarm':
			'a new worker in the same browser (wasm and model in the HTTP cache): what a reload costs',
		loadAverage:
			'1, 5 and 15 minute load averages when the bench started and ended (2 cores, shared)'
	},
	// Memory and PNG first: they are short, and the speed part (x4plus above all) is long.
	load: parts.has('load') ? await load() : 'skipped (BENCH_PARTS)',
	memory: parts.has('memory') ? await memory() : 'skipped (BENCH_PARTS)',
	png: parts.has('png') ? await png() : 'skipped (BENCH_PARTS)',
	speed: parts.has('speed') ? await speed() : 'skipped (BENCH_PARTS)',
	benchMinutes: 0
};
report.benchMinutes = +((performance.now() - started) / 60000).toFixed(1);
report.loadAverage.end = os.loadavg().map((l) => +l.toFixed(2));
for (const session of nodeSessions.values()) await session.release();
console.log(JSON.stringify(report, null, 2));
