import type { JobItem, Take } from '$lib/domain/types';
import { JobRunner, type JobRunnerConfig } from '$lib/jobs/runner';
import type { ErrorVerdict } from '$lib/jobs/item-errors';
import { FINISHED_JOB_STATES, listJobs } from '$lib/store/jobs';
import { getTake, listTakes } from '$lib/store/takes';
import { UpscaleError } from './client';
import { defaultOptions, type ModelChoice, type Options } from './meta';
import { upscaleTake } from './take-upscale';

/** The job kind "Upscale chosen" saves its work under. */
export const UPSCALE_JOB_KIND = 'upscale';

/** The takes "Upscale chosen" works on: chosen image takes with no upscaled image yet. */
export function takesToUpscale(takes: readonly Take[]): Take[] {
	return takes.filter((take) => take.kind === 'image' && take.chosen && !take.upscaledAssetId);
}

/** What each saved item carries, so a resumed job upscales the way it was asked to. */
function itemFor(take: Take, options: Options) {
	return { key: take.id, takeId: take.id, choice: options.choice, outscale: options.outscale };
}

function optionsOf(item: JobItem): Options {
	const choice = ['illustration', 'photo', 'quality'].includes(String(item.choice))
		? (item.choice as ModelChoice)
		: defaultOptions.choice;
	return { ...defaultOptions, choice, outscale: item.outscale === 4 ? 4 : 2 };
}

/** A missing model or image will not appear by trying again; a crashed engine might recover. */
function classifyError(error: unknown): ErrorVerdict {
	if (error instanceof UpscaleError) {
		return { retryable: error.kind === 'engine', message: error.message };
	}
	return { retryable: true };
}

/** One take at a time: there is one upscale worker and it uses every core. */
const config: JobRunnerConfig = {
	work: async (item, { signal }) => {
		const take = await getTake(String(item.takeId));
		if (!take || take.upscaledAssetId) return;
		await upscaleTake(signal, take, optionsOf(item));
	},
	classifyError,
	options: { concurrency: 1, requestsPerMinute: 0, maxAttempts: 2, baseBackoffMs: 500 }
};

/**
 * Save an upscale job for every chosen take that needs one, and open it; undefined when there
 * is nothing to do. `start()` the runner to begin.
 */
export async function createUpscaleJob(
	projectId: string,
	options: Options
): Promise<JobRunner | undefined> {
	const takes = takesToUpscale(await listTakes(projectId));
	if (takes.length === 0) return undefined;
	return JobRunner.create(
		projectId,
		UPSCALE_JOB_KIND,
		takes.map((take) => itemFor(take, options)),
		config
	);
}

/** Open the storyboard's unfinished upscale job (after a reload), if there is one. */
export async function openUpscaleJob(projectId: string): Promise<JobRunner | undefined> {
	const jobs = await listJobs(projectId);
	const job = jobs.find((j) => j.kind === UPSCALE_JOB_KIND && !FINISHED_JOB_STATES.has(j.state));
	return job ? JobRunner.open(job.id, config) : undefined;
}
