import type { JobItem } from '$lib/domain/types';

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

/** Failed items that share a reason, with the shots they were for, in storyboard order. */
export interface FailureGroup {
	reason: string;
	keys: string[];
	shotNumbers: number[];
}

/**
 * The failed items grouped by their reason (ten images refused for one bad key are one line,
 * not ten), each with its shot numbers (`shotNumber` gives the 1-based place, or undefined
 * for a deleted shot).
 */
export function failureGroups(
	items: readonly JobItem[],
	shotNumber: (shotId: string) => number | undefined,
	fallback = 'Failed, with no reason given.'
): FailureGroup[] {
	const groups = new Map<string, FailureGroup>();
	for (const item of items) {
		if (item.status !== 'failed') continue;
		const reason = item.lastError?.trim() || fallback;
		let group = groups.get(reason);
		if (!group) {
			group = { reason, keys: [], shotNumbers: [] };
			groups.set(reason, group);
		}
		group.keys.push(item.key);
		const number = typeof item.shotId === 'string' ? shotNumber(item.shotId) : undefined;
		if (number !== undefined && !group.shotNumbers.includes(number)) group.shotNumbers.push(number);
	}
	for (const group of groups.values()) group.shotNumbers.sort((a, b) => a - b);
	return [...groups.values()];
}

/** "Shot 2", "Shots 2 and 5", "Shots 1, 3 and 4"; empty for none. */
export function shotList(numbers: readonly number[]): string {
	if (numbers.length === 0) return '';
	if (numbers.length === 1) return `Shot ${numbers[0]}`;
	return `Shots ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** Whether a failure's reason is fixed in Settings (the key, the endpoint, the model, credits). */
export function fixedInSettings(reason: string): boolean {
	return /\bSettings\b|\bAPI key\b|\bcredits\b/i.test(reason);
}
