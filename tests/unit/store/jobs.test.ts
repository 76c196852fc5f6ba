import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, STORES } from '$lib/store/db';
import {
	addJobItems,
	createJob,
	deleteFinishedJobs,
	deleteJob,
	getJob,
	listJobs,
	setJobState,
	updateJobItem,
	updateJobItems
} from '$lib/store/jobs';
import { restoreJob } from '$lib/store/restore';
import { freshDb } from '../helpers';

beforeEach(freshDb);

const items = (...keys: string[]) => keys.map((key) => ({ key, shotId: `shot-${key}` }));

describe('createJob', () => {
	it('saves a running job whose items are queued, keeping what the worker needs', async () => {
		const job = await createJob('p1', 'render', items('a', 'b'));
		const saved = await getJob(job.id);
		expect(saved?.state).toBe('running');
		expect(saved?.items).toEqual([
			{ key: 'a', shotId: 'shot-a', status: 'queued', attempts: 0 },
			{ key: 'b', shotId: 'shot-b', status: 'queued', attempts: 0 }
		]);
	});

	it('drops repeated and empty keys', async () => {
		const job = await createJob('p1', 'render', [{ key: 'a' }, { key: 'a' }, { key: '' }]);
		expect(job.items.map((item) => item.key)).toEqual(['a']);
	});
});

describe('listJobs', () => {
	it('lists jobs made in one millisecond in the order they were made', async () => {
		vi.useFakeTimers({ now: 1_000, toFake: ['Date'] });
		try {
			const made = [];
			for (let i = 0; i < 6; i++) made.push((await createJob('p1', 'render', items('a'))).id);
			expect((await listJobs('p1')).map((job) => job.id)).toEqual(made);
		} finally {
			vi.useRealTimers();
		}
	});

	it('lists only the jobs of one project, oldest first', async () => {
		const first = await createJob('p1', 'render', items('a'));
		await createJob('p2', 'render', items('a'));
		const second = await createJob('p1', 'upscale', items('a'));
		const jobs = await listJobs('p1');
		expect(jobs.map((job) => job.id)).toEqual([first.id, second.id]);
	});

	it('reads stored records through restoreJob, skipping broken ones', async () => {
		const db = await getDb();
		await db.put(STORES.jobs, {
			id: 'old',
			projectId: 'p1',
			items: [{ key: 'a', status: 'weird' }, { nokey: 1 }]
		} as never);
		await db.put(STORES.jobs, { id: '', projectId: 'p1' } as never);
		const jobs = await listJobs('p1');
		expect(jobs).toHaveLength(1);
		expect(jobs[0]?.items).toEqual([{ key: 'a', status: 'queued', attempts: 0 }]);
		expect(jobs[0]?.state).toBe('paused');
	});
});

describe('updateJobItem', () => {
	it('saves status, attempts and last error, and clears the error with null', async () => {
		const job = await createJob('p1', 'render', items('a'));
		await updateJobItem(job.id, 'a', { status: 'queued', attempts: 2, lastError: '429' });
		expect((await getJob(job.id))?.items[0]).toMatchObject({ attempts: 2, lastError: '429' });
		await updateJobItem(job.id, 'a', { status: 'done', lastError: null });
		const item = (await getJob(job.id))?.items[0];
		expect(item?.status).toBe('done');
		expect(item).not.toHaveProperty('lastError');
	});

	it('loses no change when several items finish at the same moment', async () => {
		const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
		const job = await createJob('p1', 'render', items(...keys));
		await Promise.all(
			keys.map((key) => updateJobItem(job.id, key, { status: 'done', attempts: 1 }))
		);
		const saved = await getJob(job.id);
		expect(saved?.items.map((item) => item.status)).toEqual(keys.map(() => 'done'));
	});

	it('returns undefined for a job that is gone and changes nothing for an unknown item', async () => {
		const job = await createJob('p1', 'render', items('a'));
		expect(await updateJobItem('gone', 'a', { status: 'done' })).toBeUndefined();
		expect((await updateJobItem(job.id, 'zz', { status: 'done' }))?.items).toEqual(job.items);
	});
});

describe('updateJobItems', () => {
	it('moves only the items in the given statuses and keys', async () => {
		const job = await createJob('p1', 'render', items('a', 'b', 'c'));
		await updateJobItem(job.id, 'a', { status: 'running', attempts: 1 });
		await updateJobItem(job.id, 'b', { status: 'failed', attempts: 5 });
		await updateJobItem(job.id, 'c', { status: 'failed', attempts: 5 });
		await updateJobItems(job.id, { from: ['running'], to: 'queued' });
		await updateJobItems(job.id, {
			from: ['failed'],
			to: 'queued',
			keys: ['b'],
			resetAttempts: true
		});
		const saved = await getJob(job.id);
		expect(saved?.items.map((item) => [item.key, item.status, item.attempts])).toEqual([
			['a', 'queued', 1],
			['b', 'queued', 0],
			['c', 'failed', 5]
		]);
	});
});

describe('addJobItems', () => {
	it('appends new keys as queued and ignores keys the job has', async () => {
		const job = await createJob('p1', 'render', items('a'));
		await updateJobItem(job.id, 'a', { status: 'done', attempts: 1 });
		await addJobItems(job.id, items('a', 'b'));
		const saved = await getJob(job.id);
		expect(saved?.items.map((item) => [item.key, item.status])).toEqual([
			['a', 'done'],
			['b', 'queued']
		]);
	});
});

describe('setJobState', () => {
	it('keeps a pause reason while paused and drops it when the job runs again', async () => {
		const job = await createJob('p1', 'render', items('a'));
		await setJobState(job.id, 'paused', 'Spending cap of $1.00 reached.');
		expect((await getJob(job.id))?.pauseReason).toBe('Spending cap of $1.00 reached.');
		await setJobState(job.id, 'running');
		expect(await getJob(job.id)).not.toHaveProperty('pauseReason');
	});

	it('is kept by restoreJob only for a paused job', () => {
		const base = { id: 'j', projectId: 'p', items: [] };
		expect(restoreJob({ ...base, state: 'paused', pauseReason: 'cap' })?.pauseReason).toBe('cap');
		expect(restoreJob({ ...base, state: 'done', pauseReason: 'cap' })).not.toHaveProperty(
			'pauseReason'
		);
	});
});

describe('deleteFinishedJobs', () => {
	it('deletes done and cancelled jobs of the project and keeps the rest', async () => {
		const done = await createJob('p1', 'render', items('a'));
		const cancelled = await createJob('p1', 'render', items('a'));
		const paused = await createJob('p1', 'render', items('a'));
		const other = await createJob('p2', 'render', items('a'));
		await setJobState(done.id, 'done');
		await setJobState(cancelled.id, 'cancelled');
		await setJobState(paused.id, 'paused');
		await setJobState(other.id, 'done');
		expect(await deleteFinishedJobs('p1')).toBe(2);
		expect((await listJobs('p1')).map((job) => job.id)).toEqual([paused.id]);
		expect(await listJobs('p2')).toHaveLength(1);
	});
});

describe('deleteJob', () => {
	it('removes the job', async () => {
		const job = await createJob('p1', 'render', items('a'));
		await deleteJob(job.id);
		expect(await getJob(job.id)).toBeUndefined();
	});
});
