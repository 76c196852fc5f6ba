import { newId } from './ids';
import type { Project, ProjectKind, Shot, Take } from './types';
import { cleanTitle, DEFAULT_ASPECT_RATIO, DEFAULT_SHOT_COUNT, SCHEMA_VERSION } from './values';

export {
	ASPECT_RATIOS,
	cleanTitle,
	DEFAULT_ASPECT_RATIO,
	DEFAULT_SHOT_COUNT,
	DEFAULT_TITLE,
	MAX_TITLE_LENGTH,
	PROJECT_KINDS
} from './values';

/** A new storyboard of the given kind. */
export function createProject(
	kind: ProjectKind,
	title: string,
	prompt?: string,
	now = Date.now()
): Project {
	return {
		id: newId(),
		title: cleanTitle(title),
		createdAt: now,
		updatedAt: now,
		source: prompt ? { kind, prompt } : { kind },
		context: '',
		shotCount: DEFAULT_SHOT_COUNT,
		aspectRatio: DEFAULT_ASPECT_RATIO,
		models: {},
		costUsd: 0,
		revision: 0,
		schemaVersion: SCHEMA_VERSION
	};
}

/** The title for a copy: "Copy of X", trimmed to the title limit. */
export function copyTitle(title: string): string {
	return cleanTitle(`Copy of ${title}`);
}

/** The title of a second copy of an imported storyboard: "Pier (imported 2026-12-05)". */
export function importedTitle(title: string, date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	return cleanTitle(`${title} (imported ${day})`);
}

/** Case- and accent-insensitive title search. */
export function matchesSearch(title: string, query: string): boolean {
	const fold = (s: string) =>
		s
			.normalize('NFD')
			.replace(/\p{Diacritic}/gu, '')
			.toLocaleLowerCase();
	const q = fold(query.trim());
	return q === '' || fold(title).includes(q);
}

/**
 * The picture a library card shows: the first shot's chosen take or keyframe that exists,
 * else, for a clip not yet made into shots, the first frame sampled from it.
 */
export function thumbnailAssetId(
	project: Pick<Project, 'videoIntake'>,
	shots: readonly Pick<Shot, 'id' | 'keyframeAssetId'>[],
	takes: readonly Pick<Take, 'shotId' | 'chosen' | 'imageAssetId'>[]
): string | undefined {
	for (const shot of shots) {
		const chosen = takes.find((take) => take.shotId === shot.id && take.chosen);
		const id = chosen?.imageAssetId ?? shot.keyframeAssetId;
		if (id) return id;
	}
	const frames = project.videoIntake?.frames ?? [];
	const context = frames.filter((frame) => frame.role === 'context');
	const first = (context.length > 0 ? context : frames).reduce<(typeof frames)[number] | undefined>(
		(earliest, frame) => (!earliest || frame.timeS < earliest.timeS ? frame : earliest),
		undefined
	);
	return first?.assetId;
}
