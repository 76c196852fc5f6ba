/** Resident memory (bytes) of a process tree: all of it, and its renderer processes alone. */
export function treeRss(rootPid: number): { total: number; renderer: number };
