// Exposes the upscale worker to Playwright for `npm run bench:upscale`: the same worker and
// request the app's facade uses, without the app around it (the facade needs SvelteKit's paths).
import { wrap } from 'comlink';
import { restoreManifest } from '$lib/upscale/manifest';
import { defaultOptions, type ModelChoice } from '$lib/upscale/meta';
import { buildRequest, pickModel } from '$lib/upscale/request';
import { PNG_DEFAULTS, PngEncoder, type PngOptions } from '../../src/workers/shared/png-stream';
import type { PrepareOutcome, UpscaleApi, UpscaleOutcome } from '../../src/workers/upscale.worker';

/** The last upscaled PNG, for `pngBench`. */
let lastPng: Blob | undefined;

/** A synthetic picture with edges and texture, as a PNG Blob. */
async function testImage(width: number, height: number): Promise<Blob> {
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d')!;
	const gradient = context.createLinearGradient(0, 0, width, height);
	gradient.addColorStop(0, '#2b4c7e');
	gradient.addColorStop(1, '#f2b84b');
	context.fillStyle = gradient;
	context.fillRect(0, 0, width, height);
	for (let i = 0; i < 40; i++) {
		context.fillStyle = `hsl(${(i * 47) % 360} 60% ${30 + (i % 5) * 10}%)`;
		context.beginPath();
		context.arc((i * 97) % width, (i * 53) % height, 6 + (i % 7) * 5, 0, Math.PI * 2);
		context.fill();
	}
	context.fillStyle = '#fff';
	context.font = `${Math.round(height / 10)}px sans-serif`;
	context.fillText('Maestro storyboard 1234567890', width / 20, height / 2);
	return canvas.convertToBlob({ type: 'image/png' });
}

async function run(choice: ModelChoice, outscale: 2 | 4, width: number, height: number) {
	const manifest = restoreManifest(await (await fetch('./models/manifest.json')).json());
	const options = { ...defaultOptions, choice, outscale };
	const model = pickModel(manifest, options);
	if (!model) throw new Error(`no model for ${choice} ${outscale}x`);
	const worker = new Worker(new URL('../../src/workers/upscale.worker.ts', import.meta.url), {
		type: 'module'
	});
	try {
		const api = wrap<UpscaleApi>(worker);
		const request = buildRequest(model, options, new URL('./models/', location.href).href);
		const image = await testImage(width, height);
		const outcome = (await api.upscale(image, request)) as UpscaleOutcome;
		if (!outcome.ok) throw new Error(`${outcome.kind}: ${outcome.detail}`);
		const { png, model: load, ...result } = outcome.result;
		lastPng = png;
		return { model: model.id, pngBytes: png.size, load, ...result };
	} finally {
		worker.terminate();
	}
}

/**
 * Where the time to a ready model goes: a fresh worker (wasm engine started, model fetched,
 * session made), the same worker asked again (session kept), a second model in that worker
 * (engine already running), and a fresh worker once the browser has everything cached. Each
 * figure is the worker's own (`ModelLoad`) plus the round trip seen from the page.
 */
async function loadBench(choice: ModelChoice, other: ModelChoice) {
	const manifest = restoreManifest(await (await fetch('./models/manifest.json')).json());
	const urlOf = (c: ModelChoice) => {
		const options = { ...defaultOptions, choice: c, outscale: 2 as const };
		const model = pickModel(manifest, options);
		if (!model) throw new Error(`no model for ${c}`);
		return buildRequest(model, options, new URL('./models/', location.href).href).modelUrl;
	};
	const start = () =>
		new Worker(new URL('../../src/workers/upscale.worker.ts', import.meta.url), {
			type: 'module'
		});
	const prepare = async (worker: Worker, url: string) => {
		const began = performance.now();
		const outcome = (await wrap<UpscaleApi>(worker).prepare(url)) as PrepareOutcome;
		if (!outcome.ok) throw new Error(outcome.detail);
		const round = (n: number) => Math.round(n);
		const { ms, reused, fetchMs, sessionMs } = outcome.load;
		return {
			pageMs: round(performance.now() - began),
			workerMs: round(ms),
			reused,
			fetchMs: round(fetchMs),
			sessionMs: round(sessionMs)
		};
	};
	const first = start();
	const rows: Record<string, unknown> = {};
	try {
		rows.freshWorker = await prepare(first, urlOf(choice));
		rows.sameWorkerAgain = await prepare(first, urlOf(choice));
		rows.otherModelSameWorker = await prepare(first, urlOf(other));
		rows.firstModelAfterOther = await prepare(first, urlOf(choice));
	} finally {
		first.terminate();
	}
	const second = start();
	try {
		rows.freshWorkerCachesWarm = await prepare(second, urlOf(choice));
	} finally {
		second.terminate();
	}
	return rows;
}

/** Median of three timed runs of `work`, with what the last run returned. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const times: number[] = [];
	let value: T | undefined;
	for (let i = 0; i < 3; i++) {
		const start = performance.now();
		value = await work();
		times.push(performance.now() - start);
	}
	return { ms: Math.round(times.sort((a, b) => a - b)[1]!), value: value as T };
}

/**
 * The last upscale's pixels encoded by the canvas (what the worker did before it streamed:
 * putImageData and convertToBlob) and by the streaming encoder with each of `variants`; the
 * streaming encoder is timed from RGB(A) byte rows, the canvas from the RGBA array.
 */
async function pngBench(variants: PngOptions[] = [PNG_DEFAULTS]) {
	if (!lastPng) throw new Error('run upscaleBench first');
	const bitmap = await createImageBitmap(lastPng, {
		premultiplyAlpha: 'none',
		colorSpaceConversion: 'none'
	});
	const { width, height } = bitmap;
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d')!;
	context.drawImage(bitmap, 0, 0);
	bitmap.close();
	const rgba = context.getImageData(0, 0, width, height);
	const opaque = rgba.data.every((v, i) => i % 4 !== 3 || v === 255);
	const channels = opaque ? 3 : 4;
	const canvasRun = await timed(() => {
		const target = new OffscreenCanvas(width, height);
		target.getContext('2d')!.putImageData(rgba, 0, 0);
		return target.convertToBlob({ type: 'image/png' });
	});
	const row = new Uint8Array(width * channels);
	const streamed = [];
	for (const options of variants) {
		const result = await timed(async () => {
			const encoder = new PngEncoder(width, height, channels, options);
			for (let y = 0; y < height; y++) {
				for (let x = 0; x < width; x++)
					for (let c = 0; c < channels; c++)
						row[x * channels + c] = rgba.data[(y * width + x) * 4 + c]!;
				encoder.push(row);
			}
			return encoder.finish();
		});
		streamed.push({ ...options, ms: result.ms, bytes: result.value.size });
	}
	return {
		image: `${width}x${height}`,
		channels,
		canvas: { ms: canvasRun.ms, bytes: canvasRun.value.size },
		streamed
	};
}

declare global {
	interface Window {
		upscaleBench: typeof run;
		loadBench: typeof loadBench;
		pngBench: typeof pngBench;
		harnessReady: boolean;
	}
}

window.upscaleBench = run;
window.loadBench = loadBench;
window.pngBench = pngBench;
window.harnessReady = true;
