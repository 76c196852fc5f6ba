import { describe, expect, it } from 'vitest';
import { createShot } from '$lib/domain/shot';
import { ShotChanges } from '$lib/state/shot-changes';

const member = { id: 'm1', name: 'Mara' };

describe('ShotChanges.include', () => {
	it('makes the members a run proposed part of the step that adds its shots', () => {
		const changes = new ShotChanges();
		const shot = createShot('p', 0, { title: 'A' });
		changes.include({ cast: { m1: null } }, { cast: { m1: member } });
		changes.note(null, shot);
		changes.include({ cast: { m2: null } }, { cast: { m2: { id: 'm2', name: 'Tom' } } });
		const sides = changes.sides()!;
		expect(sides.counts).toEqual({ added: 1, removed: 0, changed: 0 });
		expect(sides.before).toEqual({ cast: { m1: null, m2: null }, shots: { [shot.id]: null } });
		expect(Object.keys(sides.after.cast!)).toEqual(['m1', 'm2']);
		expect(sides.after.shots![shot.id]).toMatchObject({ title: 'A' });
	});

	it('is a step of its own when no shot changed', () => {
		const changes = new ShotChanges();
		expect(changes.sides()).toBeUndefined();
		changes.include({ cast: { m1: null } }, { cast: { m1: member } });
		expect(changes.sides()).toEqual({
			before: { cast: { m1: null } },
			after: { cast: { m1: member } },
			counts: { added: 0, removed: 0, changed: 0 }
		});
	});
});
