#!/usr/bin/env node
// npm run bench:media — times the media engine (probe, 15 frames, cut detection) in headless
// Chromium over a generated 30 s 1080p H.264 clip, and the same work in native ffmpeg when it is
// on PATH; then runs the same steps over a generated 1 GB clip to measure how much memory the
// tab gains. Both cores are measured: multi-thread (page cross-origin isolated) and single-thread.
// Prints JSON. Figures are wall-clock ms on this machine; compare ratios, not absolutes.
// BENCH_CORES=mt or st runs one core; BENCH_BIG=0 skips the 1 GB clip, BENCH_ONLY_BIG=1 runs only it;
// BENCH_NATIVE=0 skips native ffmpeg. It also reads the "real clips" matrix
// (scripts/fixtures/make-matrix-clips.mjs): per clip its frames, the least PSNR of any frame or
// keyframe against native ffmpeg's exact decode, the cuts found, and times against native
// (BENCH_MATRIX=0 skips it); and counts the app's IndexedDB reads per sampled frame while a clip
// is sampled in the workspace (BENCH_READS=0 skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serveStatic } from '../serve.mjs';
import { makeMatrix, MATRIX_DIR } from '../fixtures/make-matrix-clips.mjs';
import { psnrAgainstNative } from '../fixtures/native-psnr.mjs';
import { treeRss } from './process-memory.mjs';

const root = new URL('../../', import.meta.url).pathname;
const work = join(root, '.bench');
const mainClip = join(work, 'bench-30s-1080p.mp4');
const clip = mainClip;
const bigClip = join(work, 'bench-1gb-1080p.mp4');
/** The memory bar of issue 3: a 1 GB clip raises the tab's memory (its renderer process) by at most about this (MB). */
const MEMORY_BAR_MB = 200;
const SHOT_S = [4, 5, 3, 6, 4, 5, 3];
const CUTS_S = SHOT_S.slice(0, -1).map((_, i) => SHOT_S.slice(0, i + 1).reduce((a, b) => a + b, 0));
const FRAME_TIMES = Array.from({ length: 15 }, (_, i) => 1 + 2 * i);
/** The middle of each shot: the keyframes cut detection makes after finding the cuts. */
const KEYFRAME_TIMES = SHOT_S.map((d, i) => SHOT_S.slice(0, i).reduce((a, b) => a + b, 0) + d / 2);
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const cores = (process.env.BENCH_CORES ?? 'mt,st')
	.split(',')
	.filter((c) => c === 'mt' || c === 'st');
const runBig = process.env.BENCH_BIG !== '0';

function makeClip() {
	if (existsSync(clip)) return;
	if (!hasFfmpeg) throw new Error('native ffmpeg is needed to generate the benchmark clip');
	mkdirSync(work, { recursive: true });
	const looks = [
		'testsrc2=s=1920x1080:r=30',
		'mandelbrot=s=1920x1080:r=30',
		'smptehdbars=s=1920x1080:r=30',
		'gradients=s=1920x1080:r=30:speed=0.03:seed=3',
		'life=s=1920x1080:r=30:mold=10:ratio=0.2:seed=3',
		'testsrc=s=1920x1080:r=30',
		'rgbtestsrc=s=1920x1080:r=30,hue=h=40*t'
	];
	const parts = SHOT_S.map(
		(d, i) => `${looks[i]},trim=duration=${d},setpts=PTS-STARTPTS,format=yuv420p,setsar=1[v${i}]`
	);
	const graph = `${parts.join(';')};${SHOT_S.map((_, i) => `[v${i}]`).join('')}concat=n=${SHOT_S.length}:v=1:a=0[v]`;
	execFileSync('ffmpeg', [
		'-hide_banner',
		'-loglevel',
		'error',
		'-y',
		'-filter_complex',
		graph,
		'-f',
		'lavfi',
		'-i',
		'sine=frequency=330:duration=30',
		'-map',
		'[v]',
		'-map',
		'0:a',
		'-c:v',
		'libx264',
		'-preset',
		'veryfast',
		'-crf',
		'23',
		'-pix_fmt',
		'yuv420p',
		'-c:a',
		'aac',
		'-movflags',
		'+faststart',
		clip
	]);
}

/**
 * A 1080p H.264 clip of about 1 GB: 4 s of noisy picture at a very high bitrate (keyframe every
 * second) repeated without re-encoding, so it is quick to make and its size is real data.
 */
