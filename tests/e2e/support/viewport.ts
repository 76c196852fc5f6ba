import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Checks of what a person sees on a small screen, reusable for any view: nothing scrolls
 * sideways, a menu or dialog and everything in it lie inside the viewport, checkbox and radio
 * rows read "box, then label" on one line, and touch targets are at least 44 × 44 px.
 * Each check returns a list of problems (one readable line each), empty when all is well, so a
 * failing test names every offender at once; `expectFitsViewport` runs them all.
 */

/** The phone the checks are made for: Playwright's isMobile/hasTouch gives `pointer: coarse`. */
export const PHONE = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
	deviceScaleFactor: 2
} as const;

export const DESKTOP = { viewport: { width: 1440, height: 900 } } as const;

/** The smallest touch target, in CSS pixels (WCAG 2.5.5, Apple and Material guidelines). */
export const MIN_TARGET = 44;

/** Whether the page scrolls sideways: its scroll width beyond the viewport's width. */
export async function sidewaysScroll(page: Page): Promise<string[]> {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));
	return scrollWidth > innerWidth
		? [`the page scrolls sideways: ${scrollWidth} px wide in a ${innerWidth} px viewport`]
		: [];
}

/**
 * The container (a menu, popover or dialog) and every visible element inside it must lie inside
 * the viewport and inside the container; an item of a container that scrolls is scrolled into
 * view first. Nothing in it may scroll sideways either.
 */
