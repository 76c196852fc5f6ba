import { expect, test } from '../fake-openrouter/playwright';
import { connectToFake } from './support/ai';
import { openProjectId, storedRecords, type StoredBlob } from './support/stored';
import { createStoryboard, installServiceWorker } from './support/app';
import {
	deliveredImages,
	setStyle,
	storyboardWithShots,
	STYLE_DIR,
	titleOf
} from './support/render';

const castPanel = (page: import('@playwright/test').Page) =>
	page.getByRole('region', { name: 'Cast' });

test('a cast member is named, described and given pictures; it survives a reload and undo', async ({
	page
}) => {
	await createStoryboard(page, 'Harbour story');
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add character' }).click();
	const mara = panel.getByRole('group', { name: 'Character 1' });
	await mara.getByLabel('Name').fill('Mara');
	await mara.getByLabel('Name').press('Tab');
	const member = panel.getByRole('group', { name: 'Mara' });
	await member.getByLabel('Description').fill('Thirties, red raincoat, short dark hair');
	await member.getByLabel('Description').blur();
	await member
		.getByLabel('Pictures of Mara')
		.setInputFiles([`${STYLE_DIR}/ink-wash-1600x900.png`, `${STYLE_DIR}/clean-line-640.webp`]);
	await expect(member.getByRole('img')).toHaveCount(2);
	await expect(member.getByText('Main', { exact: true })).toBeVisible();
	// Pictures are shrunk to 1024 px at most; the second (640 px wide) becomes the main one.
	const widths = () =>
		member
			.getByRole('img')
			.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth));
	await expect.poll(widths).toEqual([1024, 640]);
	await member.getByRole('button', { name: 'Make main' }).click();
	await expect.poll(widths).toEqual([640, 1024]);

	// A file that is not a picture is refused and Mara is unchanged.
	await member.getByLabel('Pictures of Mara').setInputFiles(`${STYLE_DIR}/notes-not-image.png`);
	await expect(member.getByRole('alert')).toContainText('Mara is unchanged');
	await expect(member.getByRole('img')).toHaveCount(2);

	await panel.getByRole('button', { name: 'Add location' }).click();
	await expect(panel.getByRole('group', { name: 'Location 1' })).toBeVisible();

	await page.reload();
	const again = castPanel(page).getByRole('group', { name: 'Mara' });
	await expect(again.getByLabel('Description')).toHaveValue(
		'Thirties, red raincoat, short dark hair'
	);
	await expect(again.getByRole('img')).toHaveCount(2);
	await expect
		.poll(() =>
			again
				.getByRole('img')
				.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth))
		)
		.toEqual([640, 1024]);

	await again.getByRole('button', { name: 'Remove Mara' }).click();
	await expect(castPanel(page).getByRole('group', { name: 'Mara' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo remove Mara' }).click();
	await expect(castPanel(page).getByRole('group', { name: 'Mara' }).getByRole('img')).toHaveCount(
		2
	);
});

test('offline, the Cast panel still edits and saves', async ({ page, context }) => {
	await installServiceWorker(page);
	await createStoryboard(page, 'Offline cast');
	const url = page.url();
	await context.setOffline(true);
	await page.goto(url);
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add prop' }).click();
	const prop = panel.getByRole('group', { name: 'Prop 1' });
	await prop.getByLabel('Name').fill('Brass key');
	await prop.getByLabel('Name').press('Tab');
	await panel
		.getByRole('group', { name: 'Brass key' })
		.getByLabel('Pictures of Brass key')
		.setInputFiles(`${STYLE_DIR}/clean-line-640.webp`);
	await expect(panel.getByRole('group', { name: 'Brass key' }).getByRole('img')).toHaveCount(1);
	await page.reload();
	await expect(
		castPanel(page).getByRole('group', { name: 'Brass key' }).getByRole('img')
	).toHaveCount(1);
	await context.setOffline(false);
});

test.describe('rendering with the cast', () => {
	test('a shot’s request carries the style reference, then each tagged member’s picture, and names them', async ({
		page,
		fake
	}) => {
		await connectToFake(page, fake);
		await storyboardWithShots(page, 'Two people', 3);
		await setStyle(page, 1, { name: 'Ink', reference: 'ink-wash-1600x900.png' });
		const panel = castPanel(page);
		await panel.getByText('Cast', { exact: true }).click();
		await addMember(page, 'character', 'Mara', 'Red raincoat', 'clean-line-640.webp');
		await addMember(page, 'character', 'Tomas', 'Grey beard', '../upscale/input-48x40.png');
		await addMember(page, 'location', 'Harbour', 'Cranes at dusk', '../upscale/input-32x32.png');

		const shot = page.getByRole('article', { name: 'Shot 1' });
		const chips = shot.getByRole('group', { name: 'Cast of shot 1' });
		await chips.getByLabel('Add to shot 1').selectOption({ label: 'Mara' });
		await chips.getByLabel('Add to shot 1').selectOption({ label: 'Tomas' });
		await expect(
			chips.getByRole('button', { name: /^Remove (Mara|Tomas) from shot 1$/ })
		).toHaveCount(2);
		// What will be sent, before anything is: the pictures in order and the text.
		await shot.getByText('What will be sent').click();
		const sent = shot.getByRole('list', { name: 'Pictures sent with shot 1' });
		await expect(sent.getByRole('listitem')).toHaveText([
			'1. The style reference',
			'2. Mara',
			'3. Tomas'
		]);
		await expect(sent.getByRole('img', { name: 'Mara' })).toBeVisible();
		const previewText = await shot.getByLabel('Text sent with shot 1').textContent();

		await page.getByRole('button', { name: 'Render shot 1' }).click();
		await expect.poll(() => deliveredImages(fake).length, { timeout: 20_000 }).toBe(1);

		const [request] = deliveredImages(fake);
		const refs = request!.body!.referenceImages!;
		const stored = await pictureHashes(page);
		expect(refs.map((ref) => ref.sha256)).toEqual([
			stored.style,
			stored.Mara![0],
			stored.Tomas![0]
		]);
		const text = request!.body!.text;
		expect(text).toBe(previewText);
		expect(text).toContain('- Mara (character): Red raincoat');
		expect(text).toContain('- Tomas (character): Grey beard');
		expect(text).toContain('The second attached image shows Mara');
		expect(text).toContain('The third attached image shows Tomas');
		expect(text).not.toContain('Harbour');

		// The default image model takes 3 input pictures: a third member is named but not sent.
		await chips.getByLabel('Add to shot 1').selectOption({ label: 'Harbour' });
		await expect(chips.getByRole('button', { name: 'Remove Harbour from shot 1' })).toBeVisible();
		await expect(shot.getByText('Harbour’s picture was not sent')).toBeVisible();
		await page.getByRole('button', { name: 'Render shot 1' }).click();
		await expect.poll(() => deliveredImages(fake).length, { timeout: 20_000 }).toBe(2);
		const second = deliveredImages(fake)[1]!;
		expect(second.body!.referenceImages!.map((ref) => ref.sha256)).toEqual([
			stored.style,
			stored.Mara![0],
			stored.Tomas![0]
		]);
		expect(second.body!.text).toContain('- Harbour (location): Cranes at dusk');
		await page.getByText(/^Activity/).click();
		await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
			'Shot 1: google/gemini-2.5-flash-image takes 3 input pictures: Harbour’s picture was not sent.'
		);
	});

	test('typing a member’s name in a description offers to tag them', async ({ page }) => {
		await createStoryboard(page, 'Mentions');
		await page.getByRole('button', { name: 'Add shot' }).first().click();
		const panel = castPanel(page);
		await panel.getByText('Cast', { exact: true }).click();
		await panel.getByRole('button', { name: 'Add character' }).click();
		await panel.getByRole('group', { name: 'Character 1' }).getByLabel('Name').fill('Mara');
		await panel.getByRole('group', { name: 'Character 1' }).getByLabel('Name').press('Tab');
		const shot = page.getByRole('article', { name: 'Shot 1' });
		await shot.getByLabel('Description').fill('Mara runs along the pier.');
		await shot.getByRole('button', { name: 'Tag Mara' }).click();
		await expect(shot.getByRole('button', { name: 'Remove Mara from shot 1' })).toBeVisible();
		await expect(shot.getByRole('button', { name: 'Tag Mara' })).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo add Mara to shot 1' }).click();
		await expect(shot.getByRole('button', { name: 'Remove Mara from shot 1' })).toHaveCount(0);
	});
});

