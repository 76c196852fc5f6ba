import type { StreamResult } from '$lib/ai/stream';
import type { CastProposal } from './cast-schema';
import type { ClipSpan } from './source-time';

export type { CastProposal, ClipSpan };

/** What this capability is called in the UI. Its models and limits are the AI settings (`ai/meta.ts`). */
export const label = 'Director and analyst';

/** The steps a storyboard's AI session runs, one at a time. */
export type AiTask = 'analyze' | 'direct' | 'regenerate';

/** Frames a vision request carries, and what the "what will be sent" line says about them. */
export interface FramesToSend {
	frames: Blob[];
	durationS?: number;
}

/** What the director is asked for: how many shots, from which context, premise and clip. */
export interface DirectorBrief {
	shotCount: number;
	/** The scene description from the clip (may be empty for an idea). */
	context: string;
	/** The person's premise, for a storyboard from an idea. */
	premise?: string;
	/** The clip's length, so source times stay inside it. */
	clipDurationS?: number;
	/** The clip's stretches between cuts, so a long one can be split into beats at its key moments. */
	cutSpans?: readonly ClipSpan[];
	/** The clip's middle frame as a data URL, when there is a clip. */
	middleFrameUrl?: string;
	/** Whether to ask for structured output or spell the format out in words. */
	structured: boolean;
	/** The storyboard's cast so far, for the director to name by exact name instead of proposing again. */
	cast?: readonly CastProposal[];
}

/** Where the shots come from: a clip of this length, or none (a storyboard from an idea). */
export interface ShotSource {
	clipDurationS?: number;
	/** The clip's stretches between cuts, found by the local video pass; a shot's beats stay in its own. */
	cutSpans?: readonly ClipSpan[];
}

/** The outcome of a director run: what was kept, and what went wrong along the way. */
export interface DirectorResult {
	shotCount: number;
	/** Things the person should know: skipped shots, a cut-off answer, a different count. */
	problems: string[];
	/** How many cast members the answer proposed (new or not). */
	castProposed: number;
	costUsd: number;
	/** The model's whole answer, for "view raw output". */
	raw: string;
	promptVersion: string;
}

/** The scene description a vision model wrote from the clip's frames. */
export interface SceneAnalysis extends StreamResult {
	promptVersion: string;
	frameCount: number;
}
