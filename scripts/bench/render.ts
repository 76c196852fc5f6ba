// `npm run bench:render`: how close rendering gets to the ideal schedule. The fake OpenRouter
// answers every image 1.5 s after the request arrives; 10 shots x 3 styles = 30 items at
// concurrency 6 should take 5 rounds x 1.5 s = 7.5 s. We time from the click on "Render all"
// (the event's own time) to the 30th picture on screen, read the network span and the fake's
// answer times from its log, and record the main thread's longest task meanwhile. The fake sends
// each event in one write here (`splitWrites: false`): splitting them (a parser test) costs it a
// turn of its event loop per half, which on two busy cores made its answers 1.6-1.7 s.
// BENCH_DEBUG=1 also prints each request's start+duration, each picture's arrival, the long
// tasks and every IndexedDB transaction; BENCH_PROFILE=1 prints the top self-time functions of a CPU profile of the page.
// Prints JSON. Needs a build (`vite build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../serve.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import {
	configureApp,
	longTasksOf,
	newIdeaStoryboard,
	startFakeProcess,
	watchLongTasks
} from './support';

const IMAGE_DELAY_MS = 1500;
const SHOTS = 10;
const STYLES = 3;
const CONCURRENCY = 6;
const ITEMS = SHOTS * STYLES;
const IDEAL_MS = Math.ceil(ITEMS / CONCURRENCY) * IMAGE_DELAY_MS;

async function storyboard(page: Page) {
	await newIdeaStoryboard(page, 'Render bench', SHOTS);
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await page.getByText(`${SHOTS} shots written.`).waitFor({ timeout: 60_000 });
	for (let i = 1; i < STYLES; i++) await page.getByRole('button', { name: 'Add style' }).click();
	await page.getByRole('group', { name: `Style ${STYLES}` }).waitFor();
}

const fake = await startFakeProcess({ imageDelayMs: IMAGE_DELAY_MS, splitWrites: false });
const server = await serveStatic({ root: process.env.BUILD_DIR ?? 'build' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	if (process.env.BENCH_DEBUG) await page.addInitScript(recordTransactions);
	await configureApp(page, fake.url, {
		'Image model': 'google/gemini-2.5-flash-image',
		Concurrency: String(CONCURRENCY),
		'Requests per minute': '600'
	});
	await storyboard(page);
	await page.evaluate(() => {
		const w = window as unknown as { __pictures: number[] };
		w.__pictures = [];
		new MutationObserver(() => {
			const count = document.querySelectorAll('button[aria-label^="Open takes of shot"]').length;
			while (w.__pictures.length < count) w.__pictures.push(performance.now());
		}).observe(document.body, { childList: true, subtree: true });
	});
	await watchLongTasks(page);
	const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
	if (cdp) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
	}
	const before = (await fake.log()).length;
	const renderAll = page.getByRole('button', { name: 'Render all' });
	// Timed from the click itself: Playwright's own checks before it are not the app's time.
	await renderAll.evaluate((button) =>
		button.addEventListener(
			'click',
			(event) => ((window as unknown as { __clickedAt: number }).__clickedAt = event.timeStamp),
			{ capture: true, once: true }
		)
	);
	await renderAll.click();
	const started = await page.evaluate(
		() => (window as unknown as { __clickedAt: number }).__clickedAt
	);
	await page.waitForFunction(
		(n) => (window as unknown as { __pictures: number[] }).__pictures.length >= n,
		ITEMS,
		{ timeout: 120_000, polling: 50 }
	);
	const pictures = await page.evaluate(
		() => (window as unknown as { __pictures: number[] }).__pictures
	);
	const longTasks = await longTasksOf(page);
	if (cdp) {
		const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
			profile: {
				nodes: {
					id: number;
					callFrame: { functionName: string; url: string; lineNumber: number };
				}[];
				samples: number[];
				timeDeltas: number[];
			};
		};
		const self = new Map<number, number>();
		profile.samples.forEach((id, i) =>
			self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
		);
		const byName = new Map<string, number>();
		for (const node of profile.nodes) {
			const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
			byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
		}
		console.log(
			[...byName.entries()]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 25)
				.map(([n, t]) => `${Math.round(t / 1000)}ms ${n}`)
				.join('\n')
		);
	}
	const during = (await fake.log()).slice(before);
	const images = during.filter((r) => r.body?.modalities?.includes('image') && r.status === 200);
	const networkMs =
		Math.max(...images.map((r) => r.at + (r.durationMs ?? 0))) -
		Math.min(...images.map((r) => r.at));
	const totalMs = Math.round(pictures[ITEMS - 1]! - started);
	const result = {
		benchmark: 'render-all',
		items: ITEMS,
		concurrency: CONCURRENCY,
		imageDelayMs: IMAGE_DELAY_MS,
		imageRequests: images.length,
		idealMs: IDEAL_MS,
		totalMs,
		ratioToIdeal: Number((totalMs / IDEAL_MS).toFixed(3)),
		targetRatio: 1.1,
		networkSpanMs: Math.round(networkMs),
		fakeAnswerMs: spread(images.map((r) => r.durationMs ?? 0)),
		maxInFlight: maxOverlap(images.map((r) => [r.at, r.at + (r.durationMs ?? 0)])),
		// The Long Tasks API reports only tasks over 50 ms: none means the longest stayed under it.
		longestMainThreadTaskMs: longTasks.length ? Math.round(Math.max(...longTasks)) : '<50',
		longTasksOver50Ms: longTasks.length,
		targetLongestTaskMs: 50
	};
	console.log(JSON.stringify(result, null, 2));
	if (process.env.BENCH_DEBUG) {
		const t0 = Math.min(...images.map((r) => r.at));
		console.log(images.map((r) => `${r.at - t0}+${r.durationMs}`).join(' '));
		console.log(
			'Every request meanwhile:',
			during.map((r) => `${r.method} ${r.path} ${r.at - t0}+${r.durationMs}`).join(', ')
		);
		console.log(pictures.map((p) => Math.round(p - started)).join(' '));
		console.log(longTasks.map(Math.round).join(' '));
		const transactions = await page.evaluate(
			() => (window as unknown as { __transactions: [number, number, string][] }).__transactions
		);
		console.log('IndexedDB transactions (start+duration scope mode):');
		for (const [at, ms, what] of transactions) {
			if (at >= started) console.log(`${Math.round(at - started)}+${Math.round(ms)} ${what}`);
		}
	}
} finally {
	await browser.close();
	await server.close();
	await fake.close();
}

/** Page script: log every IndexedDB transaction's start, duration, scope and mode. */
function recordTransactions() {
	const log: [number, number, string][] = [];
	(window as unknown as { __transactions: typeof log }).__transactions = log;
	const open = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (
		this: IDBDatabase,
		...args: Parameters<typeof open>
	) {
		const tx = open.apply(this, args);
		const at = performance.now();
		const what = `${[args[0]].flat().join('+')} ${args[1] ?? 'readonly'}`;
		tx.addEventListener('complete', () => log.push([at, performance.now() - at, what]));
		return tx;
	};
}

function maxOverlap(spans: number[][]): number {
	const events = spans.flatMap(([start, end]) => [
		[start!, 1],
		[end!, -1]
	]);
	events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
	let now = 0;
	let max = 0;
	for (const [, delta] of events) max = Math.max(max, (now += delta!));
	return max;
}

/** Smallest, middle and largest of some durations. */
function spread(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		min: sorted[0],
		median: sorted[Math.floor(sorted.length / 2)],
		max: sorted[sorted.length - 1]
	};
}
