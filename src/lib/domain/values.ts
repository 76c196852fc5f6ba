/**
 * The values records hold and the rules that keep them in range, used by the record schemas
 * (`records.ts`) and by the rules in `shot.ts` and `project.ts`, which re-export them.
 */

/** Version of the record shapes; bumped with a restore step for the old shape. */
export const SCHEMA_VERSION = 1;

export const TRANSITIONS = ['cut', 'dissolve'] as const;

export const MIN_DURATION_S = 0.1;
export const MAX_DURATION_S = 600;
export const DEFAULT_DURATION_S = 3;

/** What a new shot holds before anyone writes in it (and what restore fills in). */
export const SHOT_DEFAULTS = {
	shotSize: 'Medium',
	angle: 'Eye level',
	movement: 'Static',
	durationS: DEFAULT_DURATION_S,
	transition: 'cut'
} as const;

/** A duration a person typed, kept inside what an animatic can use; NaN becomes the default. */
export function clampDuration(value: number): number {
	if (!Number.isFinite(value)) return DEFAULT_DURATION_S;
	const rounded = Math.round(value * 100) / 100;
	return Math.min(MAX_DURATION_S, Math.max(MIN_DURATION_S, rounded));
}

export const DEFAULT_TITLE = 'Untitled storyboard';
export const MAX_TITLE_LENGTH = 200;
export const DEFAULT_SHOT_COUNT = 5;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const;
export const DEFAULT_ASPECT_RATIO = '16:9' satisfies (typeof ASPECT_RATIOS)[number];
/** How the workspace shows a storyboard's shots: a grid of frames, or the detailed forms. */
export const SHOT_VIEWS = ['board', 'list'] as const;
export const DEFAULT_SHOT_VIEW = 'board' satisfies (typeof SHOT_VIEWS)[number];
/** A storyboard made from a clip, or from an idea typed in. */
export const PROJECT_KINDS = ['video', 'idea'] as const;

/** A title as stored: trimmed, single-line, never empty, bounded. */
export function cleanTitle(title: string): string {
	const single = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
	return single || DEFAULT_TITLE;
}

/** The most beats a shot keeps; a storyboard artist rarely draws more panels for one set-up. */
export const MAX_BEATS = 8;

/**
 * The id of a shot's first beat as the migration gives it: derived from the shot, so a shot
 * saved before beats existed and each of its takes and render items agree on it without
 * reading each other, and reading them again gives the same id.
 */
export function firstBeatId(shotId: string): string {
	return `${shotId}#1`;
}

/** What a cast member is: someone, something they handle, somewhere. */
export const CAST_KINDS = ['character', 'prop', 'location'] as const;

/** The most reference pictures a cast member keeps. */
export const MAX_CAST_PICTURES = 4;
