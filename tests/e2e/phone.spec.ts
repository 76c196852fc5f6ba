// Every screen, menu, popover and dialog on a 390 × 844 phone (touch, coarse pointer) and, as a
// sanity run, on a 1440 × 900 desktop: inside the viewport, nothing sideways, checkbox rows that
// read "box, then label", touch targets of 44 px on the phone.
import { expect, test, type Page } from '@playwright/test';
import { importStoryboard, openExport } from './support/exports';
import { DESKTOP, expectFitsViewport, PHONE, screenshot } from './support/viewport';

const BUNDLE = 'tests/fixtures/bundles/export-storyboard.maestro';
const TITLE = 'Café 夜市 — exports';
const EXPORTS = ['Images (ZIP)', 'PDF storyboard sheet', 'Shot list CSV', 'Animatic MP4'];

test.describe.configure({ timeout: 120_000 });

/** Screenshots named by screen; the phone's main views go into docs/screenshots (SCREENSHOTS=1). */
const DOCUMENTED = ['library', 'workspace', 'export-menu', 'export-dialog', 'settings'];
const shoot = (page: Page, name: string, fullPage = false) => {
	const phone = (page.viewportSize()?.width ?? 0) < 600;
	return screenshot(page, `${phone ? 'phone' : 'desktop'}-${name}`, {
		fullPage,
		forDocs: phone && DOCUMENTED.includes(name)
	});
};

async function checkLibrary(page: Page, targets: boolean) {
	await importStoryboard(page, BUNDLE, TITLE);
	await page.goto('/');
	await expect(page.getByRole('article', { name: TITLE })).toBeVisible();
	await expectFitsViewport(page, undefined, { targets, label: 'library' });
	await shoot(page, 'library');
	const exportProject = page.getByRole('button', { name: `Export project ${TITLE}` });
	await expect(exportProject).toBeVisible();

	await page.getByRole('button', { name: 'New storyboard' }).first().click();
	const create = page.getByRole('dialog', { name: 'New storyboard' });
	await expectFitsViewport(page, create, { targets, label: 'New storyboard (a video)' });
	await create.getByRole('radio', { name: /An idea/ }).check();
	await expectFitsViewport(page, create, { targets, label: 'New storyboard (an idea)' });
	await shoot(page, 'new-storyboard');
	await create.getByRole('button', { name: 'Cancel' }).click();

	// A file saved from this storyboard, imported again: the "already here" question.
	const download = page.waitForEvent('download');
	await exportProject.click();
	const saved = test.info().outputPath('twin.maestro');
	await (await download).saveAs(saved);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Import project' }).click();
	await (await chooser).setFiles(saved);
	const twin = page.getByRole('dialog', { name: 'This storyboard is already here' });
	await expect(twin).toBeVisible();
	await expectFitsViewport(page, twin, { targets, label: 'Import twin' });
	await twin.getByRole('button', { name: 'Cancel' }).click();
}

