import { vi } from 'vitest';
import { createMemoryJobStore, type MemoryJobStore } from '$lib/jobs/job-store';
import { JobRunner, type JobRunnerConfig } from '$lib/jobs/runner';
import type { JobProgress } from '$lib/jobs/progress';
import { abortError } from '$lib/util/abort';

/** The fake clock starts here, so "0" never means "unset". */
export const T0 = 1_000_000;

/** Fake the clock only: fake-indexeddb keeps its real setImmediate. */
export function useFakeClock(): void {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
}

/** A wait on the (fake) clock that rejects with an AbortError when the signal fires. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortError(signal.reason));
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(abortError(signal.reason));
		});
	});
}

/** A new job in a memory store with one item per key, and a runner for it. */
export async function runnerFor(
	keys: readonly string[],
	config: Omit<JobRunnerConfig, 'store'>,
	store: MemoryJobStore = createMemoryJobStore()
): Promise<{ runner: JobRunner; store: MemoryJobStore }> {
	const runner = await JobRunner.create(
		'p1',
		'render',
		keys.map((key) => ({ key })),
		{ ...config, store }
	);
	return { runner, store };
}

/** Run the fake clock until nothing is scheduled, then report where the runner ended. */
export async function settle(runner: JobRunner): Promise<JobProgress> {
	const idle = runner.idle();
	await vi.runAllTimersAsync();
	return idle;
}

/** Keys `prefix1` … `prefixN`. */
export function keys(count: number, prefix = 'item'): string[] {
	return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);
}
