import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { SCHEMA_VERSION, type ProjectGraph, type Shot } from '$lib/domain/types';
import { importProjectBundle, writeBundle } from '$lib/store/bundle';
import { getDb, STORES } from '$lib/store/db';
import { addProject, duplicateProject, loadProjectGraph } from '$lib/store/projects';
import { addShot } from '$lib/store/shots';
import { addTake } from '$lib/store/takes';
import { freshDb } from '../helpers';

beforeEach(freshDb);

const fixture = (name: string) => new Blob([readFileSync(`tests/fixtures/bundles/${name}`)]);

/** The shots in storyboard order. */
const ordered = (graph: ProjectGraph): Shot[] => [...graph.shots].sort((a, b) => a.order - b.order);

/** A beat as a person sees it: everything but its id. */
const beatFields = (shot: Shot) => shot.beats.map(({ id: _id, ...rest }) => rest);

/** Each take as "shot title / beat number / chosen", so ids made on import do not matter. */
function takePlaces(graph: ProjectGraph): string[] {
	const shots = ordered(graph);
	return graph.takes
		.map((take) => {
			const shotIndex = shots.findIndex((shot) => shot.id === take.shotId);
			const beatIndex = shots[shotIndex]?.beats.findIndex((beat) => beat.id === take.beatId);
			return `${shots[shotIndex]?.title} / ${shotIndex + 1}.${(beatIndex ?? -2) + 1} / ${take.chosen ? 'chosen' : 'not chosen'}`;
		})
		.sort();
}

async function putAsset(id: string, projectId: string, bytes: number[]) {
	const db = await getDb();
	await db.put(STORES.assets, {
		id,
		projectId,
		blob: new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
		mime: 'image/png',
		schemaVersion: SCHEMA_VERSION
	});
}

/** A storyboard whose second shot has three beats, with pictures chosen per beat. */
async function storyboardWithBeats() {
	const project = createProject('idea', 'Beats');
	await addProject(project);
	for (const id of ['k', 'a', 'b', 'c', 'd']) await putAsset(id, project.id, [id.charCodeAt(0)]);
	await addShot(project.id, { title: 'Street' });
	const hallway = await addShot(project.id, {
		title: 'Hallway',
		durationS: 6,
		beats: [
			{ id: 'beat-1', action: 'The door opens', camera: '' },
			{ id: 'beat-2', action: 'She turns', camera: 'Push in', share: 0.5 },
			{ id: 'beat-3', action: 'She sees him', camera: '', keyframeAssetId: 'k', sourceTimeS: 2.5 }
		]
	});
	// The first take of a beat and style is chosen at once.
	const take = (beatId: string, imageAssetId: string) =>
		addTake({
			projectId: project.id,
			shotId: hallway.id,
			beatId,
			styleId: 'style',
			imageAssetId,
			model: 'm',
			prompt: 'p',
			costUsd: 0
		});
	await take('beat-1', 'a');
	await take('beat-2', 'b');
	await take('beat-2', 'c');
	await take('beat-3', 'd');
	return (await loadProjectGraph(project.id))!;
}

const BEATS_OF_HALLWAY = [
	{ action: 'The door opens', camera: '' },
	{ action: 'She turns', camera: 'Push in', share: 0.5 },
	{ action: 'She sees him', camera: '', sourceTimeS: 2.5 }
];
const TAKES_OF_HALLWAY = [
	'Hallway / 2.1 / chosen',
	'Hallway / 2.2 / chosen',
	'Hallway / 2.2 / not chosen',
	'Hallway / 2.3 / chosen'
];

describe('importProjectBundle of a bundle saved before beats', () => {
	it('gives every shot one plain beat, and puts each take on its shot’s beat', async () => {
		const project = await importProjectBundle(fixture('v1-night-market.maestro'), 'v1.maestro');
		const graph = (await loadProjectGraph(project.id))!;
		for (const shot of graph.shots) {
			expect(beatFields(shot)).toEqual([{ action: '', camera: '' }]);
		}
		expect(takePlaces(graph)).toEqual(['Courier / 2.1 / chosen']);
	});

	it('reads the same when the imported storyboard is saved and imported again', async () => {
		const first = await importProjectBundle(fixture('v1-night-market.maestro'), 'v1.maestro');
		const once = (await loadProjectGraph(first.id))!;
		const again = await importProjectBundle(await writeBundle(once, 'test'), 'again.maestro');
		const twice = (await loadProjectGraph(again.id))!;
		expect(ordered(twice).map(beatFields)).toEqual(ordered(once).map(beatFields));
		expect(takePlaces(twice)).toEqual(takePlaces(once));
	});
});

describe('writeBundle and importProjectBundle with beats', () => {
	it('round-trip every beat, its fields, and the takes chosen per beat', async () => {
		const graph = await storyboardWithBeats();
		const project = await importProjectBundle(await writeBundle(graph, 'test'), 'beats.maestro');
		const imported = (await loadProjectGraph(project.id))!;
		const [street, hallway] = ordered(imported);
		expect(beatFields(street!)).toEqual([{ action: '', camera: '' }]);
		expect(beatFields(hallway!).map(({ keyframeAssetId: _k, ...rest }) => rest)).toEqual(
			BEATS_OF_HALLWAY
		);
		// New ids, still pointing at the imported picture.
		const keyframe = hallway!.beats[2]!.keyframeAssetId;
		expect(keyframe).not.toBe('k');
		expect(imported.assets.some((asset) => asset.id === keyframe)).toBe(true);
		expect(hallway!.beats.map((beat) => beat.id)).not.toContain('beat-1');
		expect(takePlaces(imported)).toEqual(TAKES_OF_HALLWAY);
	});

	it('drops a beat’s source frame that the file does not hold, and keeps the beat', async () => {
		const graph = await storyboardWithBeats();
		const without = { ...graph, assets: graph.assets.filter((asset) => asset.id !== 'k') };
		const project = await importProjectBundle(await writeBundle(without, 'test'), 'b.maestro');
		const hallway = ordered((await loadProjectGraph(project.id))!)[1]!;
		expect(hallway.beats).toHaveLength(3);
		expect(hallway.beats[2]!.keyframeAssetId).toBeUndefined();
		expect(hallway.beats[2]!.action).toBe('She sees him');
	});
});

describe('duplicateProject with beats', () => {
	it('keeps every beat and the takes chosen per beat, under new ids', async () => {
		const graph = await storyboardWithBeats();
		const copy = (await loadProjectGraph((await duplicateProject(graph.project.id))!.id))!;
		const hallway = ordered(copy)[1]!;
		expect(beatFields(hallway).map(({ keyframeAssetId: _k, ...rest }) => rest)).toEqual(
			BEATS_OF_HALLWAY
		);
		expect(hallway.beats.map((beat) => beat.id)).not.toContain('beat-2');
		expect(takePlaces(copy)).toEqual(TAKES_OF_HALLWAY);
		// The original keeps its own.
		expect(takePlaces(graph)).toEqual(TAKES_OF_HALLWAY);
		expect(ordered(graph)[1]!.beats.map((beat) => beat.id)).toEqual(['beat-1', 'beat-2', 'beat-3']);
	});
});
