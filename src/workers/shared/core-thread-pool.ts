/**
 * The multi-thread core starts 32 thread workers up front (Emscripten's PTHREAD_POOL_SIZE, fixed
 * at build time), each a separate JS realm with its own instance of the 32 MB module: 400–600 MB
 * measured here, though ffmpeg needs only a few threads. We cap ffmpeg's threads and start a pool
 * that fits them. A thread beyond the pool must not happen: a thread that starts another is
 * proxied to the core's main thread, which is blocked in `exec`, and the run deadlocks
 * (https://github.com/ai-ecoverse/slicc/pull/2809 describes the same with multi-input jobs).
 */
const POOL_STATEMENT = 'var pthreadPoolSize=32;';

/** Most threads ffmpeg may use for decoding and for filtering, whatever the core count. */
export const MAX_FFMPEG_THREADS = 4;

/** Threads for decoding (and for filtering) on a machine with `cores` logical cores. */
export function ffmpegThreads(cores: number): number {
	return Math.min(MAX_FFMPEG_THREADS, Math.max(1, Math.floor(cores) || 1));
}

/**
 * Thread workers to start up front: decoder and filter threads, plus room for an encoder's
 * (x264 takes about 1.5 per thread and a lookahead thread) and a spare.
 */
export function threadPoolSize(threads: number): number {
	return Math.min(32, 3 * threads + 4);
}

/** The core's script with its thread pool set to `size`, or undefined when it is not the build we know. */
export function withThreadPool(source: string, size: number): string | undefined {
	if (!source.includes(POOL_STATEMENT)) return undefined;
	return source.replace(POOL_STATEMENT, `var pthreadPoolSize=${Math.max(1, Math.floor(size))};`);
}

/**
 * ffmpeg arguments with the thread counts capped: `-filter_threads` (and `-filter_complex_threads`)
 * first and `-threads` before each input (for its decoder), unless the caller set them.
 */
export function withThreadCaps(args: readonly string[], threads: number): string[] {
	const n = String(threads);
	const out: string[] = [];
	if (!args.includes('-filter_threads')) out.push('-filter_threads', n);
	if (args.includes('-filter_complex') && !args.includes('-filter_complex_threads')) {
		out.push('-filter_complex_threads', n);
	}
	const setsThreads = args.includes('-threads');
	for (const arg of args) {
		if (arg === '-i' && !setsThreads) out.push('-threads', n);
		out.push(arg);
	}
	return out;
}

/** The part of the multi-thread core's thread bookkeeping that we read. */
export interface ThreadPool {
	runningWorkers: unknown[];
}

/**
 * Wait until every thread of the last run is back in the pool. A finished thread is returned
 * only when the core's worker receives its exit message, and a run that starts before that finds
 * fewer free workers than it needs and deadlocks (see the top of this file). True when the pool
 * is whole, false after `timeoutMs` (a thread that never ended: replace the core).
 */
export async function threadsReturned(
	pool: ThreadPool | undefined,
	timeoutMs = 2000
): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (pool && pool.runningWorkers.length > 0) {
		if (performance.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	return true;
}
