import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { SCHEMA_VERSION } from '$lib/domain/types';
import {
	BundleError,
	importProjectBundle,
	importTwin,
	readBundle,
	writeBundle
} from '$lib/store/bundle';
import { getDb, STORES } from '$lib/store/db';
import {
	addProject,
	listProjectSummaries,
	loadProjectGraph,
	moveToBin,
	saveProjectGraph
} from '$lib/store/projects';
import { addShot } from '$lib/store/shots';
import { freshDb } from '../helpers';

beforeEach(freshDb);

const fixture = (name: string) => new Blob([readFileSync(`tests/fixtures/bundles/${name}`)]);

async function projectWithAssets() {
	const project = createProject('video', 'Round trip');
	await addProject(project);
	const db = await getDb();
	const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
	await db.put(STORES.assets, {
		id: 'frame-1',
		projectId: project.id,
		blob: new Blob([bytes], { type: 'image/jpeg' }),
		mime: 'image/jpeg',
		width: 64,
		height: 36,
		schemaVersion: SCHEMA_VERSION
	});
	await addShot(project.id, {
		title: 'Opening',
		description: 'Ünïcode — 夜',
		keyframeAssetId: 'frame-1'
	});
	await addShot(project.id, {
		title: 'Second',
		durationS: 7.25,
		transition: 'dissolve',
		dialogue: [
			{ speaker: 'Ana', line: 'We leave tonight.' },
			{ speaker: '', line: '夜だ。' }
		],
		sound: 'Thunder, far off'
	});
	return { project, bytes };
}

describe('writeBundle and readBundle', () => {
	it('round-trip a project with its assets byte for byte', async () => {
		const { project, bytes } = await projectWithAssets();
		const graph = (await loadProjectGraph(project.id))!;
		const blob = await writeBundle(graph, 'test');
		const restored = await readBundle(blob, 'round-trip.maestro');

		// Read as saved; importProjectBundle gives the records fresh ids.
		expect(restored.project.id).toBe(project.id);
		expect(restored.project.title).toBe('Round trip');
		const shots = restored.shots.sort((a, b) => a.order - b.order);
		expect(shots.map((s) => [s.title, s.description, s.durationS, s.transition])).toEqual([
			['Opening', 'Ünïcode — 夜', 3, 'cut'],
			['Second', '', 7.25, 'dissolve']
		]);
		expect(shots.map((s) => [s.dialogue, s.sound])).toEqual([
			[[], ''],
			[
				[
					{ speaker: 'Ana', line: 'We leave tonight.' },
					{ speaker: '', line: '夜だ。' }
				],
				'Thunder, far off'
			]
		]);
		const asset = restored.assets[0]!;
		expect(shots[0]!.keyframeAssetId).toBe(asset.id);
		expect(asset.mime).toBe('image/jpeg');
		expect(asset.width).toBe(64);
		expect(new Uint8Array(await asset.blob.arrayBuffer())).toEqual(bytes);
	});
});

