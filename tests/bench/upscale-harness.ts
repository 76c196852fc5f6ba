// Exposes the upscale worker to Playwright for `npm run bench:upscale`: the same worker and
// request the app's facade uses, without the app around it (the facade needs SvelteKit's paths).
import { wrap } from 'comlink';
import { restoreManifest } from '$lib/upscale/manifest';
import { defaultOptions, type ModelChoice } from '$lib/upscale/meta';
import { buildRequest, pickModel } from '$lib/upscale/request';
import type { UpscaleApi, UpscaleOutcome } from '../../src/workers/upscale.worker';

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
		const { png, ...result } = outcome.result;
		return { model: model.id, pngBytes: png.size, ...result };
	} finally {
		worker.terminate();
	}
}

declare global {
	interface Window {
		upscaleBench: typeof run;
		harnessReady: boolean;
	}
}

window.upscaleBench = run;
window.harnessReady = true;
