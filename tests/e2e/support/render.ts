import { expect, type Page } from '@playwright/test';
import type { FakeOpenRouter } from '../../fake-openrouter';
import type { LoggedRequest } from '../../fake-openrouter/types';
import { createStoryboard } from './app';

export const STYLE_DIR = 'tests/fixtures/styles';

/** An idea storyboard with `count` shots written by the fake director. */
export async function storyboardWithShots(page: Page, title: string, count: number) {
	await createStoryboard(
		page,
		title,
		'idea',
		'A courier races a paper lantern through a night market.'
	);
	await page.getByLabel('Shot count').fill(String(count));
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(page.getByText(`${count} shots written.`)).toBeVisible({ timeout: 20_000 });
}

/** Give style `index` (1-based) a name, words and a reference image file. */
export async function setStyle(
	page: Page,
	index: number,
	{ name, words, reference }: { name: string; words?: string; reference?: string }
) {
	const style = page.getByRole('group', { name: `Style ${index}` });
	await style.getByLabel('Style name').fill(name);
	await style.getByLabel('Style name').press('Tab');
	if (words) {
		await style.getByLabel('Style words').fill(words);
		await style.getByLabel('Style words').press('Tab');
	}
	if (reference) {
		await style.getByLabel(/^Style reference image for/).setInputFiles(`${STYLE_DIR}/${reference}`);
		await expect(style.getByRole('img', { name: /^Style reference of/ })).toBeVisible();
	}
}

/** Image requests the fake answered in full (the client got the whole answer). */
export function deliveredImages(fake: FakeOpenRouter): LoggedRequest[] {
	return fake
		.requests({ method: 'POST', path: '/chat/completions' })
		.filter((r) => r.body?.modalities?.includes('image'))
		.filter((r) => r.status === 200 && r.outcome === 'ok' && r.finished && !r.disconnected);
}

/** The shot title a render request was for (the prompt's "Title:" line). */
export function titleOf(request: LoggedRequest): string {
	return /Title: (.*)/.exec(request.body?.text ?? '')?.[1] ?? '';
}
