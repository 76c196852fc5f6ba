import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { Asset, ProjectGraph } from '$lib/domain/types';
import { extensionFor } from '$lib/util/blob';
import { ZipWriter } from '$lib/util/zip-writer';
import { cloneGraph } from './graph';
import { loadProjectGraph, saveProjectGraph } from './projects';
import {
	restoreAll,
	restoreAsset,
	restoreLog,
	restoreProject,
	restoreShot,
	restoreStyle,
	restoreTake,
	type Warn
} from './restore';

/** The envelope's `type`: anything else is not ours. */
export const BUNDLE_TYPE = 'maestro-project';
/** The newest bundle format this build writes and reads. */
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.maestro';
const ENVELOPE_PATH = 'project.json';

interface AssetEntry {
	id: string;
	mime: string;
	width?: number;
	height?: number;
	bytes: number;
	path: string;
}

/** What a `.maestro` file's project.json holds. */
export interface BundleEnvelope {
	type: typeof BUNDLE_TYPE;
	version: number;
	source: { app: string; appVersion: string; exportedAt: string };
	project: Omit<ProjectGraph, 'assets' | 'jobs'>;
	assets: AssetEntry[];
}

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
	const assets: AssetEntry[] = graph.assets.map((asset) => ({
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

/** Unpack a zip from a Blob, streaming; throws BundleError('damaged') when it cannot be read. */
async function readZipEntries(file: Blob, name: string): Promise<Map<string, Blob>> {
	const entries = new Map<string, Blob>();
	const pending = new Map<string, Uint8Array[]>();
	const unzip = new Unzip((stream: UnzipFile) => {
		const chunks: Uint8Array[] = [];
		pending.set(stream.name, chunks);
		stream.ondata = (error, chunk, final) => {
			if (error) throw error;
			chunks.push(chunk);
			if (final) {
				entries.set(stream.name, new Blob(chunks as BlobPart[]));
				pending.delete(stream.name);
			}
		};
		stream.start();
	});
	unzip.register(UnzipInflate);
	try {
		const reader = file.stream().getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			unzip.push(value);
		}
		unzip.push(new Uint8Array(0), true);
	} catch (error) {
		throw damaged(name, error instanceof Error ? error.message : String(error));
	}
	if (pending.size > 0) throw damaged(name, 'the file ends in the middle of its contents');
	return entries;
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read a `.maestro` file into a project graph with fresh ids, ready to save. Throws
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
	const entries = await readZipEntries(file, name);
	const envelopeBlob = entries.get(ENVELOPE_PATH);
	if (!envelopeBlob) {
		throw new BundleError(
			'foreign',
			`“${name}” is a zip archive, but not a Maestro project. Nothing was added.`
		);
	}
	let envelope: unknown;
	try {
		envelope = JSON.parse(await envelopeBlob.text());
	} catch {
		throw damaged(name, 'its project description is not valid JSON');
	}
	if (!isRecord(envelope) || envelope.type !== BUNDLE_TYPE) {
		throw new BundleError(
			'foreign',
			`“${name}” is a zip archive, but not a Maestro project. Nothing was added.`
		);
	}
	const version = envelope.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw damaged(name, 'its format version is missing');
	}
	if (version > BUNDLE_VERSION) {
		throw new BundleError(
			'newer',
			`“${name}” was saved by a newer version of Maestro (format ${version}; this one reads up to ${BUNDLE_VERSION}). Update Maestro, then import it again. Nothing was added.`
		);
	}
	return restoreEnvelope(envelope, entries, name, warn);
}

function restoreEnvelope(
	envelope: Record<string, unknown>,
	entries: Map<string, Blob>,
	name: string,
	warn: Warn
): ProjectGraph {
	const body = isRecord(envelope.project) ? envelope.project : {};
	const project = restoreProject(body.project, warn);
	if (!project) throw damaged(name, 'it holds no storyboard');
	delete project.deletedAt;
	const belongs = <T extends { projectId: string }>(items: T[]) =>
		items.filter((item) => item.projectId === project.id);
	const list = (value: unknown) => (Array.isArray(value) ? value : []);

	const assets: Asset[] = [];
	for (const raw of list(envelope.assets)) {
		if (!isRecord(raw) || typeof raw.path !== 'string') continue;
		const data = entries.get(raw.path);
		if (!data || (typeof raw.bytes === 'number' && data.size !== raw.bytes)) {
			warn(`A file of the storyboard (${raw.path}) was missing or incomplete and was left out.`);
			continue;
		}
		const mime = typeof raw.mime === 'string' ? raw.mime : '';
		const asset = restoreAsset(
			{ ...raw, projectId: project.id, blob: new Blob([data], { type: mime }) },
			warn
		);
		if (asset) assets.push(asset);
	}
	const assetIds = new Set(assets.map((asset) => asset.id));

	const shots = belongs(restoreAll(list(body.shots), restoreShot, warn)).map((shot) => {
		if (shot.keyframeAssetId && !assetIds.has(shot.keyframeAssetId)) delete shot.keyframeAssetId;
		return shot;
	});
	const shotIds = new Set(shots.map((shot) => shot.id));
	const styles = belongs(restoreAll(list(body.styles), restoreStyle, warn)).map((style) => {
		if (style.referenceAssetId && !assetIds.has(style.referenceAssetId))
			delete style.referenceAssetId;
		return style;
	});
	const takes = belongs(restoreAll(list(body.takes), restoreTake, warn))
		.filter((take) => shotIds.has(take.shotId) && assetIds.has(take.imageAssetId))
		.map((take) => {
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
	const logs = belongs(restoreAll(list(body.logs), (raw) => restoreLog(raw), warn));
	return cloneGraph({ project, shots, styles, takes, jobs: [], logs, assets });
}

/** Import a `.maestro` file as a new storyboard; all of it is written, or nothing. */
export async function importProjectBundle(file: Blob, name: string, warn: Warn = () => {}) {
	const graph = await readBundle(file, name, warn);
	await saveProjectGraph(graph);
	return graph.project;
}
