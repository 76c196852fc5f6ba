import type { Job } from '$lib/domain/types';
import {
	addJobItems,
	appendJobItems,
	applyItemPatches,
	createJob,
	getJob,
	newJob,
	moveJobItems,
	patchJobItems,
	setJobState,
	updateJobItems,
	withJobState,
	type ItemPatch,
	type JobItemMove,
	type NewJobItem
} from '$lib/store/jobs';

/** The saved-job operations the runner needs; each resolves to the job as saved, or undefined if it is gone. */
export interface JobStore {
	createJob(projectId: string, kind: string, items: readonly NewJobItem[]): Promise<Job>;
	getJob(id: string): Promise<Job | undefined>;
	/** Several item changes in one write, applied in order. */
	patchJobItems(jobId: string, patches: readonly ItemPatch[]): Promise<Job | undefined>;
	updateJobItems(jobId: string, move: JobItemMove): Promise<Job | undefined>;
	addJobItems(jobId: string, items: readonly NewJobItem[]): Promise<Job | undefined>;
	setJobState(jobId: string, state: Job['state'], reason?: string): Promise<Job | undefined>;
}

/** Jobs saved in IndexedDB: what the app uses, so a reload resumes them. */
export const indexedDbJobStore: JobStore = {
	createJob,
	getJob,
	patchJobItems,
	updateJobItems,
	addJobItems,
	setJobState
};

/** A job store that also lets a test (or a short-lived job) put and read jobs directly. */
export interface MemoryJobStore extends JobStore {
	put(job: Job): void;
	peek(id: string): Job | undefined;
}

/** Jobs kept in memory with the same rules as the saved ones: for tests and jobs not worth resuming. */
export function createMemoryJobStore(jobs: readonly Job[] = []): MemoryJobStore {
	const saved = new Map(jobs.map((job) => [job.id, structuredClone(job)]));
	const change = async (id: string, apply: (job: Job) => Job | undefined) => {
		const current = saved.get(id);
		const next = current ? apply(structuredClone(current)) : undefined;
		if (next) saved.set(id, structuredClone(next));
		return next;
	};
	return {
		put: (job) => void saved.set(job.id, structuredClone(job)),
		peek: (id) => {
			const job = saved.get(id);
			return job ? structuredClone(job) : undefined;
		},
		createJob: async (projectId, kind, items) => {
			const job = newJob(projectId, kind, items);
			saved.set(job.id, structuredClone(job));
			return job;
		},
		getJob: async (id) => {
			const job = saved.get(id);
			return job ? structuredClone(job) : undefined;
		},
		patchJobItems: (jobId, patches) => change(jobId, (job) => applyItemPatches(job, patches)),
		updateJobItems: (jobId, move) => change(jobId, (job) => moveJobItems(job, move)),
		addJobItems: (jobId, items) => change(jobId, (job) => appendJobItems(job, items)),
		setJobState: (jobId, state, reason) => change(jobId, (job) => withJobState(job, state, reason))
	};
}