function makeBigClip() {
	if (existsSync(bigClip)) return;
	if (!hasFfmpeg) throw new Error('native ffmpeg is needed to generate the 1 GB clip');
	mkdirSync(work, { recursive: true });
	const piece = join(work, 'big-piece.mp4');
	const q = ['-hide_banner', '-loglevel', 'error', '-y'];
	execFileSync('ffmpeg', [
		...q,
		...['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30,noise=alls=25:allf=t+u', '-t', '4'],
		...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '18', '-g', '30', '-pix_fmt', 'yuv420p'],
		piece
	]);
	const repeats = Math.max(1, Math.ceil(1.05e9 / statSync(piece).size));
	execFileSync('ffmpeg', [
		...q,
		...['-stream_loop', String(repeats - 1), '-i', piece, '-c', 'copy', '-movflags', '+faststart'],
		bigClip
	]);
	rmSync(piece);
}

function buildHarness() {
	execFileSync('npx', ['vite', 'build', '-c', 'tests/bench/vite.config.ts'], {
		cwd: root,
		stdio: 'inherit'
	});
}

/** Wall-clock ms of a native command, best of `runs`. */
function timeNative(command, args, runs = 2) {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		const result = spawnSync(command, args, { stdio: 'ignore' });
		if (result.status !== 0) throw new Error(`${command} failed: ${args.join(' ')}`);
		best = Math.min(best, performance.now() - start);
	}
	return Math.round(best);
}

function native(
	clip = mainClip,
	frameTimes = FRAME_TIMES,
	keyframeTimes = KEYFRAME_TIMES,
	endS = 29.5
) {
	const out = join(work, 'native');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const q = ['-hide_banner', '-loglevel', 'error', '-y'];
	// The engine's probe is ffprobe plus decoding one frame at the start (to catch undecodable
	// codecs) and one half a second before the end (to catch a clip cut short).
	const probeJson = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format'];
	const oneFrame = ['-map', '0:v:0', '-frames:v', '1', '-vf', 'scale=16:16', '-f', 'rawvideo'];
	const probe =
		timeNative('ffprobe', [...probeJson, clip]) +
		timeNative('ffmpeg', [...q, '-i', clip, ...oneFrame, join(out, 'one.raw')]) +
		timeNative('ffmpeg', [
			...q,
			'-ss',
			String(endS),
			'-i',
			clip,
			...oneFrame,
			join(out, 'end.raw')
		]);
	// Frames at given times natively, two ways: all accurate seeks opened in one process, or one
	// process per frame (as the engine does); the faster one counts.
	const jpeg = ['-frames:v', '1', '-vf', 'scale=1024:-2', '-q:v', '3'];
	const framesAt = (times, prefix) => {
		const inputs = times.flatMap((t) => ['-ss', String(t), '-i', clip]);
		const outputs = times.flatMap((_, i) => [
			'-map',
			`${i}:v:0`,
			...jpeg,
			join(out, `${prefix}f${i}.jpg`)
		]);
		const oneProcess = timeNative('ffmpeg', [...q, ...inputs, ...outputs], 1);
		let perFrame = 0;
		for (const [i, t] of times.entries()) {
			const args = [...q, '-ss', String(t), '-i', clip, ...jpeg, join(out, `${prefix}p${i}.jpg`)];
			perFrame += timeNative('ffmpeg', args, 1);
		}
		return { oneProcess, perFrame, best: Math.min(oneProcess, perFrame) };
	};
	const sample = framesAt(frameTimes, 's');
	// Cuts natively: the same thumbnail pass the engine runs, and ffmpeg's own scene score.
	const thumbs = ['-vf', 'scale=64:36:flags=area,format=rgb24', '-f', 'rawvideo'];
	const changePass = timeNative('ffmpeg', [
		...q,
		...['-skip_loop_filter', 'all', '-i', clip, '-an', ...thumbs, join(out, 'thumbs.rgb')]
	]);
	const scene = ['-vf', "select='gt(scene,0.3)',showinfo", '-f', 'null', '-'];
	const sceneSelect = timeNative('ffmpeg', [...q, '-i', clip, '-an', ...scene]);
	// Cut detection also makes each shot's keyframe (its middle), as the engine's does.
	const keyframes = framesAt(keyframeTimes, 'k');
	return {
		probeMs: probe,
		sample15Ms: sample.best,
		sampleOneProcessMs: sample.oneProcess,
		samplePerFrameMs: sample.perFrame,
		detectCutsMs: Math.min(changePass, sceneSelect) + keyframes.best,
		changePassMs: changePass,
		sceneSelectMs: sceneSelect,
		keyframesMs: keyframes.best
	};
}

