// `npm run bench:export`: how long the exports take in headless Chromium over the built app.
// Imports two generated storyboards through the app (10 shots x 3 s with crossfades for the
// animatic; 40 shots with a 1024x576 PNG each for the ZIP and the PDF), clicks each export and
// times it until the download arrives. Prints JSON. Needs a build (`vite build`) and Chromium.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { serveStatic } from '../serve.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { pngFromScanlines } from '../png.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const root = new URL('../../', import.meta.url).pathname;
const work = join(root, '.bench/export');
mkdirSync(work, { recursive: true });

/** A 1024x576 RGB PNG: a gradient in a hue per shot with grain, about the size of a render. */
function png(seed: number, width = 1024, height = 576): Buffer {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	let noise = seed * 7919 + 1;
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		for (let x = 0; x < width; x++) {
			noise = (noise * 1103515245 + 12345) & 0x7fffffff;
			const grain = (noise >> 16) & 15;
			const t = (x + y) / (width + height);
			raw[row + 1 + x * 3] = (seed * 37 + 200 * t + grain) & 255;
			raw[row + 2 + x * 3] = (seed * 91 + 120 * (1 - t) + grain) & 255;
			raw[row + 3 + x * 3] = (seed * 53 + 90 + grain) & 255;
		}
	}
	return pngFromScanlines(width, height, raw, { colorType: 2, level: 3 });
}

/** A `.maestro` file with `count` shots of 3 s (dissolves), each with a chosen PNG take. */
function makeBundle(
	title: string,
	count: number,
	shotTitle = (i: number) => `Shot ${i + 1} — café 夜市`
): string {
	const file = join(work, `${title.replace(/\W+/g, '-')}.maestro`);
	try {
		if (statSync(file).size > 0) return file;
	} catch {
		// Not made yet.
	}
	const projectId = 'bench';
	const images = Array.from({ length: count }, (_, i) => png(i + 1));
	const envelope = {
		type: 'maestro-project',
		version: 1,
		source: { app: 'Maestro', appVersion: '0.1.0', exportedAt: new Date().toISOString() },
		project: {
			project: {
				id: projectId,
				title,
				createdAt: Date.now(),
				updatedAt: Date.now(),
				source: { kind: 'idea' },
				context: '',
				shotCount: count,
				aspectRatio: '16:9',
				models: {},
				costUsd: 0,
				revision: 0,
				schemaVersion: 1
			},
			shots: images.map((_, i) => ({
				id: `s${i}`,
				projectId,
				order: i,
				title: shotTitle(i),
				description:
					'A courier runs through the night market with a paper lantern; stalls blur past.',
				shotSize: 'Medium',
				angle: 'Eye level',
				movement: 'Tracking',
				durationS: 3,
				transition: i === 0 ? 'cut' : 'dissolve',
				notes: '',
				revision: 0,
				schemaVersion: 1
			})),
			styles: [{ id: 'st', projectId, name: 'Ink', promptWords: '', order: 0, schemaVersion: 1 }],
			takes: images.map((_, i) => ({
				id: `t${i}`,
				projectId,
				shotId: `s${i}`,
				styleId: 'st',
				kind: 'image',
				imageAssetId: `a${i}`,
				model: 'bench',
				prompt: '',
				costUsd: 0,
				createdAt: Date.now(),
				chosen: true,
				schemaVersion: 1
			})),
			logs: []
		},
		assets: images.map((data, i) => ({
			id: `a${i}`,
			mime: 'image/png',
			width: 1024,
			height: 576,
			bytes: data.length,
			path: `assets/a${i}.png`
		}))
	};
	const entries: Record<string, [Uint8Array, { level: 0 }] | Uint8Array> = {
		'project.json': strToU8(JSON.stringify(envelope))
	};
	images.forEach((data, i) => (entries[`assets/a${i}.png`] = [data, { level: 0 }]));
	writeFileSync(file, zipSync(entries));
	return file;
}

async function importAndOpen(page: Page, file: string, title: string) {
	await page.goto('/');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(file);
	await page.getByText(`Imported “${title}”.`).waitFor({ timeout: 120_000 });
	await page.getByRole('link', { name: title }).first().click();
	await page.getByLabel('Storyboard title').waitFor();
}

/** Run one export from its dialog; ms from the click to the download, and the file's size. */
async function timeExport(page: Page, item: string, button: string, prepare?: () => Promise<void>) {
	await page.getByRole('button', { name: 'Export', exact: true }).click();
	await page.getByRole('menuitem', { name: item }).click();
	const dialog = page.getByRole('dialog', { name: item });
	await prepare?.();
	const download = page.waitForEvent('download', { timeout: 300_000 });
	const start = Date.now();
	await dialog.getByRole('button', { name: button }).click();
	const failed = dialog
		.getByRole('alert')
		.waitFor({ timeout: 300_000 })
		.then(async () => {
			throw new Error(`${item} failed: ${await dialog.getByRole('alert').textContent()}`);
		});
	const file = await Promise.race([download, failed]);
	const ms = Date.now() - start;
	console.error(`${item}: ${ms} ms`);
	const path = join(work, file.suggestedFilename());
	await file.saveAs(path);
	await dialog.getByRole('button', { name: 'Close' }).click();
	return { ms, bytes: statSync(path).size, path };
}