describe('importProjectBundle', () => {
	it('imports the format-1 fixture with its shots, take, style and thumbnails', async () => {
		const warnings: string[] = [];
		const project = await importProjectBundle(
			fixture('v1-night-market.maestro'),
			'v1.maestro',
			(w) => warnings.push(w)
		);
		expect(warnings).toEqual([]);
		expect(project.title).toBe('Night market — 夜市の追跡');
		expect(project.futureField).toBe('kept as is');
		const graph = (await loadProjectGraph(project.id))!;
		expect(graph.shots.sort((a, b) => a.order - b.order).map((s) => s.title)).toEqual([
			'Market at dusk',
			'Courier',
			'Lantern'
		]);
		// Saved before shots had dialogue: read with none.
		expect(graph.shots.map((s) => [s.dialogue, s.sound])).toEqual([
			[[], ''],
			[[], ''],
			[[], '']
		]);
		expect(graph.takes).toHaveLength(1);
		expect(graph.takes[0]!.imageAssetId).toBe(
			graph.shots.find((s) => s.title === 'Courier')!.keyframeAssetId
		);
		expect(graph.styles.map((s) => s.name)).toEqual(['Illustration']);
		expect(graph.assets).toHaveLength(2);
		const [summary] = await listProjectSummaries();
		expect(summary?.thumbnail?.type).toBe('image/png');
	});

	it('imports the same bundle twice as two separate storyboards', async () => {
		await importProjectBundle(fixture('v1-night-market.maestro'), 'a.maestro');
		await importProjectBundle(fixture('v1-night-market.maestro'), 'a.maestro');
		expect(await listProjectSummaries()).toHaveLength(2);
	});

	it.each([
		['not-a-bundle.maestro', 'not-a-bundle', /is not a Maestro project file/],
		['foreign.zip', 'foreign', /zip archive, but not a Maestro project/],
		[
			'newer-version.maestro',
			'newer',
			/newer version of Maestro \(format 99; this one reads up to 1\)/
		],
		['truncated.maestro', 'damaged', /is damaged/],
		['bad-json.maestro', 'damaged', /not valid JSON/]
	])('refuses %s with a clear message and writes nothing', async (name, problem, message) => {
		const error = await importProjectBundle(fixture(name), name).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BundleError);
		expect((error as BundleError).problem).toBe(problem);
		expect((error as BundleError).message).toMatch(message);
		expect((error as BundleError).message).toContain(name);
		const db = await getDb();
		expect(await db.count(STORES.projects)).toBe(0);
		expect(await db.count(STORES.assets)).toBe(0);
	});

	it('refuses an empty file', async () => {
		await expect(importProjectBundle(new Blob([]), 'empty.maestro')).rejects.toThrow(/is empty/);
	});
});