async function addMember(
	page: import('@playwright/test').Page,
	kind: 'character' | 'prop' | 'location',
	name: string,
	description: string,
	picture: string
) {
	const panel = castPanel(page);
	const before = await panel.getByRole('group').count();
	await panel.getByRole('button', { name: `Add ${kind}` }).click();
	const card = panel.getByRole('group').nth(before);
	await card.getByLabel('Name').fill(name);
	await card.getByLabel('Name').press('Tab');
	const member = panel.getByRole('group', { name });
	await member.getByLabel('Description').fill(description);
	await member.getByLabel('Description').blur();
	await member.getByLabel(`Pictures of ${name}`).setInputFiles(`${STYLE_DIR}/${picture}`);
	await expect(member.getByRole('img')).toHaveCount(1);
}

/** The short SHA-256 of the stored style reference and of each member's pictures, as the fake logs them. */
async function pictureHashes(page: import('@playwright/test').Page) {
	const projectId = openProjectId(page);
	const [styles, members, assets] = await Promise.all([
		storedRecords<{ referenceAssetId?: string }>(page, 'styles', { projectId }),
		storedRecords<{ name: string; referenceAssetIds: string[] }>(page, 'cast', { projectId }),
		storedRecords<{ id: string; blob: StoredBlob }>(page, 'assets', { projectId, blobs: 'hash' })
	]);
	const hash = (id: string | undefined) =>
		assets.find((asset) => asset.id === id)?.blob.sha256 ?? '';
	const result: Record<string, string[]> = {};
	for (const member of members) result[member.name] = member.referenceAssetIds.map(hash);
	return { ...result, style: hash(styles[0]?.referenceAssetId) } as Record<string, string[]> & {
		style: string;
	};
}