/**
 * Run probe, sampling and cut detection on `file` in a fresh browser; `threads` says whether the
 * page may use threads (cross-origin isolated). With `warm`, core loading is timed on its own.
 */
async function browser(file, threads, warm = true) {
	const server = await serveStatic({ root: join(work, 'media-build'), isolated: threads });
	const host = await chromium.launchServer({
		executablePath: chromiumPath,
		args: chromiumArgs
	});
	const pid = host.process().pid;
	const instance = await chromium.connect(host.wsEndpoint());
	try {
		const page = await instance.newPage();
		await page.goto(`${server.url}/media.html`);
		await page.waitForFunction(() => window.harnessReady);
		await page.setInputFiles('#clip', file);
		// The whole browser (every process) and the tab alone (its renderer: the page and its workers).
		const baseline = pid ? treeRss(pid) : { total: 0, renderer: 0 };
		const peak = { ...baseline };
		// The page names the step it is in, so that each step's peak is known too.
		let stage = 'load';
		const stagePeaks = {};
		await page.exposeFunction('benchStage', (name) => void (stage = name));
		const sampler = setInterval(() => {
			if (!pid) return;
			const rss = treeRss(pid);
			peak.total = Math.max(peak.total, rss.total);
			peak.renderer = Math.max(peak.renderer, rss.renderer);
			const over = stagePeaks[stage] ?? { total: 0, tab: 0 };
			stagePeaks[stage] = {
				total: Math.max(over.total, Math.round((rss.total - baseline.total) / 1e6)),
				tab: Math.max(over.tab, Math.round((rss.renderer - baseline.renderer) / 1e6))
			};
		}, 100);
		const result = await page.evaluate(
			async ({ frameTimes, warm }) => {
				const file = window.pickedFile();
				// After each step: the engine's wasm heap and, where the page may ask (cross-origin
				// isolated), the page's own memory as Chromium counts it (JS heaps, workers, wasm).
				const memory = {};
				const measure = async (step) => {
					const heapMB = Math.round((await window.media.engineHeapBytes(undefined)) / 1e6);
					let uaMB;
					if (crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
						// It resolves after a garbage collection, within about 20 s.
						const result = await Promise.race([
							performance.measureUserAgentSpecificMemory(),
							new Promise((resolve) => setTimeout(resolve, 30_000))
						]);
						if (result) uaMB = Math.round(result.bytes / 1e6);
					}
					memory[step] = { wasmHeapMB: heapMB, pageMB: uaMB };
				};
				const time = async (work) => {
					const start = performance.now();
					const value = await work();
					return [Math.round(performance.now() - start), value];
				};
				// The engine is loaded for the clip it reads (a large clip picks the single-thread core),
				// so loading is timed apart only for the 30 s clip.
				const [loadMs] = warm ? await time(() => window.media.engineInfo(undefined)) : [0];
				await window.benchStage('probe');
				const [probeMs, probe] = await time(() => window.media.probeVideo(undefined, file));
				await measure('probe');
				const engine = await window.media.engineInfo(undefined);
				const options = { ...window.defaultOptions, maxFrames: frameTimes.length };
				await window.benchStage('sample');
				const [sample15Ms, frames] = await time(() =>
					window.media.sampleFrames(undefined, file, probe, options)
				);
				await measure('sample');
				const cutsStart = performance.now();
				let changePassMs = 0;
				const onProgress = (done, total, stage) => {
					if (stage === 'decoding' && done === total) {
						changePassMs = Math.round(performance.now() - cutsStart);
					}
				};
				await window.benchStage('cuts');
				const [detectCutsMs, cuts] = await time(() =>
					window.media.detectCuts(undefined, file, probe, options, { onProgress })
				);
				await measure('cuts');
				return {
					engine,
					memoryByStep: memory,
					loadMs,
					probe,
					probeMs,
					sample15Ms,
					framesMade: frames.length,
					frameTimesS: frames.map((f) => f.timeS),
					detectCutsMs,
					changePassMs,
					keyframesMs: detectCutsMs - changePassMs,
					cutsS: cuts.cutsS,
					framesMeasured: cuts.series.timesS.length
				};
			},
			{ frameTimes: FRAME_TIMES, warm }
		);
		clearInterval(sampler);
		return {
			...result,
			peakRssMB: Math.round(peak.total / 1e6),
			rssOverIdleMB: Math.round((peak.total - baseline.total) / 1e6),
			tabRssOverIdleMB: Math.round((peak.renderer - baseline.renderer) / 1e6),
			rssOverIdleByStepMB: stagePeaks
		};
	} finally {
		await instance.close();
		await host.close();
		await server.close();
	}
}