/** Stands for a value nested 10,000 levels deep (too deep for JSON.stringify to write). */
const DEEP = '<deep>';
const DEEP_JSON = `${'{"d":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;

/** The v1 fixture with its project.json changed by `change`, and `extra` files added. */
function editedFixture(
	change: (envelope: Record<string, any>) => void, // eslint-disable-line @typescript-eslint/no-explicit-any
	extra: Record<string, Uint8Array | [Uint8Array, { level: 0 | 9 }]> = {}
): Blob {
	const files = unzipSync(
		new Uint8Array(readFileSync('tests/fixtures/bundles/v1-night-market.maestro'))
	);
	const envelope = JSON.parse(strFromU8(files['project.json']!));
	change(envelope);
	const json = JSON.stringify(envelope).replace(`"${DEEP}"`, DEEP_JSON);
	return new Blob([zipSync({ ...files, 'project.json': strToU8(json), ...extra }, { level: 0 })]);
}

describe('importProjectBundle on hand-made files', () => {
	it('keeps a field nested 10,000 levels deep out, and imports the rest', async () => {
		const warnings: string[] = [];
		const project = await importProjectBundle(
			editedFixture((e) => (e.project.project.plugin = DEEP)),
			'deep.maestro',
			(w) => warnings.push(w)
		);
		expect(project.plugin).toBeUndefined();
		expect(warnings).toContain('A field “plugin” nested too deep to keep was left out.');
		expect((await loadProjectGraph(project.id))?.shots).toHaveLength(3);
	});

	it('opens a storyboard whose log times are past what a date can hold', async () => {
		const project = await importProjectBundle(
			editedFixture((e) => {
				e.project.logs = [{ projectId: e.project.project.id, time: 1e300, message: 'far' }];
				e.project.project.updatedAt = -9e15;
			}),
			'times.maestro'
		);
		const graph = (await loadProjectGraph(project.id))!;
		expect(() => new Date(graph.logs[0]!.time).toISOString()).not.toThrow();
		expect(() => new Date(graph.project.updatedAt).toISOString()).not.toThrow();
	});

	it('never inflates a file the storyboard does not use', async () => {
		// An extra deflated file whose data is garbage: reading it would fail the import.
		const junk = new Uint8Array(100_000).map((_, i) => i % 7);
		const files = unzipSync(
			new Uint8Array(readFileSync('tests/fixtures/bundles/v1-night-market.maestro'))
		);
		const zip = zipSync({ ...files, 'junk.bin': [junk, { level: 9 }] }, { level: 0 });
		const start = findBytes(zip, strToU8('junk.bin')) + 'junk.bin'.length;
		for (let k = 0; k < 40; k++) zip[start + k] = 0xff;
		const project = await importProjectBundle(new Blob([zip]), 'junk.maestro');
		expect(project.title).toBe('Night market — 夜市の追跡');
	});

	it('leaves out an image whose bytes do not match their checksum, with a note', async () => {
		const files = unzipSync(
			new Uint8Array(readFileSync('tests/fixtures/bundles/v1-night-market.maestro'))
		);
		const zip = zipSync(files, { level: 0 });
		// Change one byte inside the first image's data (stored, so it sits as it is in the zip).
		const image = Object.keys(files).find((name) => name.startsWith('assets/'))!;
		const data = files[image]!;
		const at = findBytes(zip, data.subarray(40, 72)) + 8;
		zip[at] = zip[at]! ^ 0xff;
		const warnings: string[] = [];
		const project = await importProjectBundle(new Blob([zip]), 'flip.maestro', (w) =>
			warnings.push(w)
		);
		expect(warnings.join(' ')).toMatch(/was left out: .* is damaged \(its checksum is wrong\)/);
		expect((await loadProjectGraph(project.id))!.assets).toHaveLength(1);
	});

	it('refuses a file that lists one name twice', async () => {
		const files = unzipSync(
			new Uint8Array(readFileSync('tests/fixtures/bundles/v1-night-market.maestro'))
		);
		const zip = zipSync({ ...files, 'project.jsoN': files['project.json']! }, { level: 0 });
		// Give the second copy the same name, in its local header and in the directory.
		const twin = strToU8('project.jsoN');
		for (let at = findBytes(zip, twin); at >= 0; at = findBytes(zip, twin, at + 1)) {
			zip.set(strToU8('project.json'), at);
		}
		await expect(importProjectBundle(new Blob([zip]), 'twice.maestro')).rejects.toThrow(
			/holds two files named project\.json\)\. Nothing was added\./
		);
	});
});

describe('saveProjectGraph', () => {
	it('writes nothing when one record cannot be stored', async () => {
		const graph = await readBundle(fixture('v1-night-market.maestro'), 'v1.maestro');
		(graph.shots[2] as unknown as { broken: unknown }).broken = () => {};
		await expect(saveProjectGraph(graph)).rejects.toThrow();
		const db = await getDb();
		for (const store of Object.values(STORES)) expect(await db.count(store), store).toBe(0);
	});
});

/** Where `needle` starts in `haystack` from `from`, or -1. */
function findBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
	outer: for (let i = from; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}

describe('importProjectBundle beside the storyboard it was saved from', () => {
	async function original() {
		const project = createProject('idea', 'Twin');
		await addProject(project);
		await addShot(project.id, { title: 'First' });
		const graph = (await loadProjectGraph(project.id))!;
		return { project, file: await writeBundle(graph, 'test') };
	}

	it('finds the storyboard a file was saved from, and none once it is in the bin', async () => {
		const { project, file } = await original();
		expect((await importTwin(file))?.id).toBe(project.id);
		await moveToBin(project.id);
		expect(await importTwin(file)).toBeUndefined();
		expect(await importTwin(new Blob(['not a zip']))).toBeUndefined();
	});

	it('keeps both, naming the copy with the day it came in', async () => {
		const { project, file } = await original();
		const copy = await importProjectBundle(
			file,
			't.maestro',
			() => {},
			'copy',
			new Date(2026, 11, 5)
		);
		expect(copy.id).not.toBe(project.id);
		expect(copy.title).toBe('Twin (imported 2026-12-05)');
		expect(await listProjectSummaries()).toHaveLength(2);
	});

	it('replaces the storyboard in place, its later edits and extra shots gone', async () => {
		const { project, file } = await original();
		await addShot(project.id, { title: 'Added after the export' });
		const replaced = await importProjectBundle(file, 't.maestro', () => {}, 'replace');
		expect(replaced.id).toBe(project.id);
		expect(replaced.title).toBe('Twin');
		const graph = (await loadProjectGraph(project.id))!;
		expect(graph.shots.map((s) => s.title)).toEqual(['First']);
		expect(await listProjectSummaries()).toHaveLength(1);
	});
});
