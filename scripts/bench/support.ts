// What the browser benchmarks share: pointing the built app at the fake and making a storyboard.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { FakeMode, LoggedRequest } from '../../tests/fake-openrouter/types';

/** Save a key and point the app at the fake, with any more Settings fields (label → value). */
export async function configureApp(
	page: Page,
	baseUrl: string,
	fields: Record<string, string> = {}
) {
	await page.goto('/settings');
	await page.getByLabel('API key', { exact: true }).fill('sk-or-v1-bench-key');
	await page.getByRole('button', { name: 'Save key', exact: true }).click();
	const wanted = Object.entries({ 'Base URL': baseUrl, ...fields });
	for (const [label, value] of wanted) {
		await page.getByLabel(label).fill(value);
		await page.getByLabel(label).press('Tab');
	}
	// A lost setting skews every figure (a run once measured the default 20 requests per
	// minute): read the saved values back before timing anything.
	await page.reload();
	for (const [label, value] of wanted) await expect(page.getByLabel(label)).toHaveValue(value);
}

/** A new idea storyboard asking for `shots` shots, left open in its workspace. */
export async function newIdeaStoryboard(page: Page, title: string, shots: number) {
	await page.goto('/');
	await page.getByRole('button', { name: 'New storyboard' }).first().click();
	await page.getByRole('radio', { name: /An idea/ }).check();
	await page.getByRole('textbox', { name: 'Title' }).fill(title);
	await page
		.getByRole('textbox', { name: 'Premise' })
		.fill('A courier races a lantern through a night market.');
	await page.getByRole('button', { name: 'Create storyboard' }).click();
	await page.getByLabel('Shot count').fill(String(shots));
	await page.getByLabel('Shot count').press('Tab');
}

/** Start recording the page's long tasks (over 50 ms) into `window.__longTasks`. */
export async function watchLongTasks(page: Page) {
	await page.evaluate(() => {
		const w = window as unknown as { __longTasks: number[] };
		w.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
		}).observe({ type: 'longtask' });
	});
}

/** The long tasks recorded since `watchLongTasks`. */
export function longTasksOf(page: Page): Promise<number[]> {
	return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/** The fake OpenRouter running in a process of its own, so its work never delays the browser's or the bench's. */
export interface FakeProcess {
	url: string;
	/** The fake's request log, oldest first. */
	log(): Promise<LoggedRequest[]>;
	close(): Promise<void>;
}

/** Start `tests/fake-openrouter/cli.mjs` with these mode options and wait until it listens. */
export async function startFakeProcess(options: Partial<FakeMode>): Promise<FakeProcess> {
	const cli = fileURLToPath(new URL('../../tests/fake-openrouter/cli.mjs', import.meta.url));
	const args = Object.entries(options).flatMap(([name, value]) => [`--${name}`, String(value)]);
	const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
	const { url, origin } = await new Promise<{ url: string; origin: string }>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (data: Buffer) => {
			out += data.toString();
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (line) resolve(JSON.parse(line) as { url: string; origin: string });
		});
		child.once('exit', (code) => reject(new Error(`the fake OpenRouter exited (${code})`)));
	});
	return {
		url,
		log: async () => {
			const response = await fetch(`${origin}/__fake/log`);
			return ((await response.json()) as { log: LoggedRequest[] }).log;
		},
		close: () =>
			new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