/** Bytes of embedded font files in a PDF (FontFile2/3 streams, as stored). */
async function pdfFontBytes(path: string): Promise<number> {
	const { PDFDocument, PDFDict, PDFName, PDFRawStream } = await import('pdf-lib');
	const doc = await PDFDocument.load(readFileSync(path));
	let bytes = 0;
	for (const [, object] of doc.context.enumerateIndirectObjects()) {
		if (!(object instanceof PDFDict)) continue;
		for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
			const stream = doc.context.lookup(object.get(PDFName.of(key)));
			if (stream instanceof PDFRawStream) bytes += stream.contents.byteLength;
		}
	}
	return bytes;
}

const animaticBundle = makeBundle('Bench animatic', 10);
const sheetBundle = makeBundle('Bench forty', 40);
const latinBundle = makeBundle('Bench latin', 40, (i) => `Shot ${i + 1} — café crème, Łódź`);
const server = await serveStatic({ root: process.env.BUILD_DIR ?? 'build' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
	const page = await context.newPage();
	await page.addInitScript(() => {
		delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
	});
	await importAndOpen(page, animaticBundle, 'Bench animatic');
	const isolated = await page.evaluate(() => crossOriginIsolated);
	const animatic: { ms: number; bytes: number }[] = [];
	for (let run = 0; run < RUNS; run++) {
		animatic.push(await timeExport(page, 'Animatic MP4', 'Export MP4'));
	}
	const kenBurns = await timeExport(page, 'Animatic MP4', 'Export MP4', async () => {
		await page.getByLabel('Gentle pan and zoom (slower to make)').check();
	});
	await importAndOpen(page, sheetBundle, 'Bench forty');
	const zips: { ms: number; bytes: number }[] = [];
	const pdfs: { ms: number; bytes: number; path: string }[] = [];
	for (let run = 0; run < RUNS; run++) {
		zips.push(await timeExport(page, 'Images (ZIP)', 'Export ZIP'));
		pdfs.push(await timeExport(page, 'PDF storyboard sheet', 'Export PDF'));
	}
	const pdfFonts = await pdfFontBytes(pdfs[0]!.path);
	await importAndOpen(page, latinBundle, 'Bench latin');
	const latinPdfs: { ms: number; bytes: number; path: string }[] = [];
	for (let run = 0; run < RUNS; run++) {
		latinPdfs.push(await timeExport(page, 'PDF storyboard sheet', 'Export PDF'));
	}
	const best = (runs: { ms: number }[]) => Math.min(...runs.map((r) => r.ms));
	const animaticS = 30;
	const result = {
		benchmark: 'exports',
		crossOriginIsolated: isolated,
		animatic: {
			shots: 10,
			secondsPerShot: 3,
			resolution: '1280x720',
			transitions: 'crossfade',
			engine: 'ffmpeg.wasm single-thread core, libx264 ultrafast',
			runsMs: animatic.map((r) => r.ms),
			bestMs: best(animatic),
			realTimeFactor: Number((animaticS / (best(animatic) / 1000)).toFixed(2)),
			bytes: animatic[0]!.bytes,
			targetMs: 30_000,
			withPanAndZoomMs: kenBurns.ms
		},
		zip: {
			images: 40,
			imageBytes: JSON.parse(
				new TextDecoder().decode(
					(await import('fflate')).unzipSync(new Uint8Array(readFileSync(sheetBundle)), {
						filter: (f) => f.name === 'project.json'
					})['project.json']
				)
			).assets.reduce((sum: number, a: { bytes: number }) => sum + a.bytes, 0),
			runsMs: zips.map((r) => r.ms),
			bestMs: best(zips),
			bytes: zips[0]!.bytes
		},
		pdf: {
			panels: 40,
			layout: 'A4 landscape, 2 per row',
			text: 'Latin and Chinese (Noto Sans + Noto Sans SC subsets)',
			runsMs: pdfs.map((r) => r.ms),
			bestMs: best(pdfs),
			bytes: pdfs[0]!.bytes,
			fontBytes: pdfFonts
		},
		pdfLatinOnly: {
			panels: 40,
			text: 'Latin only (a Noto Sans subset)',
			runsMs: latinPdfs.map((r) => r.ms),
			bestMs: best(latinPdfs),
			bytes: latinPdfs[0]!.bytes,
			fontBytes: await pdfFontBytes(latinPdfs[0]!.path),
			fontBytesTarget: 1_000_000
		},
		note: 'Wall-clock ms from the click to the download, on a shared 2-core machine; the first animatic run includes loading the video engine, the first PDF run fetching the font.'
	};
	console.log(JSON.stringify(result, null, 2));
} finally {
	await browser.close();
	await server.close();
}
