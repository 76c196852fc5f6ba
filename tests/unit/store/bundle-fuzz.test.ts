// Hostile and damaged `.maestro` files, made by seeded mutation of the valid fixtures: every one
// is either refused in plain words with the store exactly as it was, or imported as a
// storyboard that opens.
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { STORES, getDb } from '$lib/store/db';
import { BUNDLE_LIMITS, BundleError, importProjectBundle } from '$lib/store/bundle';
import { loadProjectGraph } from '$lib/store/projects';
import { TEXT_LIMIT } from '$lib/store/restore';
import { freshDb } from '../helpers';

const FIXTURES = [
	'v1-night-market.maestro',
	'export-storyboard.maestro',
	'upscale-three-shots.maestro'
];
const bundles = FIXTURES.map(
	(name) => new Uint8Array(readFileSync(`tests/fixtures/bundles/${name}`))
);

/** A small seeded generator (mulberry32), so every run tries the same mutants. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
	out.push(prefix);
	if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
	return out;
}

function setAt(root: Json, path: (string | number)[], value: Json): Json {
	if (path.length === 0) return value;
	let node = root as Record<string | number, Json>;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
	node[path.at(-1)!] = value;
	return root;
}

/** Stands for a value nested 10,000 levels deep (too deep for JSON.stringify to write). */
const DEEP = '<deep>';
const DEEP_JSON = `${'{"d":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;

/** Values of every wrong kind a field might be given. */
const WRONG: (() => Json)[] = [
	() => null,
	() => 0,
	() => -1,
	() => 1e308,
	() => -1e20,
	() => 8.7e15,
	() => '',
	() => 'x'.repeat(TEXT_LIMIT * 3),
	() => [],
	() => [1, 'two', null],
	() => ({}),
	() => ({ frames: 'not a list', shots: 7 }),
	() => true,
	() => '../../etc/passwd',
	() => DEEP
];

/** Unzip a bundle, change its project.json with `change`, zip it again. */
function withEnvelope(bundle: Uint8Array, change: (envelope: Json) => Json): Uint8Array {
	const files = unzipSync(bundle);
	const envelope = JSON.parse(strFromU8(files['project.json']!)) as Json;
	files['project.json'] = strToU8(JSON.stringify(change(envelope)).replace(`"${DEEP}"`, DEEP_JSON));
	return zipSync(files, { level: 0 });
}

/** One mutant of a valid bundle, and what was done to it. */
function mutant(next: () => number): { bytes: Uint8Array; what: string } {
	const bundle = bundles[Math.floor(next() * bundles.length)]!;
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	switch (Math.floor(next() * 6)) {
		case 0: {
			const at = Math.floor(next() * bundle.length);
			return { bytes: bundle.slice(0, at), what: `cut at byte ${at}` };
		}
		case 1: {
			const bytes = bundle.slice();
			const flips = 1 + Math.floor(next() * 20);
			for (let i = 0; i < flips; i++) {
				const at = Math.floor(next() * bytes.length);
				bytes[at] = bytes[at]! ^ (1 + Math.floor(next() * 255));
			}
			return { bytes, what: `${flips} bytes changed` };
		}
		case 2: {
			let where = '';
			const bytes = withEnvelope(bundle, (envelope) => {
				const path = pick(paths(envelope));
				const wrong = pick(WRONG)();
				where = `${path.join('.')} = ${JSON.stringify(wrong)?.slice(0, 40)}`;
				return setAt(envelope, path, wrong);
			});
			return { bytes, what: `field ${where}` };
		}
		case 3: {
			const version = pick<Json>([99, '1', -1, 1.5, null, 0]);
			const bytes = withEnvelope(bundle, (envelope) => ({ ...(envelope as object), version }));
			return { bytes, what: `version ${JSON.stringify(version)}` };
		}
		case 4: {
			// Many shots with long text, past the limits.
			const bytes = withEnvelope(bundle, (envelope) => {
				const body = (envelope as { project: { project: { id: string }; shots: Json[] } }).project;
				body.shots = Array.from({ length: BUNDLE_LIMITS.shots + 500 }, (_, i) => ({
					id: `s${i}`,
					projectId: body.project.id,
					order: i,
					description: 'd'.repeat(i % 97 === 0 ? TEXT_LIMIT + 10 : 20)
				}));
				return envelope;
			});
			return { bytes, what: 'too many shots' };
		}
		default: {
			// Asset paths outside assets/, pointing at project.json, or listed twice.
			const files = unzipSync(bundle);
			const envelope = JSON.parse(strFromU8(files['project.json']!)) as {
				assets: { path: string }[];
			};
			const [first] = envelope.assets;
			if (first) first.path = pick(['../escape.png', 'project.json', '/abs/x.png']);
			if (first && next() < 0.5) envelope.assets.push({ ...first });
			files['project.json'] = strToU8(JSON.stringify(envelope));
			return { bytes: zipSync(files, { level: 0 }), what: 'odd asset paths' };
		}
	}
}

/** Every record in every store, to compare before and after a refused import. */
async function snapshot(): Promise<string> {
	const db = await getDb();
	const all: Record<string, unknown[]> = {};
	for (const store of Object.values(STORES)) {
		all[store] = (await db.getAllKeys(store)).map(String).sort();
	}
	return JSON.stringify(all);
}

/** Words of a programmer, not of a person. */
const PROGRAMMER_WORDS =
	/undefined|null|NaN|is not a function|Cannot read|call stack|TypeError|Error:/;

describe('importProjectBundle on hostile and damaged files', () => {
	beforeEach(freshDb);

	it('refuses in plain words with the store untouched, or imports a storyboard that opens', async () => {
		await importProjectBundle(new Blob([bundles[0]!]), 'good.maestro');
		const next = random(20261205);
		const outcomes = { imported: 0, refused: 0 };
		for (let n = 0; n < 150; n++) {
			const { bytes, what } = mutant(next);
			const before = await snapshot();
			let project;
			try {
				project = await importProjectBundle(new Blob([bytes as BlobPart]), 'mutant.maestro');
			} catch (error) {
				expect(error, what).toBeInstanceOf(BundleError);
				expect((error as Error).message, what).toMatch(/Nothing was added\.$/);
				expect((error as Error).message, what).not.toMatch(PROGRAMMER_WORDS);
				expect(await snapshot(), what).toBe(before);
				outcomes.refused++;
				continue;
			}
			outcomes.imported++;
			const graph = await loadProjectGraph(project.id);
			expect(graph, what).toBeDefined();
			expect(graph!.shots.length, what).toBeLessThanOrEqual(BUNDLE_LIMITS.shots);
			for (const shot of graph!.shots) {
				expect(shot.description.length, what).toBeLessThanOrEqual(TEXT_LIMIT);
			}
			// What the workspace shows of every record must be showable.
			for (const entry of graph!.logs)
				expect(() => new Date(entry.time).toISOString(), what).not.toThrow();
			expect(() => new Date(graph!.project.updatedAt).toISOString(), what).not.toThrow();
		}
		expect(outcomes.imported).toBeGreaterThan(20);
		expect(outcomes.refused).toBeGreaterThan(20);
	}, 120_000);
});
