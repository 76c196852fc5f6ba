import type { EditableShotField, ShotPatch } from '$lib/domain/shot';
import { sameValue } from '$lib/domain/same-value';
import type { Shot } from '$lib/domain/types';
import type { ShotConflict } from '$lib/store/shots';

type ShotValue = Shot[EditableShotField];

/** Edits of one shot not yet written: the new values, and the stored values they were made over. */
export interface PendingEdit {
	patch: ShotPatch;
	base: ShotPatch;
}

/** One write to make: the fields to save over the values they were made over. */
export interface ShotWrite {
	shotId: string;
	patch: ShotPatch;
	base: ShotPatch;
	/** The whole pending entry, to put back if the write fails. */
	entry: PendingEdit;
	/** Fields held back because they are in conflict. */
	blocked: ReadonlySet<string>;
}

/** Conflicts per shot: fields another tab changed under this tab's unsaved edits. */
export type Conflicts = Record<string, ShotConflict[]>;

/**
 * This tab's shot edits against what the store holds: what was last stored, what is typed
 * but not written, and what is being written. Pure (no store, no runes), so the merge with
 * another tab's writes is tested on its own; `ProjectState` does the writing around it.
 */
export class ShotEdits {
	#stored = new Map<string, Shot>();
	#pending = new Map<string, PendingEdit>();
	#inflight = new Map<string, ShotPatch>();

	/** Start over from what the store holds (a load). */
	reset(shots: readonly Shot[]): void {
		this.#stored = new Map(shots.map((shot) => [shot.id, shot]));
	}

	/** The store now holds `shot` (added, saved, reordered). */
	stored(shot: Shot): void {
		this.#stored.set(shot.id, shot);
	}

	/** The shot is gone from the store. */
	forget(shotId: string): void {
		this.#stored.delete(shotId);
	}

	/** Whether edits wait to be written. */
	get hasPending(): boolean {
		return this.#pending.size > 0;
	}

	/** A person set a field: remembered with the stored value it was made over. */
	edit(shotId: string, field: EditableShotField, value: ShotValue): void {
		const entry = this.#pending.get(shotId) ?? { patch: {}, base: {} };
		if (!(field in entry.base))
			setField(entry.base, field, this.#stored.get(shotId)?.[field] as ShotValue);
		setField(entry.patch, field, value);
		this.#pending.set(shotId, entry);
	}

	/**
	 * The pending edits to write now, one shot at a time, each taken out of the pending set and
	 * marked in flight. Fields in `conflicts` are held back until the person settles them.
	 */
	*writes(conflicts: Conflicts): Generator<ShotWrite> {
		for (const [shotId, entry] of [...this.#pending]) {
			const blocked = new Set((conflicts[shotId] ?? []).map((c) => c.field));
			const patch = omit(entry.patch, blocked);
			if (Object.keys(patch).length === 0) continue;
			this.#pending.delete(shotId);
			this.#inflight.set(shotId, patch);
			yield { shotId, patch, base: omit(entry.base, blocked), entry, blocked };
		}
	}

	/** A write was saved as `saved`; held-back fields stay pending. */
	saved(write: ShotWrite, saved: Shot): void {
		this.#inflight.delete(write.shotId);
		this.#stored.set(write.shotId, saved);
		// Edits typed while this write was in flight were made over what it saved.
		const newer = this.#pending.get(write.shotId);
		for (const field of Object.keys(write.patch) as EditableShotField[]) {
			if (newer && field in newer.base) setField(newer.base, field, saved[field]);
		}
		if (write.blocked.size > 0) {
			this.#putBack(write.shotId, {
				patch: pick(write.entry.patch, write.blocked),
				base: pick(write.entry.base, write.blocked)
			});
		}
	}

	/** A write found its shot gone: its edits go with it. */
	discard(write: ShotWrite): void {
		this.#inflight.delete(write.shotId);
		this.#stored.delete(write.shotId);
	}

	/** A write failed or met a conflict: its edits wait again, under newer ones. */
	unsaved(write: ShotWrite): void {
		this.#inflight.delete(write.shotId);
		this.#putBack(write.shotId, write.entry);
	}

	#putBack(shotId: string, entry: PendingEdit): void {
		const newer = this.#pending.get(shotId);
		this.#pending.set(shotId, {
			patch: { ...entry.patch, ...newer?.patch },
			base: { ...newer?.base, ...entry.base }
		});
	}

	/** Forget this tab's edit of a field (its conflict was settled). */
	drop(shotId: string, field: EditableShotField): void {
		const entry = this.#pending.get(shotId);
		if (!entry) return;
		delete entry.patch[field];
		delete entry.base[field];
	}

	/** Count a pending edit as made over `value` (keeping mine over theirs writes over theirs). */
	rebase(shotId: string, field: EditableShotField, value: ShotValue): void {
		const entry = this.#pending.get(shotId);
		if (entry) setField(entry.base, field, value);
	}

	/**
	 * What the person sees after another tab wrote: the shots as stored now, with this tab's
	 * unsaved and in-flight values on top; a field both tabs changed becomes a conflict.
	 */
	merge(fresh: readonly Shot[], conflicts: Conflicts): { shots: Shot[]; conflicts: Conflicts } {
		const next: Conflicts = { ...conflicts };
		const shots = fresh.map((stored) => {
			const pending = this.#pending.get(stored.id);
			const view = { ...stored, ...this.#inflight.get(stored.id) };
			if (pending) {
				for (const field of Object.keys(pending.patch) as EditableShotField[]) {
					const theirs = stored[field];
					const mine = pending.patch[field];
					setField(view, field, mine as ShotValue);
					if (!sameValue(theirs, pending.base[field]) && !sameValue(theirs, mine)) {
						next[stored.id] = upsertConflict(next[stored.id], { field, theirs, mine });
					}
				}
			}
			return view;
		});
		this.reset(fresh);
		return { shots, conflicts: next };
	}
}

function setField<T extends object>(target: T, field: EditableShotField, value: ShotValue): void {
	(target as Record<string, unknown>)[field] = value;
}

function omit(patch: ShotPatch, fields: ReadonlySet<string>): ShotPatch {
	return Object.fromEntries(Object.entries(patch).filter(([key]) => !fields.has(key)));
}

function pick(patch: ShotPatch, fields: ReadonlySet<string>): ShotPatch {
	return Object.fromEntries(Object.entries(patch).filter(([key]) => fields.has(key)));
}

/** The list with `conflict` in place of any earlier one on the same field. */
export function upsertConflict(
	list: ShotConflict[] | undefined,
	conflict: ShotConflict
): ShotConflict[] {
	return [...(list ?? []).filter((c) => c.field !== conflict.field), conflict];
}