/** The figures worth comparing from one browser run. */
function summary(run) {
	const { frameTimesS, cutsS, probe, ...rest } = run;
	return { ...rest, durationS: probe.durationS, cuts: cutsS.length, frames: frameTimesS.length };
}

makeClip();
if (runBig) makeBigClip();
if (process.env.BENCH_SKIP_BUILD !== '1') buildHarness();
const runNative =
	hasFfmpeg && process.env.BENCH_ONLY_BIG !== '1' && process.env.BENCH_NATIVE !== '0';
const n = runNative && process.env.BENCH_MAIN !== '0' ? native() : undefined;
const report = {
	clip: { seconds: 30, size: '1920x1080', codec: 'h264', expectedCutsS: CUTS_S },
	...(runBig
		? { bigClip: { bytes: statSync(bigClip).size, size: '1920x1080', codec: 'h264' } }
		: {}),
	native: n,
	cores: {}
};
for (const core of process.env.BENCH_MAIN === '0' ? [] : cores) {
	const threads = core === 'mt';
	if (process.env.BENCH_ONLY_BIG === '1') {
		const big = summary(await browser(bigClip, threads, false));
		report.cores[core] = {
			clip1GB: { ...big, withinMemoryBar: big.tabRssOverIdleMB <= MEMORY_BAR_MB }
		};
		continue;
	}
	const wasm = await browser(clip, threads);
	const missed = CUTS_S.filter((c) => !wasm.cutsS.some((t) => Math.abs(t - c) <= 2 / 30));
	const entry = {
		clip30s: { ...wasm, cutsCorrect: missed.length === 0 && wasm.cutsS.length === CUTS_S.length }
	};
	if (n) {
		entry.ratios = {
			probe: +(wasm.probeMs / n.probeMs).toFixed(2),
			sample15: +(wasm.sample15Ms / n.sample15Ms).toFixed(2),
			detectCuts: +(wasm.detectCutsMs / n.detectCutsMs).toFixed(2),
			changePass: +(wasm.changePassMs / n.changePassMs).toFixed(2),
			keyframes: +(wasm.keyframesMs / n.keyframesMs).toFixed(2)
		};
	}
	if (runBig) {
		const big = summary(await browser(bigClip, threads, false));
		entry.clip1GB = { ...big, withinMemoryBar: big.tabRssOverIdleMB <= MEMORY_BAR_MB };
	}
	report.cores[core] = entry;
}

/** Probe, sample (default options) and find cuts in every matrix clip on one page; frames as JPEG bytes. */
async function browserMatrix(threads, clips) {
	const server = await serveStatic({ root: join(work, 'media-build'), isolated: threads });
	const instance = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	try {
		const page = await instance.newPage();
		await page.goto(`${server.url}/media.html`);
		await page.waitForFunction(() => window.harnessReady);
		await page.evaluate(() => window.media.engineInfo(undefined));
		const results = [];
		for (const clip of clips) {
			await page.setInputFiles('#clip', join(MATRIX_DIR, clip.file));
			results.push(
				await page.evaluate(async () => {
					const file = window.pickedFile();
					const bytes = async (f) => ({
						timeS: f.timeS,
						width: f.width,
						height: f.height,
						jpeg: [...new Uint8Array(await f.blob.arrayBuffer())]
					});
					const started = performance.now();
					try {
						const probe = await window.media.probeVideo(undefined, file);
						const probed = performance.now();
						const frames = await window.media.sampleFrames(undefined, file, probe);
						const sampled = performance.now();
						const cuts = await window.media.detectCuts(undefined, file, probe);
						const done = performance.now();
						return {
							probeMs: Math.round(probed - started),
							sampleMs: Math.round(sampled - probed),
							detectCutsMs: Math.round(done - sampled),
							frames: await Promise.all(frames.map(bytes)),
							keyframes: await Promise.all(cuts.shots.map((shot) => bytes(shot.keyframe))),
							cutsS: cuts.cutsS
						};
					} catch (error) {
						return { error: String(error) };
					}
				})
			);
		}
		return results;
	} finally {
		await instance.close();
		await server.close();
	}
}

