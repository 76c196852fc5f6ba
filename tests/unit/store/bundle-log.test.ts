import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { importLogLine, importProjectBundle, writeBundle } from '$lib/store/bundle';
import { listLogs } from '$lib/store/logs';
import { addProject, loadProjectGraph } from '$lib/store/projects';
import { addShot } from '$lib/store/shots';
import { bundleExportLine } from '$lib/state/bundles';
import { freshDb } from '../helpers';

beforeEach(freshDb);

describe('importLogLine', () => {
	const held = { shots: 5, takes: 1, skipped: 0 };

	it('names the file and what it held', () => {
		expect(importLogLine({ fileName: 'Dusk.maestro', mode: 'new', ...held })).toBe(
			'Imported from “Dusk.maestro” (5 shots, 1 take).'
		);
	});

	it('says a copy was kept beside the storyboard it was saved from', () => {
		expect(
			importLogLine({ fileName: 'Dusk.maestro', mode: 'copy', twinTitle: 'Dusk', ...held })
		).toBe(
			'Imported from “Dusk.maestro” (5 shots, 1 take). Kept as a copy; “Dusk” stays as it was.'
		);
	});

	it('says the storyboard was replaced, and what was left out', () => {
		expect(
			importLogLine({ fileName: 'Dusk.maestro', mode: 'replace', ...held, shots: 1, skipped: 2 })
		).toBe(
			'Replaced with the version in “Dusk.maestro” (1 shot, 1 take). 2 damaged items were left out.'
		);
	});
});

describe('importProjectBundle', () => {
	async function file() {
		const project = createProject('idea', 'Twin');
		await addProject(project);
		await addShot(project.id, { title: 'First' });
		return { project, file: await writeBundle((await loadProjectGraph(project.id))!, 'test') };
	}

	it('writes the import into the storyboard’s own log, newest first', async () => {
		const { file: bundle } = await file();
		const copy = await importProjectBundle(bundle, 'Twin.maestro', () => {}, 'copy');
		const logs = await listLogs(copy.id);
		expect(logs[0]!.message).toBe(
			'Imported from “Twin.maestro” (1 shot, 0 takes). Kept as a copy; “Twin” stays as it was.'
		);
	});

	it('says "replaced" in the log of the storyboard it replaced', async () => {
		const { project, file: bundle } = await file();
		await importProjectBundle(bundle, 'Twin.maestro', () => {}, 'replace');
		expect((await listLogs(project.id))[0]!.message).toBe(
			'Replaced with the version in “Twin.maestro” (1 shot, 0 takes).'
		);
	});
});

describe('bundleExportLine', () => {
	it('names the project file and its size', () => {
		expect(bundleExportLine('Dusk.maestro', 1_234_567)).toBe(
			'Exported the project file “Dusk.maestro” (1.2 MB), to import in another browser.'
		);
	});
});
