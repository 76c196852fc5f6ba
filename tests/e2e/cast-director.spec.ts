import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { createStoryboard } from './support/app';
import { castPanel } from './support/cast';
import { savedShots } from './support/saved-shots';
import { openProjectId, storedRecords } from './support/stored';
import { DESKTOP, PHONE, screenshot } from './support/viewport';

// The director proposes a cast and names it in its shots and beats (1 for a static shot, 3 for
// the second, where the action unfolds).
test.beforeEach(({ fake }) => {
	fake.setMode({ beatsPerShot: null, directorCast: true });
});

const PREMISE = 'Kofi races a paper lantern through a night market before midnight.';

const chipsOf = (page: Page, number: number) =>
	page
		.getByRole('article', { name: `Shot ${number}` })
		.getByRole('group', { name: `Cast of shot ${number}` });

/** The names on a shot's chips, in order. */
async function chipNames(page: Page, number: number): Promise<string[]> {
	const labels = await chipsOf(page, number)
		.getByRole('button', { name: /^Remove .+ from shot \d+$/ })
		.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''));
	return labels.map((label) => label.replace(/^Remove (.+) from shot \d+$/, '$1'));
}

/** A storyboard from the premise, connected to the fake, with `count` shots generated. */
async function generateFromPremise(
	page: Page,
	fake: Parameters<typeof connectToFake>[1],
	title: string,
	count: number
) {
	await connectToFake(page, fake);
	await createStoryboard(page, title, 'idea', PREMISE);
	await page.getByLabel('Shot count').fill(String(count));
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** The open storyboard's cast as saved in this browser: member names by id. */
async function savedCast(page: Page): Promise<Record<string, string>> {
	const members = await storedRecords<{ id: string; name: string }>(page, 'cast', {
		projectId: openProjectId(page)
	});
	return Object.fromEntries(members.map((member) => [member.id, member.name]));
}

test('a premise yields cast proposals and tagged shots, kept after a reload and undone together', async ({
	page,
	fake
}) => {
	await generateFromPremise(page, fake, 'Lantern run', 4);
	const outcome = page.getByText(
		/^4 shots written\. The director proposed 3 cast members: Kofi, (\w+) and Night market\.$/
	);
	await expect(outcome).toBeVisible();
	const second = /members: Kofi, (\w+) and/.exec((await outcome.textContent()) ?? '')![1]!;

	// The request asked for the cast before the shots.
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	const schema = request.body!.responseFormat!.schema as { properties: object };
	expect(Object.keys(schema.properties)).toEqual(['cast', 'shots']);

	// The Cast panel opened with the members the director proposed, described.
	const panel = castPanel(page);
	await expect(panel.getByText('3 members')).toBeVisible();
	await expect(panel.getByRole('group', { name: 'Kofi' }).getByLabel('Description')).toHaveValue(
		/\w+, .+/
	);
	await expect(panel.getByRole('group', { name: 'Night market' }).getByLabel('Kind')).toHaveValue(
		'location'
	);

	// Each shot shows its members as chips, in the order they matter; Kofi is in three of them.
	const expected = [['Night market', 'Kofi'], ['Kofi', second], ['Kofi'], [second, 'Night market']];
	const chips = async () => Promise.all([1, 2, 3, 4].map((number) => chipNames(page, number)));
	await expect.poll(chips).toEqual(expected);

	// The shot of three beats carries its cast beat by beat, where it differs from the shot's.
	const beatCasts = async () => {
		const names = await savedCast(page);
		const shots = await savedShots(page);
		return shots.map((shot) => shot.beats.map((beat) => beat.cast?.map((id) => names[id])));
	};
	await expect
		.poll(beatCasts)
		.toEqual([[undefined], [['Kofi'], undefined, [second]], [undefined], [undefined]]);

	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		`The director proposed 3 cast members: Kofi, ${second} and Night market.`
	);

	await page.reload();
	await expect.poll(chips).toEqual(expected);
	await expect(castPanel(page).getByText('3 members')).toBeVisible();
	await expect
		.poll(beatCasts)
		.toEqual([[undefined], [['Kofi'], undefined, [second]], [undefined], [undefined]]);

	// One step undoes the whole run: its shots and the members it proposed.
	await page.getByRole('button', { name: 'Undo add 4 shots and add 3 cast members' }).click();
	await expect(page.getByRole('article', { name: /^Shot \d+$/ })).toHaveCount(0);
	for (const name of ['Kofi', second, 'Night market']) {
		await expect(castPanel(page).getByRole('group', { name })).toHaveCount(0);
	}
	await expect(
		castPanel(page).getByText('Characters, props and places that appear in several shots')
	).toBeVisible();
	await expect.poll(() => savedCast(page)).toEqual({});
	await page.getByRole('button', { name: 'Redo add 4 shots and add 3 cast members' }).click();
	await expect.poll(chips).toEqual(expected);
});

