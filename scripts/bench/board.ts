// `npm run bench:board`: how a big storyboard opens and scrolls. A storyboard of BENCH_SHOTS
// shots (default 2,000, the import limit; every third with a rendered picture) is written
// straight into IndexedDB, then opened cold in a new tab, timed from navigation start to the
// first card on screen. Then the mouse wheel scrolls it from
// top to bottom, BENCH_STEP px a frame (default 1,000), while the page records every
// requestAnimationFrame delta and long task (over 50 ms); last, the last shot is moved up
// with the keyboard, timed to its announcement. Prints JSON; BENCH_PROFILE=1 first
// prints the top self-time functions of a CPU profile of the scroll. Needs a build
// (`vite build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium). BENCH_VIEW=board
// measures the board of frames instead of the list of forms (the board's last frame moves
// one place back with ←).
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../serve.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { seedBigBoard } from '../../tests/e2e/support/big-board';

const SHOTS = Number(process.env.BENCH_SHOTS ?? 2000);
const STEP = Number(process.env.BENCH_STEP ?? 1000);
/** Give up scrolling after this many wheel turns (an unwindowed list can take minutes). */
const MAX_STEPS = Number(process.env.BENCH_MAX_STEPS ?? 3000);
const VIEW = process.env.BENCH_VIEW === 'board' ? 'board' : 'list';
/** What one shot's card is in the view measured. */
const CARD = VIEW === 'board' ? 'li[data-frame]' : 'article[data-shot-id]';

interface Probe {
	firstCardMs?: number;
	longTasks: { at: number; ms: number }[];
	frames: number[];
	recording: boolean;
}

