import { describe, expect, it } from 'vitest';
import { restoreCastMember, restoreShot } from '$lib/store/restore';

describe('cast records', () => {
	it('reads a member leniently: a name, a kind, at most four pictures, each once', () => {
		const member = restoreCastMember({
			id: 'm',
			projectId: 'p',
			name: '  ',
			kind: 'dragon',
			referenceAssetIds: ['a', 'a', '', 7, 'b', 'c', 'd', 'e']
		})!;
		expect(member).toMatchObject({
			name: 'Unnamed',
			kind: 'character',
			description: '',
			referenceAssetIds: ['a', 'b', 'c', 'd'],
			order: 0
		});
		expect(restoreCastMember({ name: 'no id' })).toBeNull();
	});

	it('gives a shot saved before the cast an empty cast, and keeps a shot’s cast in order, each once', () => {
		expect(restoreShot({ id: 's', projectId: 'p' })!.cast).toEqual([]);
		const shot = restoreShot({ id: 's', projectId: 'p', cast: ['t', 'm', 't', null] })!;
		expect(shot.cast).toEqual(['t', 'm']);
		const again = restoreShot(structuredClone(shot))!;
		expect(again).toEqual(shot);
	});
});