test('a second run names the existing cast instead of proposing it again', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Second run', 'idea', PREMISE);
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add character' }).click();
	const card = panel.getByRole('group', { name: 'Character 1' });
	await card.getByLabel('Name').fill('Mara');
	await card.getByLabel('Name').press('Tab');
	const mara = panel.getByRole('group', { name: 'Mara' });
	await mara.getByLabel('Description').fill('Thirties, red raincoat');
	await mara.getByLabel('Description').blur();

	await page.getByLabel('Shot count').fill('3');
	await page.getByLabel('Shot count').press('Tab');
	await page.getByRole('button', { name: 'Generate shots' }).click();
	await expect(
		page.getByText(/^3 shots written\. The director proposed 2 cast members/)
	).toBeVisible();
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain('- Mara (character): Thirties, red raincoat');
	// Mara is named, not proposed again: still one Mara, in the shots the lead is in.
	await expect(panel.getByRole('group', { name: 'Mara' })).toHaveCount(1);
	await expect.poll(() => chipNames(page, 3)).toEqual(['Mara']);
	await expect(panel.getByText('3 members')).toBeVisible();
});

test.describe('how the proposed cast looks', () => {
	for (const size of [DESKTOP, PHONE]) {
		test.describe(`at ${size.viewport.width} px`, () => {
			test.use(size);
			test('the Cast panel shows the proposed members and the shots their chips', async ({
				page,
				fake
			}) => {
				await generateFromPremise(page, fake, 'Lantern run', 4);
				await expect(page.getByText(/^4 shots written\./)).toBeVisible();
				await expect(castPanel(page).getByText('3 members')).toBeVisible();
				await expect.poll(() => chipNames(page, 3)).toEqual(['Kofi']);
				await expect(page.getByRole('region', { name: 'Story' })).toBeVisible();
				if (size === PHONE) {
					await castPanel(page).getByRole('group', { name: 'Kofi' }).scrollIntoViewIfNeeded();
					await screenshot(page, 'cast-panel-390');
					await chipsOf(page, 2).scrollIntoViewIfNeeded();
					await screenshot(page, 'cast-chips-390');
					return;
				}
				// From the Cast panel down to the second shot's chips: the members and who is where.
				const top = (await castPanel(page).boundingBox())!.y + (await scrollY(page));
				const chips = (await chipsOf(page, 2).boundingBox())!;
				const bottom = chips.y + chips.height + (await scrollY(page));
				await page.screenshot({
					path: process.env.SCREENSHOTS
						? 'docs/screenshots/cast-board.png'
						: test.info().outputPath('cast-board.png'),
					fullPage: true,
					clip: { x: 0, y: top - 12, width: size.viewport.width, height: bottom - top + 24 },
					animations: 'disabled',
					caret: 'hide'
				});

				// The lead gets a designed picture, which every render of their shots carries.
				const kofi = castPanel(page).getByRole('group', { name: 'Kofi' });
				await kofi.getByRole('button', { name: 'Design', exact: true }).click();
				const design = kofi.getByRole('group', { name: 'Design Kofi' });
				await design.getByRole('button', { name: 'Design 3 candidates' }).click();
				await expect(design.getByRole('status')).toContainText(/3 of 3 ready/, {
					timeout: 20_000
				});
				await design
					.getByRole('group', { name: 'Candidate 1' })
					.getByRole('button', { name: 'Use this' })
					.click();
				await expect(kofi.getByRole('img', { name: 'Kofi, picture 1' })).toBeVisible();
				await design.getByRole('button', { name: 'Close' }).click();

				// Rendered, on the board: each frame names who is in it, and the lead is in several.
				await page.getByRole('button', { name: /^Render all/ }).click();
				await expect(page.getByRole('button', { name: 'Render all', exact: true })).toBeVisible({
					timeout: 60_000
				});
				await page.getByRole('button', { name: 'Board', exact: true }).click();
				const named = page.getByLabel(/^Cast: /);
				await expect(named).toHaveCount(4);
				const withLead = await named.evaluateAll(
					(lines) => lines.filter((line) => line.textContent?.includes('Kofi')).length
				);
				expect(withLead).toBeGreaterThan(1);
				const renders = fake
					.requests({ method: 'POST', path: '/chat/completions' })
					.filter((request) => request.body?.text?.includes('A single storyboard frame'));
				const withKofi = renders.filter((request) =>
					request.body?.text?.includes('attached image shows Kofi')
				);
				expect(withKofi.length).toBeGreaterThan(1);
				await castPanel(page).scrollIntoViewIfNeeded();
				await screenshot(page, 'cast-panel', { forDocs: true });
				await page
					.getByRole('list', { name: 'Frames' })
					.evaluate((frames) => frames.scrollIntoView({ block: 'center' }));
				await screenshot(page, 'cast-board-frames', { forDocs: true });
			});
		});
	}
});

