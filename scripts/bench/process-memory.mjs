// Resident memory of a browser's process tree, read from /proc (Linux), for the benchmarks.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory (bytes) of a process and all its children (the browser, its renderers,
 * GPU, ...): `total`, and `renderer` for the renderer processes alone (the page and its
 * dedicated workers, which run as threads in it).
 * @param {number} rootPid
 * @returns {{ total: number, renderer: number }}
 */
export function treeRss(rootPid) {
	const parents = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// The process ended while we looked.
		}
	}
	const tree = new Set([rootPid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const [pid, ppid] of parents) {
			if (tree.has(ppid) && !tree.has(pid)) {
				tree.add(pid);
				grew = true;
			}
		}
	}
	const rss = { total: 0, renderer: 0 };
	for (const pid of tree) {
		try {
			const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
			const bytes = Number(line?.[1] ?? 0) * 1024;
			rss.total += bytes;
			if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) {
				rss.renderer += bytes;
			}
		} catch {
			// Gone.
		}
	}
	return rss;
}
