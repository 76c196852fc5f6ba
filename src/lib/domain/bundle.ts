import { z } from 'zod';
import { list, num, optional, part } from './lenient';
import type { ProjectGraph } from './types';

/** The envelope's `type`: anything else is not ours. */
export const BUNDLE_TYPE = 'maestro-project';
/** The newest bundle format this build writes and reads. */
export const BUNDLE_VERSION = 1;
/** Where the envelope is in the zip. */
export const ENVELOPE_PATH = 'project.json';

/**
 * What an imported storyboard may hold, so any file opens in seconds: more is cut with a note
 * (texts are cut at 100 KB each by `restore`). A project description larger than this is
 * refused.
 */
export const BUNDLE_LIMITS = {
	shots: 2_000,
	styles: 50,
	cast: 200,
	takes: 20_000,
	assets: 30_000,
	logs: 100,
	envelopeBytes: 64 * 1024 * 1024
} as const;

/** One file of the bundle as the envelope lists it: where it is in the zip and what it holds. */
export const BundleAssetEntrySchema = part({
	/** The asset's id; the asset record's own schema refuses a blank one. */
	id: z.string().catch(''),
	mime: z.string().catch(''),
	width: optional(num),
	height: optional(num),
	/** Its size, to tell a truncated file from a whole one. */
	bytes: optional(z.number()),
	path: z.string().refine((path) => path !== ENVELOPE_PATH)
});

const records = z.array(z.unknown()).catch([]);

/** The storyboard's records; each is read by its own schema (`records.ts`) when imported. */
const BundleBodySchema = z
	.object({
		project: z.unknown(),
		shots: records,
		styles: records,
		/** Missing in files made before the cast. */
		cast: records,
		takes: records,
		logs: records
	})
	.catch({ project: undefined, shots: [], styles: [], cast: [], takes: [], logs: [] });

/**
 * A `.maestro` file's `project.json`: the versioned envelope and the manifest of its files.
 * Only `type` and `version` can make it unreadable; a `version` newer than BUNDLE_VERSION reads
 * but is for a newer Maestro.
 */
export const BundleEnvelopeSchema = z.object({
	type: z.literal(BUNDLE_TYPE),
	version: z.number().int().min(1),
	source: z
		.object({ app: z.string(), appVersion: z.string(), exportedAt: z.string() })
		.partial()
		.catch({}),
	project: BundleBodySchema,
	/** The first BUNDLE_LIMITS.assets entries that name a file; the rest are left out. */
	assets: z
		.array(z.unknown())
		.catch([])
		.transform((entries) => entries.slice(0, BUNDLE_LIMITS.assets))
		.pipe(list(BundleAssetEntrySchema))
});

/** One file of the bundle as the envelope lists it. */
export type BundleAssetEntry = z.output<typeof BundleAssetEntrySchema>;

/** A `project.json` as written: the envelope with the storyboard's current records. */
export type BundleEnvelope = Omit<z.output<typeof BundleEnvelopeSchema>, 'project'> & {
	project: Omit<ProjectGraph, 'assets' | 'jobs'>;
};

/** Which part of an envelope made it unreadable: not ours at all, or ours without a version. */
export function envelopeProblem(error: z.ZodError): 'foreign' | 'no-version' {
	return error.issues.some((issue) => issue.path[0] === 'version' && issue.path.length === 1) &&
		!error.issues.some((issue) => issue.path.length === 0 || issue.path[0] === 'type')
		? 'no-version'
		: 'foreign';
}
