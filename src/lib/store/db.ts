import {
	openDB,
	type DBSchema,
	type IDBPCursorWithValue,
	type IDBPDatabase,
	type IDBPObjectStore,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import { sameValue } from '$lib/domain/same-value';
import type { History } from '$lib/domain/history';
import type {
	Asset,
	CastMember,
	Job,
	LogEntry,
	Project,
	Shot,
	Style,
	Take
} from '$lib/domain/types';
import { restoreShot, restoreTake } from './restore';

/** Store names: they change only together with a migration. */
export const STORES = {
	projects: 'projects',
	shots: 'shots',
	styles: 'styles',
	takes: 'takes',
	assets: 'assets',
	jobs: 'jobs',
	logs: 'logs',
	settings: 'settings',
	history: 'history',
	cast: 'cast'
} as const;

export const DB_NAME = 'maestro';

export interface SettingRecord {
	key: string;
	value: unknown;
}

/** A storyboard's undo history, one record per storyboard. */
export interface HistoryRecord extends History {
	projectId: string;
	schemaVersion: number;
}

export interface MaestroDb extends DBSchema {
	projects: { key: string; value: Project; indexes: { 'by-updated': number } };
	shots: { key: string; value: Shot; indexes: { 'by-project': string } };
	styles: { key: string; value: Style; indexes: { 'by-project': string } };
	takes: { key: string; value: Take; indexes: { 'by-project': string; 'by-shot': string } };
	assets: { key: string; value: Asset; indexes: { 'by-project': string } };
	jobs: { key: string; value: Job; indexes: { 'by-project': string } };
	logs: { key: number; value: LogEntry; indexes: { 'by-project': string } };
	settings: { key: string; value: SettingRecord };
	history: { key: string; value: HistoryRecord; indexes: { 'by-project': string } };
	cast: { key: string; value: CastMember; indexes: { 'by-project': string } };
}

export type Db = IDBPDatabase<MaestroDb>;
type UpgradeTx = IDBPTransaction<MaestroDb, StoreNames<MaestroDb>[], 'versionchange'>;

/**
 * Upgrade steps; step i takes the database from version i to i + 1. Each checks before it
 * creates, so running one twice (an interrupted upgrade, a second tab) is harmless.
 */
export const MIGRATIONS: ReadonlyArray<(db: Db, tx: UpgradeTx) => void> = [
	(db, tx) => {
		const ensureStore = storeMaker(db, tx);
		ensureIndex(ensureStore(STORES.projects, { keyPath: 'id' }), 'by-updated', 'updatedAt');
		ensureIndex(ensureStore(STORES.shots, { keyPath: 'id' }), 'by-project', 'projectId');
		ensureIndex(ensureStore(STORES.styles, { keyPath: 'id' }), 'by-project', 'projectId');
		const takes = ensureStore(STORES.takes, { keyPath: 'id' });
		ensureIndex(takes, 'by-project', 'projectId');
		ensureIndex(takes, 'by-shot', 'shotId');
		ensureIndex(ensureStore(STORES.assets, { keyPath: 'id' }), 'by-project', 'projectId');
		ensureIndex(ensureStore(STORES.jobs, { keyPath: 'id' }), 'by-project', 'projectId');
		ensureIndex(
			ensureStore(STORES.logs, { keyPath: 'id', autoIncrement: true }),
			'by-project',
			'projectId'
		);
		ensureStore(STORES.settings, { keyPath: 'key' });
	},
	// Version 2: the undo history. Existing records are untouched.
	(db, tx) => {
		const ensureStore = storeMaker(db, tx);
		ensureIndex(ensureStore(STORES.history, { keyPath: 'projectId' }), 'by-project', 'projectId');
	},
	// Version 3: beats. Shots saved before get one beat, their takes point at it. The rewrite is
	// the records' own restore, so a record already in the new shape is left as it is.
	(_db, tx) => {
		rewriteAll(tx.objectStore(STORES.shots), restoreShot);
		rewriteAll(tx.objectStore(STORES.takes), restoreTake);
	},
	// Version 4: the cast (characters, props, locations). Existing records are untouched.
	(db, tx) => {
		const ensureStore = storeMaker(db, tx);
		ensureIndex(ensureStore(STORES.cast, { keyPath: 'id' }), 'by-project', 'projectId');
	}
];

/**
 * Put every record of a store back in its current shape, during an upgrade (the upgrade
 * waits for the cursor). A record its restore cannot read is left untouched for the reads
 * to report, never deleted here.
 */
function rewriteAll<N extends 'shots' | 'takes'>(
	store: IDBPObjectStore<MaestroDb, StoreNames<MaestroDb>[], N, 'versionchange'>,
	restore: (raw: unknown) => MaestroDb[N]['value'] | null
): void {
	const step = (
		cursor: IDBPCursorWithValue<
			MaestroDb,
			StoreNames<MaestroDb>[],
			N,
			unknown,
			'versionchange'
		> | null
	): Promise<void> | undefined => {
		if (!cursor) return undefined;
		const current = restore(cursor.value);
		const write = current && !sameValue(current, cursor.value) ? cursor.update(current) : undefined;
		return Promise.resolve(write)
			.then(() => cursor.continue())
			.then(step);
	};
	void store.openCursor().then(step);
}

/** Create a store unless it exists; returns it either way. */
function storeMaker(db: Db, tx: UpgradeTx) {
	return <N extends StoreNames<MaestroDb>>(name: N, options: IDBObjectStoreParameters) =>
		db.objectStoreNames.contains(name) ? tx.objectStore(name) : db.createObjectStore(name, options);
}

function ensureIndex(
	store: { indexNames: DOMStringList; createIndex: (n: never, k: string) => unknown },
	name: string,
	keyPath: string
): void {
	if (!store.indexNames.contains(name)) store.createIndex(name as never, keyPath);
}

export const DB_VERSION = MIGRATIONS.length;

/** What happens to an open connection after it was opened. */
export interface ConnectionEvents {
	/** Another tab opened a newer version: this connection was closed so it could upgrade. */
	outdated?: () => void;
	/** The browser closed the connection (storage cleared, disk error). */
	terminated?: () => void;
}

/** Open (and upgrade) the database. Another tab's newer version closes this connection. */
export function openMaestroDb(name = DB_NAME, events: ConnectionEvents = {}): Promise<Db> {
	return openDB<MaestroDb>(name, DB_VERSION, {
		upgrade(db, oldVersion, _newVersion, tx) {
			for (let version = oldVersion; version < DB_VERSION; version++) {
				MIGRATIONS[version]?.(db, tx);
			}
		},
		blocking(_current, _next, event) {
			(event.target as IDBDatabase | null)?.close();
			events.outdated?.();
		},
		terminated() {
			events.terminated?.();
		}
	});
}

/** Writes and reads after another tab upgraded the database: only a reload can go on. */
export class DatabaseOutdatedError extends Error {
	override name = 'DatabaseOutdatedError';
	constructor() {
		super('Maestro was updated in another tab. Reload this tab to keep working.');
	}
}

let shared: Promise<Db> | undefined;
let outdatedListener: (() => void) | undefined;

/** Be told when another tab's newer version of Maestro took the database over. */
export function onDatabaseOutdated(listener: () => void): void {
	outdatedListener = listener;
}

/**
 * Open the app's shared connection to `name`. A connection the browser closes is dropped, so the
 * next use opens a new one; one closed for another tab's upgrade is replaced by an error that
 * says to reload (this tab's code would write the old shapes), never by a dead handle.
 */
export function openSharedDb(name = DB_NAME): Promise<Db> {
	const opening: Promise<Db> = openMaestroDb(name, {
		outdated() {
			const outdated = Promise.reject(new DatabaseOutdatedError());
			outdated.catch(() => {});
			shared = outdated;
			outdatedListener?.();
		},
		terminated() {
			if (shared === opening) shared = undefined;
		}
	}).catch((error: unknown) => {
		if (shared === opening) shared = undefined;
		throw error;
	});
	shared = opening;
	return opening;
}

/** The app's one connection, opened on first use and reopened if opening failed or was lost. */
export function getDb(): Promise<Db> {
	return shared ?? openSharedDb();
}

/** Tests point the store at a fresh database. */
export function useDb(db: Promise<Db> | undefined): void {
	shared = db;
}
