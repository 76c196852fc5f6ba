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

/** The intake's status line while it works (it has a Cancel button then), or '' when idle. */
async function status() {
	const video = page.getByRole('region', { name: 'Video' });
	if ((await video.getByRole('button', { name: 'Cancel' }).count()) === 0) return '';
	return (await video.getByRole('status').first().textContent()) ?? '';
}

/** Poll the status line until `done` says so or `ms` pass; returns the last status seen. */
async function waitFor(done, ms) {
	const until = Date.now() + ms;
	let last = '';
	while (Date.now() < until) {
		last = await status();
		if (await done(last)) return { ok: true, last };
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { ok: false, last };
}

const finished = async () =>
	(await page.getByText('4 cuts, 5 shots').count()) > 0 ||
	(await page.getByRole('alert').count()) > 0;

const results = [];
for (let round = 0; round < rounds; round++) {
	const before = stalls;
	const start = Date.now();
	const reloaded = round % 2 === 0;
	const record = {};
	await page.getByLabel('Add video').setInputFiles(clip);
	// Every other round: reload while frames are being made, then add the clip again.
	if (reloaded) {
		const sampling = await waitFor((line) => /Sampling frame [2-9]/.test(line), 180_000);
		record.beforeReload = sampling.ok ? 'sampling' : `stuck at "${sampling.last}"`;
		await page.reload();
		await page.getByLabel('Add video').setInputFiles(clip);
	}
	// A new clip clears the old cuts the moment it is read, so wait for the busy state first.
	await waitFor(async (line) => line !== '' || !(await finished()), 30_000);
	const outcome = await waitFor(async (line) => line === '' && (await finished()), 180_000);
	const alert = (await page.getByRole('alert').count())
		? await page.getByRole('alert').innerText()
		: undefined;
	results.push({
		round,
		reloaded,
		...record,
		ms: Date.now() - start,
		stalls: stalls - before,
		outcome: outcome.ok ? (alert ?? 'done') : `stuck at "${outcome.last}"`
	});
	console.error(JSON.stringify(results.at(-1)));
	await page.reload();
}
console.log(JSON.stringify({ isolated, rounds, stalls, results }, null, 2));
await browser.close();
await server.close();
