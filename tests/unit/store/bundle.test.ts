import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { SCHEMA_VERSION } from '$lib/domain/types';
import { BundleError, importProjectBundle, readBundle, writeBundle } from '$lib/store/bundle';
import { getDb, STORES } from '$lib/store/db';
import { addProject, listProjectSummaries, loadProjectGraph } from '$lib/store/projects';
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
	await addShot(project.id, { title: 'Second', durationS: 7.25, transition: 'dissolve' });
	return { project, bytes };
}

describe('writeBundle and readBundle', () => {
	it('round-trip a project with its assets byte for byte', async () => {
		const { project, bytes } = await projectWithAssets();
		const graph = (await loadProjectGraph(project.id))!;
		const blob = await writeBundle(graph, 'test');
		const restored = await readBundle(blob, 'round-trip.maestro');

		expect(restored.project.id).not.toBe(project.id);
		expect(restored.project.title).toBe('Round trip');
		const shots = restored.shots.sort((a, b) => a.order - b.order);
		expect(shots.map((s) => [s.title, s.description, s.durationS, s.transition])).toEqual([
			['Opening', 'Ünïcode — 夜', 3, 'cut'],
			['Second', '', 7.25, 'dissolve']
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
