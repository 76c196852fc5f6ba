import { restorer, type Warn } from '$lib/domain/lenient';
import {
	AssetSchema,
	CastMemberSchema,
	JobSchema,
	LogEntrySchema,
	ProjectSchema,
	ShotSchema,
	StyleSchema,
	TakeSchema
} from '$lib/domain/records';

/**
 * Restore functions turn whatever was saved (by this version, an older one, or a hand-edited
 * bundle) into the current shape, as the record schemas in `domain/records.ts` read it:
 * defaults filled, unknown fields kept, and a record too broken to use reported through `warn`
 * and dropped instead of thrown.
 */
export { EXTRA_DEPTH_LIMIT, TEXT_LIMIT, type Warn } from '$lib/domain/lenient';

/** A project record in the current shape, or null when it has no usable id. */
export const restoreProject = restorer(
	ProjectSchema,
	'A storyboard record without an id was skipped.'
);

/** A shot record in the current shape, or null when it has no id or project. */
export const restoreShot = restorer(ShotSchema, 'A shot without an id or storyboard was skipped.');

/** A cast member record in the current shape, or null when it has no id or storyboard. */
export const restoreCastMember = restorer(
	CastMemberSchema,
	'A cast member without an id or storyboard was skipped.'
);

/** A style record in the current shape, or null. */
export const restoreStyle = restorer(
	StyleSchema,
	'A style without an id or storyboard was skipped.'
);

/** A take record in the current shape, or null when it points at nothing. */
export const restoreTake = restorer(TakeSchema, 'A take without its shot or image was skipped.');

/** An asset record; the Blob itself must be present. */
export const restoreAsset = restorer(
	AssetSchema,
	'A stored file that could not be read was skipped.'
);

/** A job record; items that cannot be read are dropped. */
export const restoreJob = restorer(JobSchema, 'A job without an id or storyboard was skipped.');

/** A log line; one without a message is dropped. */
export const restoreLog = restorer(LogEntrySchema);

/** Restore a list, dropping what cannot be used. */
export function restoreAll<T>(
	raws: readonly unknown[],
	restore: (raw: unknown, warn: Warn) => T | null,
	warn: Warn = () => {}
): T[] {
	const result: T[] = [];
	for (const raw of raws) {
		const restored = restore(raw, warn);
		if (restored !== null) result.push(restored);
	}
	return result;
}
