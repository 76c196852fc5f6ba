import { describe, expect, it } from 'vitest';
import { mentionedMembers } from '$lib/domain/cast';
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

describe('mentionedMembers', () => {
	const members = [
		{ id: 'm', name: 'Mara' },
		{ id: 'k', name: 'Brass key' },
		{ id: 'h', name: 'Harbour (north)' },
		{ id: 'blank', name: '  ' }
	];

	it('finds whole names in any case, in the order the text names them, leaving out tagged ones', () => {
		const text = 'The BRASS KEY falls; Mara reaches the Harbour (north) wall.';
		expect(mentionedMembers(text, members, []).map((m) => m.id)).toEqual(['k', 'm', 'h']);
		expect(mentionedMembers(text, members, ['m']).map((m) => m.id)).toEqual(['k', 'h']);
	});

	it('does not match a name inside another word', () => {
		expect(mentionedMembers('Maram and Amara wait.', members, [])).toEqual([]);
		expect(mentionedMembers('Éva meets Mara.', [{ id: 'e', name: 'Éva' }], [])).toHaveLength(1);
	});
});
