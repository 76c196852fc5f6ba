#!/usr/bin/env node
// Tries to reproduce the engine hang seen once after a reload: adds a clip, reloads while frames
// are being sampled, adds it again, and so on. Each round reports how long the clip took and
// whether the watchdog had to replace a silent engine. Usage (after `npx vite build`):
//   node scripts/bench/reload-loop.mjs [rounds] [--single-thread]
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serveStatic } from '../serve.mjs';

const root = new URL('../../', import.meta.url).pathname;
const rounds = Number(process.argv[2] ?? 10);
const isolated = !process.argv.includes('--single-thread');
const clip = join(root, 'tests/fixtures/media/cuts-h264.mp4');

const server = await serveStatic({ root: join(root, 'build'), isolated });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage();
let stalls = 0;
const onConsole = (message) => {
	if (/stalled/.test(message.text())) stalls++;
};
page.on('console', onConsole);
page.on('worker', (worker) => worker.on('console', onConsole));
await page.goto(`${server.url}/`);
await page.getByRole('button', { name: 'New storyboard' }).first().click();
const dialog = page.getByRole('dialog', { name: 'New storyboard' });
await dialog.getByRole('radio', { name: /A video/ }).check();
await dialog.getByRole('textbox', { name: 'Title' }).fill('Reload loop');
await dialog.getByRole('button', { name: 'Create storyboard' }).click();
await page.waitForURL(/\/p\//);

const results = [];
for (let round = 0; round < rounds; round++) {
	const before = stalls;
	const start = Date.now();
	await page.getByLabel('Add video').setInputFiles(clip);
	// Every other round: reload as soon as the first frame is being made, then add it again.
	if (round % 2 === 0) {
		await page.getByText(/Sampling frame [2-4] of/).waitFor({ timeout: 120_000 });
		await page.reload();
		await page.getByLabel('Add video').setInputFiles(clip);
	}
	let outcome = 'done';
	try {
		await page.getByText('4 cuts, 5 shots').waitFor({ timeout: 180_000 });
	} catch {
		outcome = (await page.getByRole('alert').count())
			? await page.getByRole('alert').innerText()
			: 'timeout';
	}
	results.push({
		round,
		reloaded: round % 2 === 0,
		ms: Date.now() - start,
		stalls: stalls - before,
		outcome
	});
	console.error(JSON.stringify(results.at(-1)));
	await page.reload();
}
console.log(JSON.stringify({ isolated, rounds, stalls, results }, null, 2));
await browser.close();
await server.close();
