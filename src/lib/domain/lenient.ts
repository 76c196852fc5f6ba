import { z } from 'zod';

/**
 * The building blocks of the record schemas (`records.ts`): fields read leniently, so whatever
 * was saved (by this version, an older one, or a hand-edited bundle) comes out in the current
 * shape, and what had to be repaired is noted for the person instead of thrown.
 */
export type Warn = (message: string) => void;

/** The longest text a field keeps (characters); longer text is cut, with a note. */
export const TEXT_LIMIT = 100_000;
/** How deep a field the format does not know may nest before it is dropped. */
export const EXTRA_DEPTH_LIMIT = 16;
/** The range of times a Date can hold (ms from 1970, either way). */
export const TIME_LIMIT = 8.64e15;

let notes: string[] | undefined;

/** Note what a schema repaired (text cut, a field left out); `restorer` hands notes to `warn`. */
export function note(message: string): void {
	notes?.push(message);
}

/**
 * The restore function of a record schema: never throws; a record the schema refuses is
 * reported with `skipped` (when given) and read as null, one it accepts passes its notes on.
 */
export function restorer<S extends z.ZodType>(schema: S, skipped?: string) {
	return (raw: unknown, warn: Warn = () => {}): z.output<S> | null => {
		const outer = notes;
		const mine: string[] = [];
		notes = mine;
		let result: z.ZodSafeParseResult<z.output<S>> | undefined;
		try {
			result = schema.safeParse(raw);
		} catch {
			result = undefined;
		} finally {
			notes = outer;
		}
		if (!result?.success) {
			if (skipped) warn(skipped);
			return null;
		}
		for (const message of mine) warn(message);
		return result.data;
	};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text, cut at TEXT_LIMIT characters with a note naming `what` ("A shot’s title"). */
export function text(what: string) {
	return z.string().transform((value) => {
		if (value.length <= TEXT_LIMIT) return value;
		note(`${what} was ${Math.round(value.length / 1000)} KB long and was cut to 100 KB.`);
		return value.slice(0, TEXT_LIMIT);
	});
}

/** A finite number, also when written as a string ("12.5"). */
export const num = z.preprocess(
	(value) => (typeof value === 'string' ? Number(value) : value),
	z.number()
);
/** A number that is never below zero (money). */
export const amount = num.transform((value) => Math.max(0, value));
/** A whole number that is never below zero (revisions, attempts). */
export const count = num.transform((value) => Math.max(0, Math.floor(value)));
/** A time a Date can show (ms from 1970). */
export const time = num.refine((value) => Math.abs(value) <= TIME_LIMIT);
/** A reference to another record: a string that is not blank. */
export const id = z.string().refine((value) => value.trim() !== '');
/** Non-empty text (an optional field that is empty is left out). */
export const filled = z.string().min(1);

/** A field that may be missing: anything it cannot read leaves it out. */
export function optional<S extends z.ZodType>(schema: S) {
	return schema.optional().catch(undefined);
}

/** Whatever was given, read as `value` (the current schema version). */
export function always<T>(value: T) {
	return z.unknown().transform((): T => value);
}

/** How deep `value` nests, counted without recursion; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth + 1 > deepest) deepest = depth + 1;
		if (deepest > limit) return deepest;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/**
 * A stored record: the fields of `shape`, read by their schemas, and any field the format does
 * not know kept as it was, unless it nests too deep to store (IndexedDB's copy of a value, like
 * any recursive reader, fails on thousands of levels). Optional fields that read as nothing are
 * left out rather than kept as `undefined`.
 */
export function record<T extends z.core.$ZodLooseShape>(shape: T) {
	const known = new Set(Object.keys(shape));
	return z.looseObject(shape).transform((value) => {
		for (const key of Object.keys(value)) {
			const field = value[key];
			if (field === undefined) delete value[key];
			else if (
				!known.has(key) &&
				typeof field === 'object' &&
				field !== null &&
				depthOf(field, EXTRA_DEPTH_LIMIT) > EXTRA_DEPTH_LIMIT
			) {
				note(`A field “${key.slice(0, 40)}” nested too deep to keep was left out.`);
				delete value[key];
			}
		}
		return value;
	});
}

/** A part of a record that keeps no unknown fields; optional fields that read as nothing are left out. */
export function part<T extends z.core.$ZodShape>(shape: T) {
	return z.object(shape).transform((value) => {
		for (const key of Object.keys(value)) {
			if (value[key as keyof typeof value] === undefined) delete value[key as keyof typeof value];
		}
		return value;
	});
}

/**
 * A list of `item`: anything but a list reads as empty, and items `item` refuses are dropped
 * (with one note through `skipped`, given how many).
 */
export function list<S extends z.ZodType>(item: S, skipped?: (dropped: number) => string) {
	return z
		.array(z.unknown())
		.catch([])
		.transform((raws) => {
			const kept: z.output<S>[] = [];
			for (const raw of raws) {
				const result = item.safeParse(raw);
				if (result.success) kept.push(result.data);
			}
			if (skipped && kept.length < raws.length) note(skipped(raws.length - kept.length));
			return kept;
		});
}
