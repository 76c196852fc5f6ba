import {
	BUNDLE_LIMITS,
	BUNDLE_TYPE,
	BUNDLE_VERSION,
	BundleEnvelopeSchema,
	ENVELOPE_PATH,
	envelopeProblem,
	type BundleAssetEntry,
	type BundleEnvelope
} from '$lib/domain/bundle';
import { isRecord } from '$lib/domain/lenient';
import type { z } from 'zod';
import { importedTitle } from '$lib/domain/project';
import { SCHEMA_VERSION, type Asset, type Project, type ProjectGraph } from '$lib/domain/types';
import { extensionFor } from '$lib/util/blob';
import { listZip, readZipEntry, ZipReadError, type ZipEntryInfo } from '$lib/util/zip-reader';
import { ZipWriter } from '$lib/util/zip-writer';
import { cloneGraph, withProjectId } from './graph';
import { getProject, loadProjectGraph, saveProjectGraph } from './projects';
import {
	restoreAll,
	restoreAsset,
	restoreLog,
	restoreProject,
	restoreShot,
	restoreCastMember,
	restoreStyle,
	restoreTake,
	type Warn
} from './restore';

export {
	BUNDLE_LIMITS,
	BUNDLE_TYPE,
	BUNDLE_VERSION,
	type BundleEnvelope
} from '$lib/domain/bundle';
export const BUNDLE_EXTENSION = '.maestro';

export type BundleProblem = 'not-a-bundle' | 'foreign' | 'newer' | 'damaged' | 'empty';

/** A bundle that cannot be imported; `message` is written for the person. */
export class BundleError extends Error {
	constructor(
		readonly problem: BundleProblem,
		message: string
	) {
		super(message);
		this.name = 'BundleError';
	}
}

/** Build the `.maestro` file (a zip: project.json + one file per asset) for a project graph. */
export async function writeBundle(graph: ProjectGraph, appVersion: string): Promise<Blob> {
	const assets: BundleAssetEntry[] = graph.assets.map((asset) => ({
		id: asset.id,
		mime: asset.mime,
		...(asset.width !== undefined ? { width: asset.width } : {}),
		...(asset.height !== undefined ? { height: asset.height } : {}),
		bytes: asset.blob.size,
		path: `assets/${asset.id}.${extensionFor(asset.mime)}`
	}));
	const envelope: BundleEnvelope = {
		type: BUNDLE_TYPE,
		version: BUNDLE_VERSION,
		source: { app: 'Maestro', appVersion, exportedAt: new Date().toISOString() },
		project: {
			project: graph.project,
			shots: graph.shots,
			styles: graph.styles,
			cast: graph.cast,
			takes: graph.takes,
			logs: graph.logs
		},
		assets
	};

	const parts: Uint8Array[] = [];
	const zip = new ZipWriter((chunk) => parts.push(chunk));
	zip.addText(ENVELOPE_PATH, JSON.stringify(envelope, null, 1));
	for (const [index, asset] of graph.assets.entries()) {
		await zip.addBlob(assets[index]!.path, asset.blob);
	}
	zip.end();
	return new Blob(parts as BlobPart[], { type: 'application/zip' });
}

/** The bundle for a saved project. */
export async function exportProjectBundle(
	projectId: string,
	appVersion: string
): Promise<{ blob: Blob; title: string }> {
	const graph = await loadProjectGraph(projectId);
	if (!graph) throw new Error('This storyboard no longer exists.');
	return { blob: await writeBundle(graph, appVersion), title: graph.project.title };
}

function damaged(name: string, detail: string): BundleError {
	return new BundleError(
		'damaged',
		`“${name}” is damaged and cannot be imported (${detail}). Nothing was added.`
	);
}

