import { newId } from '$lib/domain/ids';
import { SCHEMA_VERSION, type Job, type JobItem, type JobItemStatus } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { restoreAll, restoreJob } from './restore';

/** A new item as a caller describes it: a key unique in its job, plus whatever its worker needs. */
export type NewJobItem = { key: string } & Record<string, unknown>;

/** A change to one item; `lastError: null` clears the error. */
export interface JobItemPatch {
	status?: JobItemStatus;
	attempts?: number;
	lastError?: string | null;
	/** Fields of the item's own (a submitted provider job id, say), merged into the item. */
	data?: Record<string, unknown>;
}

const ITEM_FIELDS = new Set(['key', 'status', 'attempts', 'lastError']);

/** Items to move to another status together: those in `from`, optionally only these keys. */
export interface JobItemMove {
	from: readonly JobItemStatus[];
	to: JobItemStatus;
	keys?: readonly string[];
	/** Start the attempt count again, for a retry the person asked for. */
	resetAttempts?: boolean;
}

/** States after which a job does nothing more until someone retries it. */
export const FINISHED_JOB_STATES: ReadonlySet<Job['state']> = new Set(['done', 'cancelled']);

function queuedItems(items: readonly NewJobItem[], taken: ReadonlySet<string> = new Set()) {
	const seen = new Set(taken);
	const result: JobItem[] = [];
	for (const item of items) {
		if (typeof item.key !== 'string' || item.key === '' || seen.has(item.key)) continue;
		seen.add(item.key);
		result.push({ ...item, key: item.key, status: 'queued', attempts: 0 });
	}
	return result;
}

/** A new running job whose items are all queued; repeated or empty keys are dropped. */
export function newJob(
	projectId: string,
	kind: string,
	items: readonly NewJobItem[],
	fields: Record<string, unknown> = {}
): Job {
	return {
		...fields,
		id: newId(),
		projectId,
		kind,
		items: queuedItems(items),
		createdAt: Date.now(),
		state: 'running',
		schemaVersion: SCHEMA_VERSION
	};
}

/** The job with one item changed, or undefined when it has no such item. */
export function patchJobItem(job: Job, key: string, patch: JobItemPatch): Job | undefined {
	const index = job.items.findIndex((item) => item.key === key);
	const current = job.items[index];
	if (!current) return undefined;
	const next: JobItem = { ...current };
	if (patch.status !== undefined) next.status = patch.status;
	if (patch.attempts !== undefined) next.attempts = Math.max(0, Math.floor(patch.attempts));
	if (patch.lastError === null || patch.lastError === '') delete next.lastError;
	else if (patch.lastError !== undefined) next.lastError = patch.lastError;
	for (const [field, value] of Object.entries(patch.data ?? {})) {
		if (!ITEM_FIELDS.has(field)) next[field] = value;
	}
	const items = [...job.items];
	items[index] = next;
	return { ...job, items };
}

/** One item's change, by key. */
export interface ItemPatch {
	key: string;
	patch: JobItemPatch;
}

/** The job with each change applied in turn; unknown keys change nothing. */
export function applyItemPatches(job: Job, patches: readonly ItemPatch[]): Job {
	return patches.reduce((next, { key, patch }) => patchJobItem(next, key, patch) ?? next, job);
}

/** The job with the matching items moved to another status. */
export function moveJobItems(job: Job, move: JobItemMove): Job {
	const keys = move.keys ? new Set(move.keys) : undefined;
	const items = job.items.map((item) => {
		if (!move.from.includes(item.status) || (keys && !keys.has(item.key))) return item;
		return { ...item, status: move.to, attempts: move.resetAttempts ? 0 : item.attempts };
	});
	return { ...job, items };
}

/** The job with new queued items at the end; keys it already has are ignored. */
export function appendJobItems(job: Job, items: readonly NewJobItem[]): Job {
	const taken = new Set(job.items.map((item) => item.key));
	return { ...job, items: [...job.items, ...queuedItems(items, taken)] };
}

/** The job in another state; a reason is kept only while it is paused. */
export function withJobState(job: Job, state: Job['state'], reason?: string): Job {
	const next: Job = { ...job, state };
	if (state === 'paused' && reason) next.pauseReason = reason;
	else delete next.pauseReason;
	return next;
}

