import { expect, type Page } from '@playwright/test';
import type { FakeOpenRouter } from '../../fake-openrouter';
import type { LoggedRequest } from '../../fake-openrouter/types';
import { createStoryboard } from './app';
import { openProjectId, putRecords, storedRecords, type StoredBlob } from './stored';

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

/** Set how many images are asked for at once (Settings). */
export async function setConcurrency(page: Page, count: number) {
	await page.goto('/settings');
	await page.getByLabel('Concurrency').fill(String(count));
	await page.getByLabel('Concurrency').press('Tab');
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

/** What one shot becomes in `giveBeats`: its beats' actions, and how it begins. */
export interface BeatPlan {
	/** 1-based. */
	shot: number;
	actions: string[];
	transition?: 'cut' | 'dissolve';
}

/**
 * Give shots of the open storyboard several beats (and a transition), written straight into
 * IndexedDB while the storyboard is closed, then open it again. (Until the director writes
 * beats and the shot editor has "Add beat", this is how a test gets a shot with beats.)
 */
export async function giveBeats(page: Page, plans: BeatPlan[]) {
	await expect(page.getByText('All changes saved')).toBeVisible();
	const url = page.url();
	const projectId = new URL(url).pathname.split('/').pop()!;
	await page.goto('/');
	const shots = await storedRecords(page, 'shots', { projectId });
	shots.sort((a, b) => Number(a.order) - Number(b.order));
	const changed = plans.map((plan) => {
		const shot = shots[plan.shot - 1]!;
		const first = (shot.beats as { id: string }[] | undefined)?.[0]?.id ?? `${shot.id}#1`;
		return {
			...shot,
			beats: plan.actions.map((action, index) => ({
				id: index === 0 ? first : `${String(shot.id)}#b${index + 1}`,
				action,
				camera: ''
			})),
			...(plan.transition ? { transition: plan.transition } : {})
		};
	});
	await putRecords(page, 'shots', changed);
	await page.goto(url);
	await expect(page.getByRole('article', { name: 'Shot 1' })).toBeVisible();
}

/** A render request's beat: "2.3" from its shot's place among `titles` and its "panel M of K" line. */
export function beatOf(request: LoggedRequest, titles: readonly string[]): string {
	const shot = titles.indexOf(titleOf(request)) + 1;
	const panel = /Moment: panel (\d+) of \d+/.exec(request.body?.text ?? '')?.[1] ?? '1';
	return `${shot}.${panel}`;
}

/** The shot titles of the open storyboard, in order. */
export function shotTitles(page: Page): Promise<string[]> {
	return page
		.getByRole('article', { name: /^Shot \d+$/ })
		.getByLabel('Title')
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

/**
 * A take as saved: its kind, its beat ("2.3"), style name, whether chosen, and its picture's
 * (a clip's still's) short SHA-256, as the fake logs it.
 */
export interface SavedTake {
	kind: 'image' | 'video';
	beat: string;
	style: string;
	chosen: boolean;
	sha256: string;
}

/** Every image take of the open storyboard, read from IndexedDB. */
export async function savedImageTakes(page: Page): Promise<SavedTake[]> {
	return (await savedTakes(page)).filter((take) => take.kind === 'image');
}

/** Every take (pictures and clips) of the open storyboard, read from IndexedDB. */
export async function savedTakes(page: Page): Promise<SavedTake[]> {
	const projectId = openProjectId(page);
	type Row = Record<string, unknown>;
	const [shots, styles, takes, assets] = await Promise.all([
		storedRecords<Row>(page, 'shots', { projectId }),
		storedRecords<Row>(page, 'styles', { projectId }),
		storedRecords<Row>(page, 'takes', { projectId }),
		storedRecords<Row & { blob: StoredBlob }>(page, 'assets', { projectId, blobs: 'hash' })
	]);
	shots.sort((a, b) => Number(a.order) - Number(b.order));
	return takes.map((take) => {
		const shotIndex = shots.findIndex((s) => s.id === take.shotId);
		const beats = (shots[shotIndex]?.beats as { id: string }[] | undefined) ?? [];
		const beatId = (take.beatId as string | undefined) ?? `${String(take.shotId)}#1`;
		return {
			kind: take.kind as 'image' | 'video',
			beat: `${shotIndex + 1}.${beats.findIndex((b) => b.id === beatId) + 1}`,
			style: String(styles.find((s) => s.id === take.styleId)?.name),
			chosen: take.chosen === true,
			sha256: assets.find((a) => a.id === take.imageAssetId)?.blob.sha256 ?? ''
		};
	});
}
