// `npm run bench:ai`: how fast streamed shots reach the screen. The fake OpenRouter streams the
// director's answer at a fixed token rate; for every shot we compare the moment its JSON object
// closed on the wire (the fake's write time) with the moment its card appeared (a
// MutationObserver in the page), and record the main thread's longest task while shots stream.
// Prints JSON. Needs a build (`vite build`) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { chromium, type Page } from '@playwright/test';
import { startFakeOpenRouter } from '../../tests/fake-openrouter';
import { ShotStreamParser } from '../../src/lib/director/shot-stream';
import { serveStatic } from '../serve.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { configureApp, longTasksOf, newIdeaStoryboard, watchLongTasks } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHOTS = 10;
const TOKEN_DELAY_MS = 15;
const CHARS_PER_CHUNK = 6;

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function runOnce(page: Page, run: number) {
	await newIdeaStoryboard(page, `Bench ${run}`, SHOTS);
	await watchLongTasks(page);
	await page.evaluate(() => {
		const w = window as unknown as { __cards: number[] };
		w.__cards = [];
		new MutationObserver(() => {
			const count = document.querySelectorAll('article[aria-label^="Shot "]').length;
			while (w.__cards.length < count) w.__cards.push(Date.now());
		}).observe(document.body, { childList: true, subtree: true });
	});
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await page.getByText(`${SHOTS} shots written.`).waitFor({ timeout: 60_000 });
	const cards = await page.evaluate(() => (window as unknown as { __cards: number[] }).__cards);
	return { cards, longTasks: await longTasksOf(page) };
}

const fake = await startFakeOpenRouter({
	tokenDelayMs: TOKEN_DELAY_MS,
	charsPerChunk: CHARS_PER_CHUNK,
	keepAliveEveryChunks: 0
});
const server = await serveStatic({ root: process.env.BUILD_DIR ?? 'build' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	await configureApp(page, fake.url, { 'Director model': 'openai/gpt-4o-mini' });
	await page.getByTestId('price-director').waitFor();
	const delays: number[] = [];
	const longTasks: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const { cards, longTasks: tasks } = await runOnce(page, run);
		longTasks.push(...tasks);
		const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
		const timeline = request.contentTimeline;
		// Where each shot object closes in the streamed text, then when that byte was written.
		const closes: number[] = [];
		let text = '';
		const parser = new ShotStreamParser(() => closes.push(text.length));
		for (const step of timeline) {
			for (const ch of step.piece) {
				text += ch;
				parser.push(ch);
			}
		}
		closes.forEach((offset, index) => {
			const wire = timeline.find((step) => step.length >= offset)?.at;
			const card = cards[index];
			if (wire !== undefined && card !== undefined) delays.push(card - wire);
		});
	}
	const result = {
		benchmark: 'ai-director-stream',
		shotsMeasured: delays.length,
		tokenDelayMs: TOKEN_DELAY_MS,
		charsPerChunk: CHARS_PER_CHUNK,
		wireToCardMs: {
			p50: Math.round(percentile(delays, 50)),
			p95: Math.round(percentile(delays, 95)),
			max: Math.round(Math.max(...delays))
		},
		targetP95Ms: 100,
		// The Long Tasks API reports only tasks over 50 ms: none means the longest stayed under it.
		longestMainThreadTaskMs: longTasks.length ? Math.round(Math.max(...longTasks)) : '<50',
		longTasksOver50Ms: longTasks.length,
		targetLongestTaskMs: 50
	};
	console.log(JSON.stringify(result, null, 2));
} finally {
	await browser.close();
	await server.close();
	await fake.close();
}
