import {
	diffRecords,
	mergeSnapshots,
	TRACKED_SHOT_FIELDS,
	type Snapshot
} from '$lib/domain/history';
import type { EditableShotField } from '$lib/domain/shot';
import type { Shot } from '$lib/domain/types';

/** How many shots a change added, removed and rewrote, for its label. */
export interface ShotChangeCounts {
	added: number;
	removed: number;
	changed: number;
}

/** A field's name in a step's label ("edit the camera angle of shot 2"). */
export const FIELD_WORDS: Record<EditableShotField, string> = {
	title: 'title',
	description: 'description',
	shotSize: 'shot size',
	angle: 'camera angle',
	movement: 'movement',
	durationS: 'duration',
	transition: 'transition',
	notes: 'notes',
	dialogue: 'dialogue',
	sound: 'sound',
	beats: 'beats'
};

/**
 * The shots one action touched, each as it was first seen and as it was last written, so
 * an action made of many writes (a streamed set of shots, a retiming) becomes one step.
 */
export class ShotChanges {
	#seen = new Map<string, { before: Shot | null; after: Shot | null }>();
	/** Other records the action changed (cast members the director proposed). */
	#other: { before: Snapshot; after: Snapshot } | undefined;

	/** A write took a shot from `before` to `after` (null: not there). */
	note(before: Shot | null, after: Shot | null): void {
		const id = (before ?? after)?.id;
		if (!id) return;
		const known = this.#seen.get(id);
		this.#seen.set(id, { before: known ? known.before : before, after });
	}

	/** Other records' sides the action changed, to be part of its step (the earliest before, the latest after). */
	include(before: Snapshot, after: Snapshot): void {
		this.#other = this.#other
			? {
					before: mergeSnapshots(before, this.#other.before),
					after: mergeSnapshots(this.#other.after, after)
				}
			: { before, after };
	}

	/** The step's two sides and counts; undefined when nothing changed. */
	sides(): { before: Snapshot; after: Snapshot; counts: ShotChangeCounts } | undefined {
		const entries = [...this.#seen.values()];
		const sides = diffRecords(
			entries.flatMap((entry) => (entry.before ? [entry.before] : [])),
			entries.flatMap((entry) => (entry.after ? [entry.after] : [])),
			TRACKED_SHOT_FIELDS
		);
		const ids = Object.keys(sides.before);
		const other = this.#other;
		if (ids.length === 0) {
			return other && { ...other, counts: { added: 0, removed: 0, changed: 0 } };
		}
		const counts = { added: 0, removed: 0, changed: 0 };
		for (const id of ids) {
			if (sides.before[id] === null) counts.added++;
			else if (sides.after[id] === null) counts.removed++;
			else counts.changed++;
		}
		return {
			before: { ...other?.before, shots: sides.before },
			after: { ...other?.after, shots: sides.after },
			counts
		};
	}
}
