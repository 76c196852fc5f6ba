/** The record shapes Maestro keeps in IndexedDB and in project bundles. */

/** Version of the record shapes below; bumped with a restore step for the old shape. */
export const SCHEMA_VERSION = 1;

export type ProjectKind = 'video' | 'idea';
export type Transition = 'cut' | 'dissolve';
export type AspectRatio = '16:9' | '9:16' | '1:1' | '4:3' | '3:4' | '21:9';

export interface VideoProbe {
	durationS: number;
	width: number;
	height: number;
	fps: number;
	codec: string;
	rotation: number;
	hasAudio: boolean;
}

export interface ProjectSource {
	kind: ProjectKind;
	/** The premise typed by the person, for an idea. */
	prompt?: string;
	/** The clip, for a video project, once it has been added. */
	videoAssetId?: string;
	probe?: VideoProbe;
}

export interface Project {
	id: string;
	title: string;
	createdAt: number;
	updatedAt: number;
	source: ProjectSource;
	context: string;
	shotCount: number;
	aspectRatio: AspectRatio;
	models: Record<string, string>;
	costUsd: number;
	/** Rendering pauses before the project's cost would pass this (USD); none when unset. */
	spendingCapUsd?: number;
	/** Set when the person deletes it; purged once the undo window has passed. */
	deletedAt?: number;
	/** Raised on every write, so another tab can tell its copy is stale. */
	revision: number;
	schemaVersion: number;
	[extra: string]: unknown;
}

export interface Shot {
	id: string;
	projectId: string;
	order: number;
	title: string;
	description: string;
	shotSize: string;
	angle: string;
	movement: string;
	durationS: number;
	transition: Transition;
	notes: string;
	/** Where the shot starts in the source clip, when it comes from one. */
	sourceTimeS?: number;
	keyframeAssetId?: string;
	revision: number;
	schemaVersion: number;
	[extra: string]: unknown;
}

export interface Style {
	id: string;
	projectId: string;
	name: string;
	referenceAssetId?: string;
	promptWords: string;
	order: number;
	schemaVersion: number;
	[extra: string]: unknown;
}

export type TakeKind = 'image' | 'video';

export interface Take {
	id: string;
	projectId: string;
	shotId: string;
	styleId: string;
	/** An image take is a rendered still; a video take is an animated clip of a still. */
	kind: TakeKind;
	/** The still: the rendered image, or for a video take the frame it started from. */
	imageAssetId: string;
	upscaledAssetId?: string;
	/** The clip, for a video take. */
	videoAssetId?: string;
	/** The render job item that made it, so a resumed job never asks for it again. */
	jobItemKey?: string;
	model: string;
	prompt: string;
	costUsd: number;
	createdAt: number;
	chosen: boolean;
	schemaVersion: number;
	[extra: string]: unknown;
}

export interface Asset {
	id: string;
	projectId: string;
	blob: Blob;
	mime: string;
	width?: number;
	height?: number;
	schemaVersion: number;
}

export type JobItemStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobItem {
	key: string;
	status: JobItemStatus;
	attempts: number;
	lastError?: string;
	[extra: string]: unknown;
}

export interface Job {
	id: string;
	projectId: string;
	kind: string;
	items: JobItem[];
	createdAt: number;
	state: 'running' | 'paused' | 'done' | 'cancelled';
	/** Why a paused job stopped (a spending cap, a failed save), shown next to "Resume". */
	pauseReason?: string;
	schemaVersion: number;
	[extra: string]: unknown;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
	id?: number;
	projectId: string;
	time: number;
	level: LogLevel;
	message: string;
	schemaVersion: number;
}

/** Everything that belongs to one storyboard: what a bundle carries and duplicate copies. */
export interface ProjectGraph {
	project: Project;
	shots: Shot[];
	styles: Style[];
	takes: Take[];
	jobs: Job[];
	logs: LogEntry[];
	assets: Asset[];
}