async function checkWorkspace(page: Page, targets: boolean) {
	await page.getByRole('link', { name: TITLE }).click();
	await expect(page.getByRole('article', { name: 'Shot 4' })).toBeVisible();
	await expectFitsViewport(page, undefined, { targets, label: 'workspace' });
	await shoot(page, 'workspace');
	await shoot(page, 'workspace-full', true);

	// The Export menu, each export's dialog.
	for (const item of EXPORTS) {
		await page.getByRole('button', { name: 'Export', exact: true }).click();
		const menu = page.getByRole('menu', { name: 'Export' });
		await expect(menu).toBeVisible();
		await expectFitsViewport(page, menu, { targets, label: 'Export menu' });
		if (item === EXPORTS[0]) await shoot(page, 'export-menu');
		await menu.getByRole('menuitem', { name: item }).click();
		const dialog = page.getByRole('dialog', { name: item });
		await expect(dialog).toBeVisible();
		await expectFitsViewport(page, dialog, { targets, label: `${item} dialog` });
		if (item === 'Animatic MP4') await shoot(page, 'export-dialog');
		await dialog.getByRole('button', { name: 'Close' }).click();
		await expect(dialog).toBeHidden();
	}

	// The take viewer with its upscale panel.
	await page
		.getByRole('button', { name: /^Open takes of shot 1 in / })
		.first()
		.click();
	const viewer = page.getByRole('dialog', { name: /^Takes of shot 1/ });
	await expect(viewer.getByRole('button', { name: 'Upscale', exact: true })).toBeVisible();
	await expectFitsViewport(page, viewer, { targets, label: 'take viewer' });
	await shoot(page, 'take-viewer');
	await viewer.getByRole('button', { name: 'Close' }).click();
	await expect(viewer).toBeHidden();

	// A shot's popovers: the note for the director and the animation confirmation.
	const shot = page.getByRole('article', { name: 'Shot 2' });
	await shot.getByRole('button', { name: 'Animate shot 2' }).click();
	await expectFitsViewport(page, shot.getByRole('group', { name: 'Confirm animation' }), {
		targets,
		label: 'Confirm animation'
	});
	await shot.getByRole('button', { name: 'Not now' }).click();

	// Removing the clip asks first.
	await page.getByRole('button', { name: 'Remove source clip' }).click();
	await expect(page.getByRole('button', { name: 'Remove clip' })).toBeVisible();
	await expectFitsViewport(page, page.getByRole('region', { name: 'Video' }), {
		targets,
		label: 'Video panel, confirming removal'
	});

	// The activity log, open.
	await page.getByText(/^Activity \(/).click();
	await expectFitsViewport(page, undefined, { targets, label: 'workspace with the log open' });
}

async function checkSettings(page: Page, targets: boolean) {
	await page.goto('/settings');
	await expect(page.getByLabel('API key', { exact: true })).toBeVisible();
	await expectFitsViewport(page, undefined, { targets, label: 'settings' });
	await shoot(page, 'settings');
	await shoot(page, 'settings-full', true);
}

test.describe('on a 390 × 844 phone', () => {
	test.use(PHONE);

	test('the library and its dialogs fit, with 44 px targets', async ({ page }) => {
		await checkLibrary(page, true);
	});

	test('the workspace, its menus and dialogs fit, with 44 px targets', async ({ page }) => {
		await importStoryboard(page, BUNDLE, TITLE);
		await page.goto('/');
		await checkWorkspace(page, true);
	});

	test('settings fit, with 44 px targets', async ({ page }) => {
		await checkSettings(page, true);
	});
});

test.describe('on a 320 × 568 phone', () => {
	test.use({ ...PHONE, viewport: { width: 320, height: 568 } });

	test('the workspace and its Export menu fit, the menu moved inside the screen', async ({
		page
	}) => {
		await importStoryboard(page, BUNDLE, TITLE);
		await expectFitsViewport(page, undefined, { label: 'workspace' });
		await page.getByRole('button', { name: 'Export', exact: true }).click();
		const menu = page.getByRole('menu', { name: 'Export' });
		await expectFitsViewport(page, menu, { label: 'Export menu' });
		// Time the shots to the clip: the toast with its Undo lies inside the screen too.
		await menu.getByRole('menuitem', { name: 'Time shots to the clip' }).click();
		const toast = page
			.getByRole('status')
			.filter({ has: page.getByRole('button', { name: 'Undo' }) });
		await expect(toast).toBeVisible();
		await expectFitsViewport(page, toast, { label: 'toast' });
	});
});

test.describe('on a 1440 × 900 desktop', () => {
	test.use(DESKTOP);

	test('every view, menu and dialog fits', async ({ page }) => {
		await checkLibrary(page, false);
		await checkWorkspace(page, false);
		await checkSettings(page, false);
	});

	test('the Export menu works from the keyboard', async ({ page }) => {
		await importStoryboard(page, BUNDLE, TITLE);
		const trigger = page.getByRole('button', { name: 'Export', exact: true });
		await trigger.focus();
		await page.keyboard.press('Enter');
		const menu = page.getByRole('menu', { name: 'Export' });
		await expect(menu.getByRole('menuitem', { name: 'Images (ZIP)' })).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(menu.getByRole('menuitem', { name: 'PDF storyboard sheet' })).toBeFocused();
		await page.keyboard.press('End');
		await expect(menu.getByRole('menuitem', { name: 'Time shots to the clip' })).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(menu.getByRole('menuitem', { name: 'Images (ZIP)' })).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(menu).toBeHidden();
		await expect(trigger).toBeFocused();
		await expect(trigger).toHaveAttribute('aria-expanded', 'false');

		// A click outside closes it too.
		await trigger.click();
		await expect(menu).toBeVisible();
		await page.getByRole('heading', { name: 'Styles' }).click();
		await expect(menu).toBeHidden();
	});
});