/**
 * Read a job, change it and write it back in one read-write transaction, so changes to other
 * items made at the same moment (several items finish together) are never lost.
 */
async function changeJob(
	jobId: string,
	change: (job: Job) => Job | undefined,
	announce = true
): Promise<Job | undefined> {
	const db = await getDb();
	const tx = db.transaction(STORES.jobs, 'readwrite');
	const current = restoreJob(await tx.store.get(jobId));
	const next = current ? change(current) : undefined;
	if (next) await tx.store.put(next);
	await tx.done;
	if (next && announce) announceChange({ scope: 'project', projectId: next.projectId });
	return next;
}

/** Save a new job with all its items queued and return it. */
export async function createJob(
	projectId: string,
	kind: string,
	items: readonly NewJobItem[],
	fields: Record<string, unknown> = {}
): Promise<Job> {
	const job = newJob(projectId, kind, items, fields);
	const db = await getDb();
	const tx = db.transaction(STORES.jobs, 'readwrite');
	const siblings = restoreAll(await tx.store.index('by-project').getAll(projectId), restoreJob);
	// Later than every sibling, even within one millisecond, so jobs list in the order made.
	job.createdAt = Math.max(job.createdAt, ...siblings.map((other) => other.createdAt + 1));
	await tx.store.add(job);
	await tx.done;
	announceChange({ scope: 'project', projectId });
	return job;
}

/** One job as saved, or undefined. */
export async function getJob(id: string): Promise<Job | undefined> {
	const db = await getDb();
	return restoreJob(await db.get(STORES.jobs, id)) ?? undefined;
}

/** The jobs of a project, oldest first. */
export async function listJobs(projectId: string): Promise<Job[]> {
	const db = await getDb();
	const jobs = restoreAll(
		await db.getAllFromIndex(STORES.jobs, 'by-project', projectId),
		restoreJob
	);
	return jobs.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Save one item's status, attempts or last error the moment it changes; an unknown key
 * changes nothing. Not announced to other tabs (it happens several times a second); state
 * changes are. Undefined only when the job itself is gone.
 */
export async function updateJobItem(
	jobId: string,
	key: string,
	patch: JobItemPatch
): Promise<Job | undefined> {
	return patchJobItems(jobId, [{ key, patch }]);
}

/**
 * Save several item changes in one write, applied in order (an item finishing and the next one
 * starting, say). Not announced to other tabs, like `updateJobItem`.
 */
export async function patchJobItems(
	jobId: string,
	patches: readonly ItemPatch[]
): Promise<Job | undefined> {
	return changeJob(jobId, (job) => applyItemPatches(job, patches), false);
}

/** Move several items to another status in one write (requeue after a crash, retry, cancel). */
export async function updateJobItems(jobId: string, move: JobItemMove): Promise<Job | undefined> {
	return changeJob(jobId, (job) => moveJobItems(job, move));
}

/** Append queued items to a saved job; keys it already has are ignored. */
export async function addJobItems(
	jobId: string,
	items: readonly NewJobItem[]
): Promise<Job | undefined> {
	return changeJob(jobId, (job) => appendJobItems(job, items));
}

/** Save a job's state, with the reason when it pauses. */
export async function setJobState(
	jobId: string,
	state: Job['state'],
	reason?: string
): Promise<Job | undefined> {
	return changeJob(jobId, (job) => withJobState(job, state, reason));
}

/** Delete one job. */
export async function deleteJob(id: string): Promise<void> {
	const job = await getJob(id);
	const db = await getDb();
	await db.delete(STORES.jobs, id);
	if (job) announceChange({ scope: 'project', projectId: job.projectId });
}

/** Delete a project's done and cancelled jobs; returns how many went. */
export async function deleteFinishedJobs(projectId: string): Promise<number> {
	const db = await getDb();
	const tx = db.transaction(STORES.jobs, 'readwrite');
	const jobs = restoreAll(await tx.store.index('by-project').getAll(projectId), restoreJob);
	const finished = jobs.filter((job) => FINISHED_JOB_STATES.has(job.state));
	for (const job of finished) await tx.store.delete(job.id);
	await tx.done;
	if (finished.length > 0) announceChange({ scope: 'project', projectId });
	return finished.length;
}
