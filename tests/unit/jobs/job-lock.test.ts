import { describe, expect, it } from 'vitest';
import { lockJob, type LockManagerLike } from '$lib/jobs/job-lock';
import { createMemoryJobStore } from '$lib/jobs/job-store';
import { JobBusyError, JobRunner } from '$lib/jobs/runner';

/** A lock manager like the browser's, for one origin shared by every "tab" in the test. */
function fakeLocks(): LockManagerLike {
	const held = new Set<string>();
	return {
		async request(name, options, callback) {
			if (held.has(name) && options.ifAvailable) return callback(null);
			held.add(name);
			try {
				return await callback({ name });
			} finally {
				held.delete(name);
			}
		}
	};
}

describe('lockJob', () => {
	it('grants a job to one holder at a time', async () => {
		const locks = fakeLocks();
		const release = await lockJob('j1', locks);
		expect(release).toBeTypeOf('function');
		expect(await lockJob('j1', locks)).toBeUndefined();
		expect(await lockJob('j2', locks)).toBeTypeOf('function');
		release?.();
		await Promise.resolve();
		expect(await lockJob('j1', locks)).toBeTypeOf('function');
	});

	it('always succeeds where there are no Web Locks', async () => {
		expect(await lockJob('j1', undefined)).toBeTypeOf('function');
	});
});

describe('JobRunner.open with locks', () => {
	it('refuses a job another runner holds until that runner stops', async () => {
		const locks = fakeLocks();
		const store = createMemoryJobStore();
		const config = { store, locks, work: async () => {} };
		const first = await JobRunner.create('p1', 'render', [{ key: 'a' }], config);
		await expect(JobRunner.open(first.jobId, config)).rejects.toBeInstanceOf(JobBusyError);
		await first.stop();
		await Promise.resolve();
		const second = await JobRunner.open(first.jobId, config);
		expect(second.jobId).toBe(first.jobId);
	});
});
