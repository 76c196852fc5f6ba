import type { CastMember } from './types';

/**
 * The members whose name a text mentions (whole words, any case) and who are not tagged yet,
 * in the order the text names them: what "typing a cast member's name offers to tag it" offers.
 */
export function mentionedMembers<M extends Pick<CastMember, 'id' | 'name'>>(
	text: string,
	members: readonly M[],
	tagged: readonly string[]
): M[] {
	const found: { member: M; at: number }[] = [];
	for (const member of members) {
		const name = member.name.trim();
		if (!name || tagged.includes(member.id)) continue;
		const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu');
		const at = text.search(pattern);
		if (at >= 0) found.push({ member, at });
	}
	return found.sort((a, b) => a.at - b.at).map(({ member }) => member);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as cast names are compared: trimmed, spaces collapsed, any case ("  old  TOM" = "Old Tom"). */
export function nameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
