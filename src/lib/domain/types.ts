/**
 * The record shapes Maestro keeps in IndexedDB and in project bundles, as the schemas in
 * `records.ts` read them.
 */
import type { z } from 'zod';
import type {
	AspectRatioSchema,
	AssetSchema,
	BeatSchema,
	CastMemberSchema,
	DialogueLineSchema,
	JobItemSchema,
	JobSchema,
	LogEntrySchema,
	ProjectKindSchema,
	ProjectSchema,
	ProjectSourceSchema,
	ShotSchema,
	StyleSchema,
	TakeSchema,
	TransitionSchema,
	VideoProbeSchema
} from './records';

export { SCHEMA_VERSION } from './values';

export type ProjectKind = z.output<typeof ProjectKindSchema>;
export type Transition = z.output<typeof TransitionSchema>;
export type AspectRatio = z.output<typeof AspectRatioSchema>;
export type VideoProbe = z.output<typeof VideoProbeSchema>;
export type ProjectSource = z.output<typeof ProjectSourceSchema>;
export type Project = z.output<typeof ProjectSchema>;
export type ShotView = NonNullable<Project['shotView']>;
export type Shot = z.output<typeof ShotSchema>;
export type Beat = z.output<typeof BeatSchema>;
export type CastMember = z.output<typeof CastMemberSchema>;
export type CastKind = CastMember['kind'];
export type DialogueLine = z.output<typeof DialogueLineSchema>;
export type Style = z.output<typeof StyleSchema>;
export type Take = z.output<typeof TakeSchema>;
export type TakeKind = Take['kind'];
export type Asset = z.output<typeof AssetSchema>;
export type JobItem = z.output<typeof JobItemSchema>;
export type JobItemStatus = JobItem['status'];
export type Job = z.output<typeof JobSchema>;
export type LogEntry = z.output<typeof LogEntrySchema>;
export type LogLevel = LogEntry['level'];

/** Everything that belongs to one storyboard: what a bundle carries and duplicate copies. */
export interface ProjectGraph {
	project: Project;
	shots: Shot[];
	styles: Style[];
	/** Characters, props and locations; older bundles and copies have none. */
	cast: CastMember[];
	takes: Take[];
	jobs: Job[];
	logs: LogEntry[];
	assets: Asset[];
}

/** A library card: the project plus what the card shows about its shots. */
export interface ProjectSummary {
	project: Project;
	shotCount: number;
	thumbnail?: Blob;
}
