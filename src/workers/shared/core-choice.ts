/**
 * Clips at least this large are read with the single-thread core even where threads are
 * possible. The multi-thread core is faster (bench:media: sampling and cuts about 1.5x) but its
 * thread workers and shared heap cost the tab 310–360 MB whatever the clip, far over the bar of
 * issue 3 (a 1 GB clip raises the tab's memory by at most about 200 MB); the single-thread core
 * costs about 225 MB on a 1 GB clip.
 */
export const THREADED_MAX_BYTES = 256 * 1024 * 1024;

/** Whether to read a clip of `size` bytes with the multi-thread core. */
export function useThreadsFor(size: number, threadsPossible: boolean): boolean {
	return threadsPossible && size < THREADED_MAX_BYTES;
}
