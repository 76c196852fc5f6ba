import { SCHEMA_VERSION, type LogEntry, type LogLevel } from '$lib/domain/types';
import { announceChange } from './changes';
import { getDb, STORES } from './db';
import { restoreAll, restoreLog } from './restore';

/** How many log lines the activity log shows and keeps per storyboard. */
export const LOG_LIMIT = 100;

/** Add a line to a storyboard's activity log, dropping the oldest past the limit. */
export async function appendLog(
	projectId: string,
	level: LogLevel,
	message: string
): Promise<LogEntry> {
	const db = await getDb();
	const tx = db.transaction(STORES.logs, 'readwrite');
	const entry: LogEntry = {
		projectId,
		time: Date.now(),
		level,
		message,
		schemaVersion: SCHEMA_VERSION
	};
	entry.id = await tx.store.add(entry);
	const keys = await tx.store.index('by-project').getAllKeys(projectId);
	for (const key of keys.slice(0, Math.max(0, keys.length - LOG_LIMIT))) await tx.store.delete(key);
	await tx.done;
	announceChange({ scope: 'project', projectId });
	return entry;
}

/** The newest log lines of a storyboard, newest first. */
export async function listLogs(projectId: string, limit = LOG_LIMIT): Promise<LogEntry[]> {
	const db = await getDb();
	const entries = restoreAll(
		await db.getAllFromIndex(STORES.logs, 'by-project', projectId),
		(raw) => restoreLog(raw)
	);
	return entries.sort((a, b) => b.time - a.time || (b.id ?? 0) - (a.id ?? 0)).slice(0, limit);
}
