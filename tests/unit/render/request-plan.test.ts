import { describe, expect, it } from 'vitest';
import { createShot } from '$lib/domain/shot';
import type { CastMember } from '$lib/domain/types';
import { castPictureIds, planRenderRequest } from '$lib/render/request-plan';

const member = (id: string, name: string, pictures: string[]): CastMember => ({
	id,
	projectId: 'p',
	name,
	kind: 'character',
	description: `${name}’s look`,
	referenceAssetIds: pictures,
	order: 0,
	schemaVersion: 1
});

const shot = createShot('p', 0, { title: 'Pier', description: 'Two people meet.' });
const members = [member('m', 'Mara', ['mara-1', 'mara-2']), member('t', 'Tomas', ['tomas-1'])];
const parts = (model: string, pictures: Parameters<typeof planRenderRequest>[0]['pictures']) =>
	planRenderRequest({
		model,
		shot,
		beat: shot.beats[0]!,
		place: { shotIndex: 0, beatIndex: 0 },
		style: { name: 'Ink', promptWords: '' },
		aspectRatio: '16:9',
		members,
		pictures
	});

describe('planRenderRequest', () => {
	it('plans by asset id exactly as by data URL: the preview is the request', () => {
		const byId = parts('google/gemini-3-pro-image-preview', {
			style: 'style',
			cast: castPictureIds(members),
			continuity: 'previous'
		});
		const byUrl = parts('google/gemini-3-pro-image-preview', {
			style: 'data:style',
			cast: members.map((m) => ({
				memberId: m.id,
				name: m.name,
				urls: m.referenceAssetIds.map((id) => `data:${id}`)
			})),
			continuity: 'data:previous'
		});
		expect(byId.prompt).toBe(byUrl.prompt);
		expect(byId.plan.sent.map((ref) => ref.url)).toEqual([
			'style',
			'mara-1',
			'tomas-1',
			'previous',
			'mara-2'
		]);
		expect(byId.leftOut).toBeUndefined();
	});

	it('names only the pictures that fit the model, and says what was left out', () => {
		const planned = parts('google/gemini-2.5-flash-image', {
			style: 'style',
			cast: castPictureIds(members),
			continuity: 'previous'
		});
		expect(planned.plan.sent.map((ref) => ref.url)).toEqual(['style', 'mara-1', 'tomas-1']);
		expect(planned.prompt).toContain('The third attached image shows Tomas');
		expect(planned.prompt).not.toContain('fourth attached');
		// Both members are still described: the text costs nothing.
		expect(planned.prompt).toContain('- Tomas (character): Tomas’s look');
		expect(planned.leftOut).toBe(
			'google/gemini-2.5-flash-image takes 3 input pictures: the continuity picture and another picture of Mara were not sent.'
		);
	});
});
