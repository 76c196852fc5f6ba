import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fake-openrouter/playwright';
import type { FakeOpenRouter } from '../fake-openrouter';
import { connectToFake } from './support/ai';
import { createStoryboard, installServiceWorker } from './support/app';
import { openProjectId, storedRecords, type StoredBlob } from './support/stored';
import { deliveredImages, setStyle } from './support/render';
import {
	DESKTOP,
	misreadChoices,
	PHONE,
	screenshot,
	sidewaysScroll,
	smallTargets,
	wrappedLabels
} from './support/viewport';

const castPanel = (page: Page) => page.getByRole('region', { name: 'Cast' });

/** A character with a name and a description, in an open Cast panel. */
async function addCharacter(page: Page, name: string, description: string): Promise<Locator> {
	const panel = castPanel(page);
	await panel.getByText('Cast', { exact: true }).click();
	await panel.getByRole('button', { name: 'Add character' }).click();
	const card = panel.getByRole('group', { name: 'Character 1' });
	await card.getByLabel('Name').fill(name);
	await card.getByLabel('Name').press('Tab');
	const member = panel.getByRole('group', { name, exact: true });
	await member.getByLabel('Description').fill(description);
	await member.getByLabel('Description').blur();
	return member;
}

/** Design requests the fake answered, oldest first. */
const designRequests = (fake: FakeOpenRouter) =>
	deliveredImages(fake).filter((request) =>
		/reference picture|turnaround/.test(request.body!.text)
	);

/** SHA-256 (first 16 hex digits, as the fake logs them) of an <img>'s bytes. */
function imageHash(image: Locator): Promise<string> {
	return image.evaluate(async (element) => {
		const bytes = await (await fetch((element as HTMLImageElement).src)).arrayBuffer();
		const digest = await crypto.subtle.digest('SHA-256', bytes);
		return [...new Uint8Array(digest)]
			.map((b) => b.toString(16).padStart(2, '0'))
			.join('')
			.slice(0, 16);
	});
}

/** What a picture looks like at 8 × 8 (RGB), to tell pictures apart after a re-encode. */
function looks(image: Locator): Promise<number[]> {
	return image.evaluate(async (element) => {
		const img = element as HTMLImageElement;
		await img.decode();
		const canvas = new OffscreenCanvas(8, 8);
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0, 8, 8);
		const data = context.getImageData(0, 0, 8, 8).data;
		return [...data].filter((_, i) => i % 4 !== 3);
	});
}

const difference = (a: number[], b: number[]) =>
	a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length;

test('Design shows what it sends and costs, streams 3 candidates, and the second becomes Mara’s picture', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Design story');
	const member = await addCharacter(page, 'Mara', 'Thirties, red raincoat, short dark hair');

	await member.getByRole('button', { name: 'Design', exact: true }).click();
	const design = member.getByRole('group', { name: 'Design Mara' });
	await expect(design).toContainText(
		/A reference picture of Mara: 3 requests to google\/gemini-2\.5-flash-image, about \$\d+\.\d+ \(3 × \$/
	);
	await expect(design).toContainText('No pictures are sent, only the text.');
	await design.getByRole('button', { name: 'Design 3 candidates' }).click();

	const candidates = design.getByRole('group', { name: /^Candidate \d$/ });
	await expect(candidates).toHaveCount(3);
	for (const n of [1, 2, 3]) {
		await expect(
			design.getByRole('img', { name: `Candidate ${n} for Mara` }),
			`candidate ${n}`
		).toBeVisible({ timeout: 20_000 });
	}
	await expect(design.getByRole('status')).toContainText(/3 of 3 ready · \$\d/);

	// Each candidate is the picture the fake drew for its own request.
	const requests = designRequests(fake);
	expect(requests).toHaveLength(3);
	const second = design.getByRole('img', { name: 'Candidate 2 for Mara' });
	const secondHash = await imageHash(second);
	const secondRequest = requests.find((r) => r.sentImages[0] === secondHash);
	expect(secondRequest?.body?.text).toContain('Candidate 2 of 3');
	expect(secondRequest?.body?.text).toContain('Mara: a character reference picture.');
	expect(secondRequest?.body?.text).toContain(
		'Description: Thirties, red raincoat, short dark hair'
	);
	expect(secondRequest?.body?.imageConfig?.aspect_ratio).toBe('3:4');
	expect(secondRequest?.body?.referenceImages ?? []).toHaveLength(0);
	const hashes = await Promise.all(
		[1, 3].map((n) => imageHash(design.getByRole('img', { name: `Candidate ${n} for Mara` })))
	);
	expect(new Set([secondHash, ...hashes]).size).toBe(3);

	const wanted = await looks(second);
	const others = await Promise.all(
		[1, 3].map((n) => looks(design.getByRole('img', { name: `Candidate ${n} for Mara` })))
	);
	await design
		.getByRole('group', { name: 'Candidate 2' })
		.getByRole('button', { name: 'Use this' })
		.click();
	await expect(design.getByRole('group', { name: 'Candidate 2' })).toContainText('Added to Mara');
	const picture = member.getByRole('img', { name: 'Mara, picture 1' });
	await expect(picture).toBeVisible();
	// Saved shrunk like an upload (a JPEG, longest side 1024), and it is the second candidate.
	await expect
		.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalHeight))
		.toBe(1024);
	const kept = await looks(picture);
	expect(difference(kept, wanted)).toBeLessThan(4);
	for (const other of others) expect(difference(kept, other)).toBeGreaterThan(10);

	await page.getByText(/^Activity/).click();
	await expect(page.getByRole('list', { name: 'Activity log' })).toContainText(
		/Designed Mara with google\/gemini-2\.5-flash-image: 3 of 3 candidates \(\$\d/
	);

	await page.reload();
	const again = castPanel(page).getByRole('group', { name: 'Mara', exact: true });
	const reloaded = again.getByRole('img', { name: 'Mara, picture 1' });
	await expect(reloaded).toBeVisible();
	expect(difference(await looks(reloaded), kept)).toBeLessThan(1);

	await page.getByRole('button', { name: 'Undo change the pictures of Mara' }).click();
	await expect(again.getByRole('img', { name: /^Mara, picture/ })).toHaveCount(0);
});

