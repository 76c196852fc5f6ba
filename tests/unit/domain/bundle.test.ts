import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	BUNDLE_LIMITS,
	BundleEnvelopeSchema,
	envelopeProblem,
	type BundleEnvelope
} from '$lib/domain/bundle';
import { listZip, readZipEntry } from '$lib/util/zip-reader';

/** The `project.json` of a bundle fixture, as a Maestro of that format wrote it. */
async function fixtureEnvelope(name: string): Promise<unknown> {
	const file = new Blob([new Uint8Array(readFileSync(`tests/fixtures/bundles/${name}`))]);
	const entry = (await listZip(file)).find((e) => e.name === 'project.json')!;
	return JSON.parse(await (await readZipEntry(file, entry)).text());
}

describe('BundleEnvelopeSchema', () => {
	it('reads the format-1 fixture: its source, records and file list', async () => {
		const read = BundleEnvelopeSchema.parse(await fixtureEnvelope('v1-night-market.maestro'));
		expect(read.version).toBe(1);
		expect(read.source.app).toBe('Maestro');
		expect(read.project.shots.length).toBeGreaterThan(0);
		expect(read.assets.length).toBeGreaterThan(0);
		for (const entry of read.assets) {
			expect(entry.path).toMatch(/^assets\//);
			expect(typeof entry.id).toBe('string');
		}
	});

	it('reads the format-1 fixture’s shots without beats and its takes without a beat, as saved', async () => {
		const read = BundleEnvelopeSchema.parse(await fixtureEnvelope('v1-night-market.maestro'));
		// The records stay as the file has them: restoreShot and restoreTake migrate them on import.
		for (const shot of read.project.shots) expect(shot).not.toHaveProperty('beats');
		for (const take of read.project.takes) expect(take).not.toHaveProperty('beatId');
		expect(read.project.takes.length).toBeGreaterThan(0);
	});

	it('reads what the writer writes', () => {
		const written: BundleEnvelope = {
			type: 'maestro-project',
			version: 1,
			source: { app: 'Maestro', appVersion: '0.1.0', exportedAt: '2026-12-05T00:00:00.000Z' },
			project: { project: {} as never, shots: [], styles: [], cast: [], takes: [], logs: [] },
			assets: [{ id: 'a', mime: 'image/png', width: 2, height: 1, bytes: 9, path: 'assets/a.png' }]
		};
		const read = BundleEnvelopeSchema.parse(JSON.parse(JSON.stringify(written)));
		expect(read.assets).toEqual(written.assets);
		expect(read.source).toEqual(written.source);
	});

	it('reads junk around a good type and version as empty parts, dropping file entries without a path', () => {
		const read = BundleEnvelopeSchema.parse({
			type: 'maestro-project',
			version: 1,
			source: 'someone',
			project: { project: { id: 'p' }, shots: 'many', styles: null, logs: [{}] },
			assets: [
				null,
				7,
				{ id: 'no-path' },
				{ id: 'envelope', path: 'project.json' },
				{ id: 'a', path: 'assets/a.png', width: '640', height: 'tall', bytes: 'big', extra: 1 }
			]
		});
		expect(read.source).toEqual({});
		expect(read.project).toEqual({
			project: { id: 'p' },
			shots: [],
			styles: [],
			cast: [],
			takes: [],
			logs: [{}]
		});
		expect(read.assets).toEqual([{ id: 'a', mime: '', width: 640, path: 'assets/a.png' }]);
	});

	it('keeps only the first entries of an endless file list', () => {
		const assets = Array.from({ length: BUNDLE_LIMITS.assets + 5 }, (_, i) => ({
			id: `a${i}`,
			path: `assets/a${i}.png`
		}));
		const read = BundleEnvelopeSchema.parse({ type: 'maestro-project', version: 1, assets });
		expect(read.assets).toHaveLength(BUNDLE_LIMITS.assets);
	});

	it('reads a newer version (the importer then refuses it by number)', () => {
		expect(BundleEnvelopeSchema.parse({ type: 'maestro-project', version: 7 }).version).toBe(7);
	});
});

describe('envelopeProblem', () => {
	const problem = (raw: unknown) => {
		const read = BundleEnvelopeSchema.safeParse(raw);
		return read.success ? 'read' : envelopeProblem(read.error);
	};

	it('calls an envelope of ours without a usable version one with no version', () => {
		expect(problem({ type: 'maestro-project' })).toBe('no-version');
		expect(problem({ type: 'maestro-project', version: 0 })).toBe('no-version');
		expect(problem({ type: 'maestro-project', version: 1.5 })).toBe('no-version');
		expect(problem({ type: 'maestro-project', version: '1' })).toBe('no-version');
	});

	it('calls anything else foreign', () => {
		expect(problem(null)).toBe('foreign');
		expect(problem([])).toBe('foreign');
		expect(problem('maestro-project')).toBe('foreign');
		expect(problem({ type: 'other-app', version: 1 })).toBe('foreign');
		expect(problem({ version: 1 })).toBe('foreign');
		expect(problem({ type: 'other-app' })).toBe('foreign');
	});
});