/** Page script: note when the first shot card is on screen, and every long task. */
function probe(card: string) {
	const w = window as unknown as { __probe: Probe };
	const state: Probe = { longTasks: [], frames: [], recording: false };
	w.__probe = state;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			state.longTasks.push({ at: entry.startTime, ms: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	// No named inner functions: tsx would wrap them in a helper the page does not have.
	const observer = new MutationObserver(() => {
		if (state.firstCardMs !== undefined) return;
		const first = document.querySelector(card);
		if (!first) return;
		const box = first.getBoundingClientRect();
		if (box.bottom <= 0 || box.top >= innerHeight) return;
		// On screen once the frame that shows it is painted.
		requestAnimationFrame(() => setTimeout(() => (state.firstCardMs = performance.now())));
		observer.disconnect();
	});
	document.addEventListener('DOMContentLoaded', () =>
		observer.observe(document.body, { childList: true, subtree: true })
	);
}

function mountedCards(page: Page) {
	return page.evaluate((card) => document.querySelectorAll(card).length, CARD);
}

function percentile(values: number[], p: number) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The 25 functions with the most self time in a CPU profile, one a line. */
function topSelfTime(profile: {
	nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
	samples?: number[];
	timeDeltas?: number[];
}): string {
	const self = new Map<number, number>();
	(profile.samples ?? []).forEach((id, i) =>
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0))
	);
	const byName = new Map<string, number>();
	for (const node of profile.nodes) {
		const frame = node.callFrame;
		const name = `${frame.functionName || '(anon)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
		byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
	}
	return [...byName.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 25)
		.map(([name, us]) => `${Math.round(us / 1000)}ms ${name}`)
		.join('\n');
}

const round = (n: number) => Math.round(n * 10) / 10;

const server = await serveStatic({ root: process.env.BUILD_DIR ?? 'build' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const context = await browser.newContext({
		baseURL: server.url,
		viewport: { width: 1280, height: 900 }
	});
	const setup = await context.newPage();
	const seedStarted = Date.now();
	const board = await seedBigBoard(setup, SHOTS, 'Bench board', VIEW);
	const seedMs = Date.now() - seedStarted;
	await setup.close();

	const page = await context.newPage();
	await page.addInitScript(probe, CARD);
	await page.goto(board.url);
	await page.waitForFunction(
		() => (window as unknown as { __probe: Probe }).__probe.firstCardMs !== undefined,
		undefined,
		{ timeout: 600_000, polling: 50 }
	);
	const opened = await page.evaluate(() => {
		const state = (window as unknown as { __probe: Probe }).__probe;
		return {
			firstCardMs: state.firstCardMs!,
			longTasks: state.longTasks.filter((t) => t.at <= state.firstCardMs!).map((t) => t.ms)
		};
	});
	const mountedAfterOpen = await mountedCards(page);
	const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);

	// Scroll with the wheel, one turn a frame, recording frame times meanwhile.
	await page.mouse.move(640, 450);
	await page.evaluate(() => {
		const state = (window as unknown as { __probe: Probe }).__probe;
		state.longTasks = [];
		state.recording = true;
		let last = performance.now();
		const loop = {
			frame(now: number) {
				state.frames.push(now - last);
				last = now;
				if (state.recording) requestAnimationFrame((next) => loop.frame(next));
			}
		};
		requestAnimationFrame((now) => loop.frame(now));
	});
	const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : undefined;
	if (cdp) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
		await cdp.send('Profiler.start');
	}
	const scrollStarted = Date.now();
	let steps = 0;
	let maxMounted = 0;
	let backwards = 0;
	let lastY = 0;
	for (; steps < MAX_STEPS; steps++) {
		await page.mouse.wheel(0, STEP);
		const at = await page.evaluate(
			(card) =>
				new Promise<{ y: number; end: boolean; mounted: number }>((resolve) =>
					requestAnimationFrame(() =>
						resolve({
							y: scrollY,
							end: scrollY + innerHeight >= document.documentElement.scrollHeight - 2,
							mounted: document.querySelectorAll(card).length
						})
					)
				),
			CARD
		);
		if (at.y < lastY - 1) backwards++;
		lastY = at.y;
		maxMounted = Math.max(maxMounted, at.mounted);
		if (at.end) break;
	}
	const scrollMs = Date.now() - scrollStarted;
	const scrolled = await page.evaluate(() => {
		const state = (window as unknown as { __probe: Probe }).__probe;
		state.recording = false;
		return { frames: state.frames.slice(1), longTasks: state.longTasks.map((t) => t.ms) };
	});
	if (cdp) console.log(topSelfTime((await cdp.send('Profiler.stop')).profile));
	const lastShot =
		VIEW === 'board'
			? page.getByRole('button', { name: new RegExp(`^Shot ${SHOTS}(: |$)`) })
			: page.getByRole('article', { name: `Shot ${SHOTS}`, exact: true });
	const reachedEnd = await lastShot.isVisible();

	// Move the last shot up one place with the keyboard, timed to the announcement.
	await page.getByRole('button', { name: new RegExp(`^Reorder shot ${SHOTS}\\b`) }).focus();
	const moveStarted = Date.now();
	await page.keyboard.press(VIEW === 'board' ? 'ArrowLeft' : 'ArrowUp');
	await page
		.getByText(`Shot moved to position ${SHOTS - 1} of ${SHOTS}.`)
		.waitFor({ state: 'attached', timeout: 60_000 });
	const keyboardMoveMs = Date.now() - moveStarted;

	const result = {
		benchmark: 'big-board',
		view: VIEW,
		shots: SHOTS,
		seedMs,
		open: {
			firstCardMs: Math.round(opened.firstCardMs),
			longTasks: opened.longTasks.length,
			longestTaskMs: Math.round(Math.max(0, ...opened.longTasks)),
			mountedCards: mountedAfterOpen,
			domElements: domNodes
		},
		scroll: {
			wheelSteps: steps + 1,
			stepPx: STEP,
			durationMs: scrollMs,
			frames: scrolled.frames.length,
			p50FrameMs: round(percentile(scrolled.frames, 50)),
			p95FrameMs: round(percentile(scrolled.frames, 95)),
			maxFrameMs: round(Math.max(0, ...scrolled.frames)),
			longTasks: scrolled.longTasks.length,
			longestTaskMs: Math.round(Math.max(0, ...scrolled.longTasks)),
			maxMountedCards: maxMounted,
			backwardJumps: backwards,
			reachedShot: reachedEnd ? SHOTS : null
		},
		keyboardMoveMs
	};
	console.log(JSON.stringify(result, null, 2));
} finally {
	await browser.close();
	await server.close();
}