test('a clip’s context yields cast proposals and tagged shots too', async ({ page, fake }) => {
	test.setTimeout(120_000);
	await connectToFake(page, fake);
	await createStoryboard(page, 'Clip cast', 'video');
	await page
		.getByLabel('Add video')
		.setInputFiles(join(import.meta.dirname, '../fixtures/media/cuts-h264.mp4'));
	await expect(page.getByText(/Analyze sends 4 frames/)).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Analyze' }).click();
	await expect(page.getByText(/Scene described \(\d+ words\)/)).toBeVisible();
	await page.getByRole('button', { name: 'Generate shots' }).click();
	const outcome = page.getByText(
		/^5 shots written\. The director proposed 3 cast members: \w+, \w+ and [\w ]+\.$/
	);
	await expect(outcome).toBeVisible();
	const [lead, second, place] = /members: (\w+), (\w+) and ([\w ]+)\.$/
		.exec((await outcome.textContent()) ?? '')!
		.slice(1);
	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain('Context: Scene analysis of 4 images');
	await expect(castPanel(page).getByText('3 members')).toBeVisible();
	await expect.poll(() => chipNames(page, 1)).toEqual([place, lead]);
	await expect.poll(() => chipNames(page, 2)).toEqual([lead, second]);
});

test('Regenerate tells the director the cast and who is in the shot, and tags the rewrite', async ({
	page,
	fake
}) => {
	await generateFromPremise(page, fake, 'Rewrite with cast', 3);
	await expect(page.getByText(/^3 shots written\./)).toBeVisible();
	const [, second] = await chipNames(page, 2);

	await page.getByRole('button', { name: 'Regenerate shot 2' }).click();
	await page.getByLabel('Note for the director').fill('make it a close-up on Kofi alone');
	await page.getByRole('button', { name: 'Rewrite shot 2' }).click();
	await expect(page.getByText('Shot 2 rewritten.').first()).toBeVisible();

	const request = fake.requests({ method: 'POST', path: '/chat/completions' }).at(-1)!;
	expect(request.body?.text).toContain('- Kofi (character): ');
	expect(request.body?.text).toContain(`"cast":["Kofi","${second}"]`);
	// A rewrite proposes nobody: its answer is the shot alone, naming the cast it has.
	expect(
		Object.keys((request.body!.responseFormat!.schema as { properties: object }).properties)
	).toEqual(['shots']);
	await expect.poll(() => chipNames(page, 2)).toEqual(['Kofi']);
	await expect(castPanel(page).getByText('3 members')).toBeVisible();
	await page.getByRole('button', { name: 'Undo rewrite shot 2' }).click();
	await expect.poll(() => chipNames(page, 2)).toEqual(['Kofi', second]);
});