test('a turnaround sheet in the style of the storyboard sends the style reference and the turnaround words', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Turnaround');
	await setStyle(page, 1, { name: 'Ink', words: 'ink wash', reference: 'ink-wash-1600x900.png' });
	const member = await addCharacter(page, 'Tomas', 'Grey beard, fisherman’s sweater');

	await member.getByRole('button', { name: 'Design', exact: true }).click();
	const design = member.getByRole('group', { name: 'Design Tomas' });
	await expect(design.getByLabel('Look')).toHaveValue(/.+/);
	await design.getByLabel('Candidates').selectOption('1');
	await design.getByLabel('Turnaround sheet').check();
	await expect(design).toContainText('Front, three-quarter, side and back views in one picture');
	await expect(design).toContainText('A turnaround sheet of Tomas in the style of Ink');
	await expect(design).toContainText('Sends the style reference of Ink.');
	await design.getByRole('button', { name: 'Design 1 candidate' }).click();
	await expect(design.getByRole('img', { name: 'Candidate 1 for Tomas' })).toBeVisible({
		timeout: 20_000
	});

	const [request] = designRequests(fake);
	const text = request!.body!.text;
	expect(text).toContain('Tomas: a character turnaround sheet.');
	expect(text).toContain('front view, three-quarter view, side view, back view');
	expect(text).toContain('Style: ink wash.');
	expect(text).toContain('The attached image is the style reference');
	expect(text).not.toContain('Candidate');
	expect(request!.body!.imageConfig?.aspect_ratio).toBe('16:9');
	const projectId = openProjectId(page);
	const [style] = await storedRecords<{ referenceAssetId: string }>(page, 'styles', { projectId });
	const [reference] = await storedRecords<{ blob: StoredBlob }>(page, 'assets', {
		keys: [style!.referenceAssetId],
		blobs: 'hash'
	});
	const stored = reference!.blob.sha256;
	expect(request!.body!.referenceImages!.map((image) => image.sha256)).toEqual([stored]);

	// Without the style reference, nothing but the text goes.
	await design.getByLabel('Look').selectOption({ label: 'No style reference' });
	await expect(design).toContainText('No pictures are sent, only the text.');
	await expect(design).not.toContainText('in the style of');
});

test('a failed candidate shows its reason and the others stay usable', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Refusal');
	const member = await addCharacter(page, 'Mara', 'Red raincoat');
	fake.script(['image-refusal'], { path: '/chat/completions' });

	await member.getByRole('button', { name: 'Design', exact: true }).click();
	const design = member.getByRole('group', { name: 'Design Mara' });
	await design.getByRole('button', { name: 'Design 3 candidates' }).click();
	await expect(design.getByRole('status')).toContainText('2 of 3 ready', { timeout: 20_000 });
	await expect(design.getByRole('alert')).toHaveText(
		/^No image came back\. The model said: “I can't create that image/
	);
	const usable = design.getByRole('button', { name: 'Use this' });
	await expect(usable).toHaveCount(2);
	await usable.first().click();
	await expect(member.getByRole('img', { name: 'Mara, picture 1' })).toBeVisible();
	await expect(design.getByRole('button', { name: 'Use this' })).toHaveCount(1);
});

