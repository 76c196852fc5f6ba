import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { importStoryboard, unzipFile } from './exports';

/** A copy of a bundle at `to` whose shot `shotId` has these lines of dialogue. */
export function bundleWithDialogue(
	from: string,
	to: string,
	shotId: string,
	dialogue: { speaker: string; line: string }[]
): string {
	const files = unzipFile(from);
	const envelope = JSON.parse(strFromU8(files['project.json']!));
	const shot = envelope.project.shots.find((s: { id: string }) => s.id === shotId);
	shot.dialogue = dialogue;
	files['project.json'] = strToU8(JSON.stringify(envelope));
	writeFileSync(to, zipSync(files));
	return to;
}

/** Stop the page's clock (Playwright's fake one) so a test moves time itself. */
export async function stopTime(page: Page) {
	// A little ahead of the page's time: on a busy machine that moment may pass before the
	// call arrives ("Cannot fast-forward to the past"), so then take the page's time again.
	for (let attempt = 1; ; attempt++) {
		const now = await page.evaluate(() => Date.now());
		try {
			await page.clock.pauseAt(now + 2000);
			return;
		} catch (error) {
			if (attempt === 3 || !String(error).includes('to the past')) throw error;
		}
	}
}

/** Open the player from the workspace and wait until it shows shot 1. */
export async function openPlayer(page: Page): Promise<Locator> {
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	const player = page.getByRole('dialog', { name: 'Play' });
	await expect(player.getByRole('status')).toContainText('Shot 1 of');
	return player;
}

/**
 * Import a bundle with Playwright's clock installed, stop the clock and open the player on the
 * storyboard, so the test moves time itself.
 */
export async function playStoppedBundle(page: Page, bundle: string, title: string) {
	await page.clock.install();
	await importStoryboard(page, bundle, title);
	await stopTime(page);
	return openPlayer(page);
}

/** The time the player's clock shows, in seconds ("0:03.2" → 3.2). */
export async function playerTime(player: Locator): Promise<number> {
	const text = (await player.getByTestId('player-clock').locator('time').first().textContent())!;
	const [minutes, seconds] = text.split(':').map(Number);
	return minutes! * 60 + seconds!;
}

/** The pictures on screen, bottom first: shot number, what it is and its opacity. */
export function shownLayers(player: Locator) {
	return player.locator('[data-layer="shown"]').evaluateAll((layers) =>
		layers.map((layer) => ({
			shot: Number((layer as HTMLElement).dataset.shot),
			source: (layer as HTMLElement).dataset.source,
			opacity: Number(getComputedStyle(layer).opacity)
		}))
	);
}

/** SHA-256 of a picture or clip the page shows (its blob URL's bytes), hex. */
export function digestOf(media: Locator): Promise<string> {
	return media.evaluate(async (element: HTMLImageElement | HTMLVideoElement) => {
		const bytes = await (await fetch(element.src)).arrayBuffer();
		const hash = await crypto.subtle.digest('SHA-256', bytes);
		return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
	});
}

/** SHA-256 of bytes on this side, hex. */
export function digest(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}
