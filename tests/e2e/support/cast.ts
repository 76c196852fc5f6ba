import { expect, type Page } from '@playwright/test';
import { STYLE_DIR } from './render';

/** The workspace's Cast panel. */
export const castPanel = (page: Page) => page.getByRole('region', { name: 'Cast' });

/** Add a cast member with a name, a description and one picture from tests/fixtures/styles. */
export async function addMember(
	page: Page,
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