async function isZip(file: Blob): Promise<boolean> {
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * Read a `.maestro` file into a project graph (the ids it was saved with). Throws
 * BundleError with a message for the person when the file is not ours, is from a newer
 * Maestro, or is damaged; bad items inside an otherwise good bundle are dropped via `warn`.
 */
export async function readBundle(
	file: Blob,
	name: string,
	warn: Warn = () => {}
): Promise<ProjectGraph> {
	if (file.size === 0) throw new BundleError('empty', `“${name}” is empty. Nothing was added.`);
	if (!(await isZip(file))) {
		throw new BundleError(
			'not-a-bundle',
			`“${name}” is not a Maestro project file. Choose a ${BUNDLE_EXTENSION} file saved with “Export project”. Nothing was added.`
		);
	}
	let listing: ZipEntryInfo[];
	try {
		listing = await listZip(file);
	} catch (error) {
		throw damaged(name, error instanceof ZipReadError ? error.message : 'it cannot be read');
	}
	const entries = new Map<string, ZipEntryInfo>();
	for (const entry of listing) {
		if (entries.has(entry.name)) throw damaged(name, `it holds two files named ${entry.name}`);
		entries.set(entry.name, entry);
	}
	const envelopeEntry = entries.get(ENVELOPE_PATH);
	if (!envelopeEntry) {
		throw new BundleError(
			'foreign',
			`“${name}” is a zip archive, but not a Maestro project. Nothing was added.`
		);
	}
	if (envelopeEntry.size > BUNDLE_LIMITS.envelopeBytes) {
		throw damaged(
			name,
			`its project description is ${Math.round(envelopeEntry.size / 1e6)} MB, more than the 64 MB Maestro reads`
		);
	}
	const envelopeBlob = await readZipEntry(file, envelopeEntry).catch((error: unknown) => {
		throw damaged(name, error instanceof ZipReadError ? error.message : 'it cannot be read');
	});
	let envelope: unknown;
	try {
		envelope = JSON.parse(await envelopeBlob.text());
	} catch {
		throw damaged(name, 'its project description is not valid JSON');
	}
	const read = BundleEnvelopeSchema.safeParse(envelope);
	if (!read.success) {
		if (envelopeProblem(read.error) === 'no-version') {
			throw damaged(name, 'its format version is missing');
		}
		throw new BundleError(
			'foreign',
			`“${name}” is a zip archive, but not a Maestro project. Nothing was added.`
		);
	}
	const { version } = read.data;
	if (version > BUNDLE_VERSION) {
		throw new BundleError(
			'newer',
			`“${name}” was saved by a newer version of Maestro (format ${version}; this one reads up to ${BUNDLE_VERSION}). Update Maestro, then import it again. Nothing was added.`
		);
	}
	const files = await readAssets(file, read.data.assets, entries, warn);
	return restoreEnvelope(read.data, files, name, warn);
}

/**
 * The files the envelope's asset list names, read (and checked) from the zip; nothing else in
 * the file is inflated. A missing or damaged file is left out with a note.
 */
async function readAssets(
	file: Blob,
	listed: readonly BundleAssetEntry[],
	entries: Map<string, ZipEntryInfo>,
	warn: Warn
): Promise<Map<string, Blob>> {
	const read = new Map<string, Blob>();
	for (const { path, mime } of listed) {
		const entry = entries.get(path);
		if (!entry || read.has(path)) continue;
		try {
			read.set(path, await readZipEntry(file, entry, mime));
		} catch (error) {
			if (!(error instanceof ZipReadError)) throw error;
			warn(`A file of the storyboard (${path.slice(0, 80)}) was left out: ${error.message}.`);
		}
	}
	return read;
}

function restoreEnvelope(
	envelope: z.output<typeof BundleEnvelopeSchema>,
	entries: Map<string, Blob>,
	name: string,
	warn: Warn
): ProjectGraph {
	const body = envelope.project;
	const project = restoreProject(body.project, warn);
	if (!project) throw damaged(name, 'it holds no storyboard');
	delete project.deletedAt;
	const belongs = <T extends { projectId: string }>(items: T[]) =>
		items.filter((item) => item.projectId === project.id);

	const assets: Asset[] = [];
	for (const entry of envelope.assets) {
		const data = entries.get(entry.path);
		if (!data || (entry.bytes !== undefined && data.size !== entry.bytes)) {
			warn(
				`A file of the storyboard (${entry.path.slice(0, 80)}) was missing or incomplete and was left out.`
			);
			continue;
		}
		const asset = restoreAsset({ ...entry, projectId: project.id, blob: data }, warn);
		if (asset) assets.push(asset);
	}
	const assetIds = new Set(assets.map((asset) => asset.id));

	const capped = <T>(items: T[], limit: number, what: string): T[] => {
		if (items.length <= limit) return items;
		warn(`The file holds ${items.length} ${what}; the first ${limit} were imported.`);
		return items.slice(0, limit);
	};
	const shots = capped(
		belongs(restoreAll(body.shots, restoreShot, warn)).sort((a, b) => a.order - b.order),
		BUNDLE_LIMITS.shots,
		'shots'
	).map((shot) => {
		if (shot.keyframeAssetId && !assetIds.has(shot.keyframeAssetId)) delete shot.keyframeAssetId;
		for (const beat of shot.beats) {
			if (beat.keyframeAssetId && !assetIds.has(beat.keyframeAssetId)) delete beat.keyframeAssetId;
		}
		return shot;
	});
	const shotIds = new Set(shots.map((shot) => shot.id));
	const styles = capped(
		belongs(restoreAll(body.styles, restoreStyle, warn)),
		BUNDLE_LIMITS.styles,
		'styles'
	).map((style) => {
		if (style.referenceAssetId && !assetIds.has(style.referenceAssetId))
			delete style.referenceAssetId;
		return style;
	});
	const cast = capped(
		belongs(restoreAll(body.cast, restoreCastMember, warn)),
		BUNDLE_LIMITS.cast,
		'cast members'
	).map((member) => ({
		...member,
		referenceAssetIds: member.referenceAssetIds.filter((id) => assetIds.has(id))
	}));
	// A shot names only members the file holds.
	const castIds = new Set(cast.map((member) => member.id));
	for (const shot of shots) {
		shot.cast = shot.cast.filter((id) => castIds.has(id));
		for (const beat of shot.beats) {
			if (beat.cast) beat.cast = beat.cast.filter((id) => castIds.has(id));
		}
	}
	const takes = capped(
		belongs(restoreAll(body.takes, restoreTake, warn)).filter(
			(take) => shotIds.has(take.shotId) && assetIds.has(take.imageAssetId)
		),
		BUNDLE_LIMITS.takes,
		'takes'
	).map((take) => {
		if (take.upscaledAssetId && !assetIds.has(take.upscaledAssetId)) delete take.upscaledAssetId;
		if (take.videoAssetId && !assetIds.has(take.videoAssetId)) {
			delete take.videoAssetId;
			take.kind = 'image';
		}
		return take;
	});
	if (project.source.videoAssetId && !assetIds.has(project.source.videoAssetId)) {
		delete project.source.videoAssetId;
	}
	// The activity log keeps its newest lines.
	const logs = belongs(restoreAll(body.logs, (raw) => restoreLog(raw), warn))
		.sort((a, b) => b.time - a.time)
		.slice(0, BUNDLE_LIMITS.logs);
	return { project, shots, styles, cast, takes, jobs: [], logs, assets };
}

/**
 * What an import does when the browser already holds the storyboard the file was saved from:
 * `copy` adds it beside (titled "… (imported <date>)"), `replace` puts the file's content in
 * its place under the same address.
 */
export type ImportMode = 'copy' | 'replace';

/**
 * Import a `.maestro` file; all of it is written, or nothing. Every record gets a fresh id,
 * so a file can be imported again and again beside its original.
 */
export async function importProjectBundle(
	file: Blob,
	name: string,
	warn: Warn = () => {},
	mode: ImportMode = 'copy',
	now = new Date()
): Promise<Project> {
	let skipped = 0;
	const original = await readBundle(file, name, (message) => {
		skipped += 1;
		warn(message);
	});
	let graph = cloneGraph(original, now.getTime());
	const twin = await getProject(original.project.id);
	const alive = twin && !twin.deletedAt ? twin : undefined;
	if (alive) {
		if (mode === 'replace') graph = withProjectId(graph, alive.id);
		else graph.project.title = importedTitle(original.project.title, now);
	}
	// The storyboard's own log says where it came from, written with it in one transaction.
	const line = importLogLine({
		fileName: name,
		mode: alive ? mode : 'new',
		...(alive ? { twinTitle: alive.title } : {}),
		shots: graph.shots.length,
		takes: graph.takes.length,
		skipped
	});
	graph.logs = [
		{
			projectId: graph.project.id,
			time: now.getTime(),
			level: skipped ? 'warn' : 'info',
			message: line,
			schemaVersion: SCHEMA_VERSION
		},
		...graph.logs.slice(0, BUNDLE_LIMITS.logs - 1)
	];
	await saveProjectGraph(graph);
	return graph.project;
}

/**
 * The imported storyboard's activity-log line: the file, what it held, and what happened to
 * the storyboard this browser already had from it (kept beside, or replaced).
 */
export function importLogLine(input: {
	fileName: string;
	mode: ImportMode | 'new';
	twinTitle?: string;
	shots: number;
	takes: number;
	skipped: number;
}): string {
	const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
	const held = `${count(input.shots, 'shot', 'shots')}, ${count(input.takes, 'take', 'takes')}`;
	const left =
		input.skipped > 0
			? ` ${count(input.skipped, 'damaged item was', 'damaged items were')} left out.`
			: '';
	if (input.mode === 'replace') {
		return `Replaced with the version in “${input.fileName}” (${held}).${left}`;
	}
	const beside =
		input.mode === 'copy'
			? ` Kept as a copy; “${input.twinTitle ?? 'the original'}” stays as it was.`
			: '';
	return `Imported from “${input.fileName}” (${held}).${beside}${left}`;
}

/**
 * The storyboard in this browser that a `.maestro` file was saved from, or undefined (also
 * for a file that cannot be read: the import then says why). Reads only the file's project
 * description.
 */
export async function importTwin(file: Blob): Promise<Project | undefined> {
	try {
		const entry = (await listZip(file)).find((e) => e.name === ENVELOPE_PATH);
		if (!entry || entry.size > BUNDLE_LIMITS.envelopeBytes) return undefined;
		const envelope: unknown = JSON.parse(await (await readZipEntry(file, entry)).text());
		const read = BundleEnvelopeSchema.safeParse(envelope);
		const saved = read.success ? read.data.project.project : undefined;
		const id = isRecord(saved) ? saved.id : undefined;
		const twin = typeof id === 'string' ? await getProject(id) : undefined;
		return twin && !twin.deletedAt ? twin : undefined;
	} catch {
		return undefined;
	}
}
