import { beforeEach, describe, expect, it } from 'vitest';
import { JobRunner, type ItemWork } from '$lib/jobs/runner';
import { getJob } from '$lib/store/jobs';
import { freshDb } from '../helpers';

beforeEach(freshDb);

const fast = { concurrency: 2, requestsPerMinute: 0, baseBackoffMs: 0 };
const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key }));

/** Resolves once `check` holds for the saved job. */
async function until(jobId: string, check: (statuses: string[]) => boolean): Promise<void> {
	for (let i = 0; i < 200; i++) {
		const job = await getJob(jobId);
		if (job && check(job.items.map((item) => item.status))) return;
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	throw new Error('The job never got there.');
}

describe('JobRunner.open', () => {
	it('resumes a job after a crash and never runs a done item again', async () => {
		const paid: string[] = [];
		const hangOn = new Set(['c', 'd']);
		const beforeCrash: ItemWork = async (item) => {
			paid.push(item.key);
			if (hangOn.has(item.key)) await new Promise(() => {});
		};
		const first = await JobRunner.create('p1', 'render', items, {
			options: fast,
			work: beforeCrash
		});
		first.start();
		await until(first.jobId, (s) => s.join() === 'done,done,running,running,queued,queued');

		const second = await JobRunner.open(first.jobId, {
			options: fast,
			work: async (item) => void paid.push(item.key)
		});
		expect(second.items.map((item) => item.status)).toEqual([
			'done',
			'done',
			'queued',
			'queued',
			'queued',
			'queued'
		]);
		second.start();
		const progress = await second.idle();
		expect(progress).toMatchObject({ state: 'done', done: 6 });
		expect(paid.filter((key) => key === 'a' || key === 'b')).toEqual(['a', 'b']);
		expect(paid.slice(2).sort()).toEqual(['c', 'c', 'd', 'd', 'e', 'f']);
		const saved = await getJob(first.jobId);
		expect(saved?.state).toBe('done');
		expect(saved?.items.map((item) => item.attempts)).toEqual([1, 1, 2, 2, 1, 1]);
	});

	it('keeps a paused job paused after a reload until it is resumed', async () => {
		const first = await JobRunner.create('p1', 'render', items, {
			options: fast,
			work: async () => {}
		});
		await first.pause('Spending cap reached.');
		const worked: string[] = [];
		const second = await JobRunner.open(first.jobId, {
			options: fast,
			work: async (item) => void worked.push(item.key)
		});
		second.start();
		expect(await second.idle()).toMatchObject({
			state: 'paused',
			pauseReason: 'Spending cap reached.'
		});
		expect(worked).toEqual([]);
		await second.resume();
		expect(await second.idle()).toMatchObject({ state: 'done', done: 6 });
	});

	it('refuses a job that is not saved', async () => {
		await expect(JobRunner.open('missing', { work: async () => {} })).rejects.toThrow(
			/no longer saved/
		);
	});
});