test('Design keeps under the storyboard’s spending cap', async ({ page, fake }) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Capped');
	await page.getByLabel('Spending cap ($)').fill('0.1');
	await page.getByLabel('Spending cap ($)').press('Tab');
	const member = await addCharacter(page, 'Mara', 'Red raincoat');
	await member.getByRole('button', { name: 'Design', exact: true }).click();
	const design = member.getByRole('group', { name: 'Design Mara' });
	// Three images at about $0.042 each would pass $0.10; two fit.
	await expect(design).toContainText(
		'3 candidates would pass the $0.100 spending cap ($0.00 spent).'
	);
	await expect(design.getByRole('button', { name: 'Design 3 candidates' })).toBeDisabled();
	await design.getByLabel('Candidates').selectOption('2');
	await design.getByRole('button', { name: 'Design 2 candidates' }).click();
	await expect(design.getByRole('status')).toContainText('2 of 2 ready', { timeout: 20_000 });
	expect(designRequests(fake)).toHaveLength(2);
	// What was spent counts: another two would pass the cap now.
	await expect(design).toContainText(
		/2 candidates would pass the \$0\.100 spending cap \(\$0\.0[1-9]\d* spent\)/
	);
	await expect(design.getByRole('button', { name: 'Design 2 more' })).toBeDisabled();
});

test('at most two candidates are drawn at a time, and Cancel stops the rest', async ({
	page,
	fake
}) => {
	await connectToFake(page, fake);
	await createStoryboard(page, 'Cancel');
	const member = await addCharacter(page, 'Mara', 'Red raincoat');
	fake.setMode({ imageDelayMs: 30_000 });

	await member.getByRole('button', { name: 'Design', exact: true }).click();
	const design = member.getByRole('group', { name: 'Design Mara' });
	await design.getByLabel('Candidates').selectOption('4');
	await design.getByRole('button', { name: 'Design 4 candidates' }).click();
	await expect(design.getByText('Drawing…')).toHaveCount(2);
	await expect(design.getByText('Waiting')).toHaveCount(2);
	await expect
		.poll(() => fake.requests({ method: 'POST', path: '/chat/completions' }).length)
		.toBe(2);
	await design.getByRole('button', { name: 'Cancel' }).click();
	await expect(design.getByText('Cancelled')).toHaveCount(4);
	await expect
		.poll(() =>
			fake
				.requests({ method: 'POST', path: '/chat/completions' })
				.every((request) => request.disconnected)
		)
		.toBe(true);
	expect(fake.requests({ method: 'POST', path: '/chat/completions' })).toHaveLength(2);
	await expect(design.getByRole('button', { name: 'Design 4 more' })).toBeEnabled();
});

test('offline, Design is disabled and says why', async ({ page, fake, context }) => {
	await installServiceWorker(page);
	await connectToFake(page, fake);
	await createStoryboard(page, 'Offline design');
	await addCharacter(page, 'Mara', 'Red raincoat');
	const url = page.url();
	await context.setOffline(true);
	await page.goto(url);
	const member = castPanel(page).getByRole('group', { name: 'Mara', exact: true });
	await expect(member.getByRole('button', { name: 'Design', exact: true })).toBeDisabled();
	await expect(member).toContainText('Offline: designing needs a network connection.');
	await context.setOffline(false);
	await expect(member.getByRole('button', { name: 'Design', exact: true })).toBeEnabled();
});

for (const [name, device] of [
	['cast-design', DESKTOP],
	['cast-design-390', PHONE]
] as const) {
	test.describe(`on a ${device.viewport.width} px screen`, () => {
		test.use(device);

		test('the Design panel with its candidates fits the screen', async ({ page, fake }) => {
			await connectToFake(page, fake);
			await createStoryboard(page, 'Harbour story');
			await setStyle(page, 1, { name: 'Ink', reference: 'ink-wash-1600x900.png' });
			const member = await addCharacter(page, 'Mara', 'Thirties, red raincoat, short dark hair');
			fake.script(['image-refusal'], { path: '/chat/completions' });
			await member.getByRole('button', { name: 'Design', exact: true }).click();
			const design = member.getByRole('group', { name: 'Design Mara' });
			await design.getByLabel('Candidates').selectOption('4');
			await design.getByRole('button', { name: 'Design 4 candidates' }).click();
			await expect(design.getByRole('status')).toContainText('3 of 4 ready', { timeout: 20_000 });
			await design.getByRole('button', { name: 'Use this' }).nth(1).click();
			await expect(member.getByRole('img', { name: 'Mara, picture 1' })).toBeVisible();
			await design.scrollIntoViewIfNeeded();
			// The panel may be taller than a phone: it must not go sideways, and its controls must be usable.
			expect([
				...(await sidewaysScroll(page)),
				...(await misreadChoices(design)),
				...(await wrappedLabels(design)),
				...(device === PHONE ? await smallTargets(design) : [])
			]).toEqual([]);
			await design.evaluate((element) => {
				element.scrollIntoView({ block: 'start' });
				window.scrollBy(0, -70);
			});
			await screenshot(page, name, { forDocs: true });
		});
	});
}

test('without an API key, Design is disabled and says where to add one', async ({ page }) => {
	await createStoryboard(page, 'No key');
	const member = await addCharacter(page, 'Mara', 'Red raincoat');
	await expect(member.getByRole('button', { name: 'Design', exact: true })).toBeDisabled();
	await expect(member).toContainText('Add your API key in Settings to design.');
});