test('“Re-render shots with” a member queues only their shots, after showing what it sends and costs', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await storyboardWithShots(page, 'Re-render', 3);
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await addMember(page, 'character', 'Mara', 'Red raincoat', 'clean-line-640.webp');
	for (const number of [1, 3]) {
		await page
			.getByRole('article', { name: `Shot ${number}` })
			.getByLabel(`Add to shot ${number}`)
			.selectOption({ label: 'Mara' });
	}
	const titles = await page
		.getByRole('article', { name: /^Shot \d$/ })
		.getByLabel('Title')
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

	const member = panel.getByRole('group', { name: 'Mara' });
	await member.getByRole('button', { name: 'Re-render shots with Mara' }).click();
	const confirm = member.getByRole('group', { name: 'Confirm re-render with Mara' });
	await expect(confirm).toContainText(
		/Shots 1, 3: \d+ images? with google\/gemini-2\.5-flash-image, about \$/
	);
	await expect(confirm).toContainText('Shot 1 sends Mara.');
	const asked = Number(/: (\d+) image/.exec((await confirm.textContent()) ?? '')?.[1]);
	await confirm.getByRole('button', { name: /^Re-render \d+ images?$/ }).click();
	await expect.poll(() => deliveredImages(fake).length, { timeout: 30_000 }).toBe(asked);
	await page.waitForTimeout(1000);
	const rendered = deliveredImages(fake).map(titleOf);
	expect(rendered).toHaveLength(asked);
	expect(new Set(rendered)).toEqual(new Set([titles[0], titles[2]]));
});

test('cast members are copied from another storyboard with their pictures, as one undoable step', async ({
	page
}) => {
	await createStoryboard(page, 'First film');
	let panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await addMember(page, 'character', 'Mara', 'Red raincoat', 'clean-line-640.webp');
	await addMember(page, 'prop', 'Brass key', 'Worn, green with age', '../upscale/input-32x32.png');

	await createStoryboard(page, 'Sequel');
	panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Copy from another storyboard' }).click();
	const copy = panel.getByRole('group', { name: 'Copy cast members' });
	await expect(copy.getByLabel('From')).toHaveValue(/.+/);
	await expect(copy.getByLabel('From').locator('option:checked')).toHaveText('First film (2)');
	await copy.getByLabel('Brass key').uncheck();
	await copy.getByRole('button', { name: 'Copy 1 member' }).click();
	const mara = panel.getByRole('group', { name: 'Mara' });
	await expect(mara.getByLabel('Description')).toHaveValue('Red raincoat');
	await expect(mara.getByRole('img')).toHaveCount(1);
	await expect(panel.getByRole('group', { name: 'Brass key' })).toHaveCount(0);
	// The copy edits and undoes like any member; undoing the copy removes it.
	await mara.getByLabel('Description').fill('Older now');
	await mara.getByLabel('Description').blur();
	await page.getByRole('button', { name: 'Undo edit the description of Mara' }).click();
	await page.getByRole('button', { name: 'Undo copy Mara' }).click();
	await expect(panel.getByRole('group', { name: 'Mara' })).toHaveCount(0);
});
