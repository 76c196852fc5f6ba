import { findBeat } from '$lib/domain/beats';
import { joinWords } from '$lib/util/sentence';
import type { JobItem, Shot } from '$lib/domain/types';

/**
 * A job lives on after its queue drains: "Render" on one more shot adds an item to the same
 * job. A run is what one request (and what joins it while it works) asked for, so "finished",
 * counts and costs speak of it, not of everything the job ever did. Each item carries its
 * run's number in this field, so a reload knows which items belong together.
 */
export const RUN_FIELD = 'run';

/** The items of the newest run: those tagged with the highest run number, or all when none is tagged. */
export function latestRun(items: readonly JobItem[]): {
	run: number | undefined;
	keys: Set<string>;
} {
	let run: number | undefined;
	for (const item of items) {
		const tag = item[RUN_FIELD];
		if (typeof tag === 'number' && Number.isFinite(tag) && (run === undefined || tag > run)) {
			run = tag;
		}
	}
	const keys = new Set(
		items.filter((item) => run === undefined || item[RUN_FIELD] === run).map((item) => item.key)
	);
	return { run, keys };
}

/** How the items of a run stand; cancelled items are not counted in the total. */
export function countRun(items: readonly JobItem[], keys: ReadonlySet<string>) {
	const counts = { total: 0, done: 0, failed: 0, left: 0 };
	for (const item of items) {
		if (!keys.has(item.key) || item.status === 'cancelled') continue;
		counts.total += 1;
		if (item.status === 'done') counts.done += 1;
		else if (item.status === 'failed') counts.failed += 1;
		else counts.left += 1;
	}
	return counts;
}

/** Where a job item's picture sits in the storyboard: its shot (from 1) and beat (from 0) of how many. */
export interface ItemPlace {
	shotNumber: number;
	beatIndex: number;
	beatCount: number;
}

/** Where a beat sits among the shots now, or undefined when it (or its shot) was deleted. */
export function placeOfBeat(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	shotId: string,
	beatId: string
): ItemPlace | undefined {
	const place = findBeat(shots, shotId, beatId);
	if (!place) return undefined;
	return {
		shotNumber: place.shotIndex + 1,
		beatIndex: place.beatIndex,
		beatCount: shots[place.shotIndex]!.beats.length
	};
}

/**
 * A picture's place as the log names it: "shot 2" for a shot of one beat (as a storyboard
 * without beats always read), "beat 2.3" for a beat of a shot that has several.
 */
export function placeName(place: ItemPlace): string {
	return place.beatCount === 1
		? `shot ${place.shotNumber}`
		: `beat ${place.shotNumber}.${place.beatIndex + 1}`;
}

/** Failed items that share a reason, with the beats they were for, in storyboard order. */
export interface FailureGroup {
	reason: string;
	keys: string[];
	places: ItemPlace[];
}

/**
 * The failed items grouped by their reason (ten images refused for one bad key are one line,
 * not ten), each with where its items sit (`placeOf` gives undefined for a deleted shot or beat).
 */
export function failureGroups(
	items: readonly JobItem[],
	placeOf: (item: JobItem) => ItemPlace | undefined,
	fallback = 'Failed, with no reason given.'
): FailureGroup[] {
	const groups = new Map<string, FailureGroup>();
	for (const item of items) {
		if (item.status !== 'failed') continue;
		const reason = item.lastError?.trim() || fallback;
		let group = groups.get(reason);
		if (!group) {
			group = { reason, keys: [], places: [] };
			groups.set(reason, group);
		}
		group.keys.push(item.key);
		const place = placeOf(item);
		const known = (other: ItemPlace) =>
			other.shotNumber === place?.shotNumber && other.beatIndex === place.beatIndex;
		if (place && !group.places.some(known)) group.places.push(place);
	}
	for (const group of groups.values()) {
		group.places.sort((a, b) => a.shotNumber - b.shotNumber || a.beatIndex - b.beatIndex);
	}
	return [...groups.values()];
}

/**
 * Where the items are, in words: "Shot 2", "Shots 1, 3 and 4" while every shot is a single
 * beat (as a storyboard without beats always read), else by beat: "Beat 2.3", "Beats 1.1 and 2.3".
 */
export function placeList(places: readonly ItemPlace[]): string {
	if (places.length === 0) return '';
	const byShot = places.every((place) => place.beatCount === 1);
	const names = places.map((place) =>
		byShot ? String(place.shotNumber) : `${place.shotNumber}.${place.beatIndex + 1}`
	);
	const noun = byShot ? 'Shot' : 'Beat';
	return `${noun}${names.length === 1 ? '' : 's'} ${joinWords(names)}`;
}

/** Whether a failure's reason is fixed in Settings (the key, the endpoint, the model, credits). */
export function fixedInSettings(reason: string): boolean {
	return /\bSettings\b|\bAPI key\b|\bcredits\b/i.test(reason);
}