export function outsideViewport(container: Locator): Promise<string[]> {
	return container.evaluate((root) => {
		const problems: string[] = [];
		const name = (el: Element) => {
			const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
			return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> “${text}”`;
		};
		const round = (r: DOMRect) =>
			`${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
		const slack = 0.5;
		const inside = (
			r: DOMRect,
			outer: { left: number; top: number; right: number; bottom: number }
		) =>
			r.left >= outer.left - slack &&
			r.top >= outer.top - slack &&
			r.right <= outer.right + slack &&
			r.bottom <= outer.bottom + slack;
		const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
		const box = root.getBoundingClientRect();
		if (!inside(box, viewport)) problems.push(`${name(root)} at ${round(box)} leaves the viewport`);
		for (const el of [root, ...root.querySelectorAll('*')]) {
			const overflow = getComputedStyle(el).overflowX;
			if (el.scrollWidth > el.clientWidth + 1 && (overflow === 'auto' || overflow === 'scroll'))
				problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
		}
		for (const el of root.querySelectorAll('*')) {
			if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
			if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
			if (el.tagName === 'OPTION') continue;
			el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
			const r = el.getBoundingClientRect();
			if (r.width < 1 || r.height < 1) continue;
			const outer = root.getBoundingClientRect();
			if (!inside(r, viewport)) problems.push(`${name(el)} at ${round(r)} leaves the viewport`);
			else if (!inside(r, outer))
				problems.push(`${name(el)} at ${round(r)} sticks out of its container ${round(outer)}`);
		}
		return problems;
	});
}

/**
 * Every visible checkbox and radio inside `scope` reads "box, then label": the box left of all of
 * its label's text, on the label's first line (vertical centres within 4 px), and the text
 * wrapping under itself, never under the box.
 */
export function misreadChoices(scope: Locator): Promise<string[]> {
	return scope.evaluate((root) => {
		const problems: string[] = [];
		const inputs = root.querySelectorAll<HTMLInputElement>(
			'input[type="checkbox"], input[type="radio"]'
		);
		for (const input of inputs) {
			if (!input.checkVisibility()) continue;
			const label = input.labels?.[0];
			const text = (label?.textContent ?? '').trim().replace(/\s+/g, ' ');
			if (!label || !text) {
				problems.push(`a ${input.type} without a visible label`);
				continue;
			}
			const range = document.createRange();
			const lines: DOMRect[] = [];
			const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (!node.textContent?.trim()) continue;
				range.selectNodeContents(node);
				lines.push(...[...range.getClientRects()].filter((r) => r.width > 0));
			}
			const box = input.getBoundingClientRect();
			// A choice drawn as a tile (the aspect ratio's shapes) hides its input: no box to read.
			if (getComputedStyle(input).opacity === '0' && box.width <= 1) continue;
			if (lines.length === 0) {
				problems.push(`“${text}”: its label text is not shown`);
				continue;
			}
			const first = lines.reduce((a, b) => (b.top < a.top ? b : a));
			const leftmost = Math.min(...lines.map((r) => r.left));
			if (leftmost < box.right - 0.5)
				problems.push(
					`“${text}”: text starts at x=${Math.round(leftmost)}, not right of its box (ends x=${Math.round(box.right)})`
				);
			const boxMiddle = box.top + box.height / 2;
			const lineMiddle = first.top + first.height / 2;
			if (Math.abs(boxMiddle - lineMiddle) > 4)
				problems.push(
					`“${text}”: box centre y=${Math.round(boxMiddle)} is not on its first line (centre y=${Math.round(lineMiddle)})`
				);
			if (first.left - box.right > 24)
				problems.push(`“${text}”: ${Math.round(first.left - box.right)} px between box and text`);
		}
		return problems;
	});
}

/**
 * Visible buttons, links, inputs, selects and menu items inside `scope` smaller than `min` ×
 * `min` px. A checkbox or radio counts by its clickable label row; a link inside running text
 * (a paragraph or a span) is not a target of its own; visually hidden elements are skipped.
 */
export function smallTargets(scope: Locator, min = MIN_TARGET): Promise<string[]> {
	return scope.evaluate((root, min) => {
		const problems: string[] = [];
		const selector =
			'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="menuitem"], [role="button"], [role="tab"], [role="option"]';
		const targets = [...(root.matches(selector) ? [root] : []), ...root.querySelectorAll(selector)];
		for (const el of targets) {
			if (!el.checkVisibility({ visibilityProperty: true })) continue;
			if (el.closest('[aria-hidden="true"]') && (el as HTMLElement).tabIndex < 0) continue;
			if (el.tagName === 'A' && el.parentElement?.closest('p, span')) continue;
			let r = el.getBoundingClientRect();
			if (r.width <= 1 || r.height <= 1) continue;
			const input = el as HTMLInputElement;
			const choice =
				el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio');
			if (choice && input.labels?.[0]) r = input.labels[0].getBoundingClientRect();
			if (r.width < min - 0.5 || r.height < min - 0.5) {
				const text = (el.getAttribute('aria-label') ?? el.textContent ?? '')
					.trim()
					.replace(/\s+/g, ' ')
					.slice(0, 40);
				const what = `<${el.tagName.toLowerCase()}${input.type && el.tagName === 'INPUT' ? ` type=${input.type}` : ''}>`;
				problems.push(`${what} “${text}” is ${Math.round(r.width)}×${Math.round(r.height)} px`);
			}
		}
		return problems;
	}, min);
}

/** Visible buttons and menu items inside `scope` whose label runs onto a second line. */
export function wrappedLabels(scope: Locator): Promise<string[]> {
	return scope.evaluate((root) => {
		const problems: string[] = [];
		for (const el of root.querySelectorAll('button, .button, [role="menuitem"]')) {
			if (!el.checkVisibility({ visibilityProperty: true })) continue;
			// Badges laid over a picture are not a label's lines.
			const floating = [...el.querySelectorAll('*')].some((child) =>
				['absolute', 'fixed'].includes(getComputedStyle(child).position)
			);
			if (floating) continue;
			const range = document.createRange();
			range.selectNodeContents(el);
			const tops = new Set(
				[...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
			);
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
			const lines = [...tops].filter((top) => ![...tops].some((t) => t < top && top - t < 8));
			if (text && lines.length > 1) problems.push(`“${text}” wraps onto ${lines.length} lines`);
		}
		return problems;
	});
}

/**
 * A screenshot of what the page shows now, for a person to look at: beside the test's other
 * output, or into `docs/screenshots/` when `forDocs` and the environment has `SCREENSHOTS=1`.
 */
export async function screenshot(
	page: Page,
	name: string,
	{ fullPage = false, forDocs = false } = {}
) {
	const path =
		forDocs && process.env.SCREENSHOTS
			? `docs/screenshots/${name}.png`
			: test.info().outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
}

/**
 * Every check at once, for a page or one container in it (a menu, dialog or panel). Pass
 * `targets: false` on a desktop viewport, where controls may stay dense.
 */
export async function expectFitsViewport(
	page: Page,
	scope?: Locator,
	{
		targets = true,
		label = scope ? 'container' : 'page'
	}: { targets?: boolean; label?: string } = {}
) {
	const area = scope ?? page.locator('body');
	const problems = [
		...(await sidewaysScroll(page)),
		...(scope ? await outsideViewport(scope) : []),
		...(await misreadChoices(area)),
		...(await wrappedLabels(area)),
		...(targets ? await smallTargets(area) : [])
	];
	expect.soft(problems, `${label} on a ${page.viewportSize()?.width} px screen`).toEqual([]);
}
