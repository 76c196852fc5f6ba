import { describe, expect, it } from 'vitest';
import { createShot } from '$lib/domain/shot';
import type { CastMember, Shot } from '$lib/domain/types';
import { RunCast } from '$lib/director/run-cast';
import type { CastBoard } from '$lib/state/cast.svelte';
import type { ProjectState } from '$lib/state/project.svelte';

/** A cast and a storyboard as a director run sees them, without IndexedDB. */
function stage(existing: string[] = []) {
	const members: CastMember[] = [];
	const member = (name: string): CastMember =>
		({
			id: `id-${name.toLowerCase()}`,
			projectId: 'p',
			name,
			kind: 'character',
			description: '',
			referenceAssetIds: [],
			order: members.length,
			schemaVersion: 1
		}) as CastMember;
	members.push(...existing.map(member));
	const cast = {
		get members() {
			return members;
		},
		async addProposed(proposals: { name: string }[]) {
			const added = proposals
				.filter((p) => !members.some((m) => m.name.toLowerCase() === p.name.toLowerCase()))
				.map((p) => member(p.name));
			members.push(...added);
			return added;
		}
	};
	const shots: Shot[] = [];
	const writes: { id: string; cast: string[] | undefined }[] = [];
	const board = {
		get shots() {
			return shots;
		},
		async replaceShotFields(id: string, fields: Partial<Shot>) {
			writes.push({ id, cast: fields.cast });
			const at = shots.findIndex((shot) => shot.id === id);
			shots[at] = { ...shots[at]!, ...fields };
			return true;
		}
	};
	const run = new RunCast(cast as unknown as CastBoard, board as unknown as ProjectState);
	/** Save a shot the way the session does: tagged now, remembered for the end. */
	const save = (number: number, names: string[]) => {
		const fields = run.tag({ title: `Shot ${number}` }, { shot: names, beats: [names] });
		const shot = createShot('p', number - 1, fields);
		shots.push(shot);
		run.written(shot, number, { shot: names, beats: [names] });
		return shot;
	};
	return { run, save, shots, writes };
}

describe('RunCast', () => {
	it('tags a shot with existing and already proposed members, in the order named, any case', async () => {
		const { run, save } = stage(['Mara']);
		await run.propose({ name: 'Old Tom', kind: 'character', description: 'Grey beard' });
		await run.propose({ name: 'mara', kind: 'character', description: 'again' });
		expect(run.added.map((member) => member.name)).toEqual(['Old Tom']);
		expect(save(1, ['old tom', 'MARA']).cast).toEqual(['id-old tom', 'id-mara']);
		expect(run.summary()).toBe('The director proposed 1 cast member: Old Tom.');
	});

	it('at the end, tags shots again with members proposed after them and drops the rest, saying so', async () => {
		const { run, save, shots, writes } = stage();
		save(1, ['Harbour', 'Mara']);
		save(2, ['Ghost']);
		expect(shots.map((shot) => shot.cast)).toEqual([[], []]);
		await run.propose({ name: 'Mara', kind: 'character', description: '' });
		await run.propose({ name: 'Harbour', kind: 'location', description: '' });
		const problems = await run.finish();
		expect(shots.map((shot) => shot.cast)).toEqual([['id-harbour', 'id-mara'], []]);
		// Only the shot whose cast changed is written again.
		expect(writes.map((write) => write.id)).toEqual([shots[0]!.id]);
		expect(problems).toEqual([
			'The director named “Ghost” in shot 2, who is not in the cast: left out.'
		]);
		expect(run.summary()).toBe('The director proposed 2 cast members: Mara and Harbour.');
	});
});
