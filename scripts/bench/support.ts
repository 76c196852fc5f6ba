// What the browser benchmarks share: pointing the built app at the fake and making a storyboard.
import type { Page } from '@playwright/test';

/** Save a key and point the app at the fake, with any more Settings fields (label → value). */
export async function configureApp(
	page: Page,
	baseUrl: string,
	fields: Record<string, string> = {}
) {
	await page.goto('/settings');
	await page.getByLabel('API key', { exact: true }).fill('sk-or-v1-bench-key');
	await page.getByRole('button', { name: 'Save key', exact: true }).click();
	await page.getByLabel('Base URL').fill(baseUrl);
	await page.getByLabel('Base URL').press('Tab');
	for (const [label, value] of Object.entries(fields)) {
		await page.getByLabel(label).fill(value);
		await page.getByLabel(label).press('Tab');
	}
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