/** One row per matrix clip: frames, least PSNR against native, cuts, times and ratios to native. */
async function matrixReport(threads) {
	const clips = makeMatrix().files;
	const runs = await browserMatrix(threads, clips);
	return clips.map((clip, i) => {
		const run = runs[i];
		if (run.error) return { clip: clip.file, codec: clip.codec, refused: run.error };
		const path = join(MATRIX_DIR, clip.file);
		const psnrs = [...run.frames, ...run.keyframes].map((f) =>
			psnrAgainstNative(new Uint8Array(f.jpeg), path, f.timeS, f.width, f.height)
		);
		const found = clip.cutsS.filter((c) =>
			run.cutsS.some((t) => Math.abs(t - c) <= 2 / clip.fps + 0.002)
		);
		const row = {
			clip: clip.file,
			frames: run.frames.length,
			keyframes: run.keyframes.length,
			minPsnrDb: +Math.min(...psnrs).toFixed(1),
			cutsFound: found.length,
			cutsExpected: clip.cutsS.length,
			falseCuts: run.cutsS.length - found.length,
			probeMs: run.probeMs,
			sampleMs: run.sampleMs,
			detectCutsMs: run.detectCutsMs
		};
		if (!hasFfmpeg || process.env.BENCH_NATIVE === '0') return row;
		const n = native(
			path,
			run.frames.map((f) => f.timeS),
			run.keyframes.map((f) => f.timeS),
			Math.max(0, clip.durationS - 0.5)
		);
		return {
			...row,
			nativeSampleMs: n.sample15Ms,
			nativeDetectCutsMs: n.detectCutsMs,
			sampleRatio: +(run.sampleMs / n.sample15Ms).toFixed(2),
			detectCutsRatio: +(run.detectCutsMs / n.detectCutsMs).toFixed(2)
		};
	});
}

/**
 * IndexedDB reads the workspace makes per sampled frame while the 30 s clip is sampled: the app
 * (build/) in Chromium with every IndexedDB read counted, from the first "Sampling frame" to
 * "Finding cuts".
 */
async function readsPerFrame(threads) {
	execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
	const server = await serveStatic({ root: join(root, 'build'), isolated: threads });
	const instance = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
	try {
		const page = await instance.newPage();
		await page.addInitScript(() => {
			window.__idbReads = 0;
			const count = (proto, names) => {
				for (const name of names) {
					const original = proto[name];
					proto[name] = function (...args) {
						window.__idbReads++;
						return original.apply(this, args);
					};
				}
			};
			const reads = [
				'get',
				'getAll',
				'getAllKeys',
				'getKey',
				'count',
				'openCursor',
				'openKeyCursor'
			];
			count(IDBObjectStore.prototype, reads);
			count(IDBIndex.prototype, reads);
		});
		await page.goto(`${server.url}/`);
		await page.getByRole('button', { name: 'New storyboard' }).first().click();
		const dialog = page.getByRole('dialog', { name: 'New storyboard' });
		await dialog.getByRole('radio', { name: /A video/ }).check();
		await dialog.getByRole('textbox', { name: 'Title' }).fill('Reads per frame');
		await dialog.getByRole('button', { name: 'Create storyboard' }).click();
		await page.waitForURL(/\/p\/[0-9a-f-]+$/);
		await page.getByLabel('Add video').setInputFiles(mainClip);
		const reads = () => page.evaluate(() => window.__idbReads);
		await page.getByText(/Sampling frame \d+ of/).waitFor({ timeout: 60_000 });
		const atStart = await reads();
		await page.getByText(/Finding cuts/).waitFor({ timeout: 300_000 });
		const atEnd = await reads();
		const frames = await page
			.getByRole('region', { name: 'Sampled frames' })
			.getByRole('img')
			.count();
		return {
			frames,
			reads: atEnd - atStart,
			readsPerFrame: +((atEnd - atStart) / frames).toFixed(2)
		};
	} finally {
		await instance.close();
		await server.close();
	}
}

/** A part's figures, or what stopped it (so one failing part does not lose the others). */
async function part(work) {
	try {
		return await work();
	} catch (error) {
		return { error: String(error).split('\n')[0] };
	}
}

if (process.env.BENCH_ONLY_BIG !== '1') {
	if (process.env.BENCH_MATRIX !== '0') {
		report.matrix = {};
		for (const core of cores) report.matrix[core] = await part(() => matrixReport(core === 'mt'));
	}
	if (process.env.BENCH_READS !== '0')
		report.indexedDbReads = await part(() => readsPerFrame(true));
}
console.log(JSON.stringify(report, null, 2));
