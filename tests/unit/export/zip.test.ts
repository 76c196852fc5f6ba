import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { downloadTarget } from '$lib/export/save-target';
import { storyboardOf } from '$lib/export/storyboard';
import { writeImagesZip, zipEntries } from '$lib/export/zip';
import { zipTime } from '$lib/util/zip-writer';
import { asset, graph, shot, style, take } from './fixtures';

const board = storyboardOf(
	graph({
		shots: [shot('b', 1, { title: 'Ferry' }), shot('a', 0, { title: 'Pier' })],
		styles: [style('s2', 'Noir', 1), style('s1', 'Ink', 0)],
		takes: [
			take('t1', 'a', 's1', { createdAt: 1, upscaledAssetId: 'a-up' }),
			take('t2', 'a', 's1', { createdAt: 2, chosen: false }),
			take('t3', 'b', 's2', { createdAt: 3 }),
			take('t4', 'b', 's1', { createdAt: 4, kind: 'video', videoAssetId: 'a-v', chosen: true })
		],
		assets: [
			asset('a-t1', 100),
			asset('a-up', 400),
			asset('a-t2', 120),
			asset('a-t3', 90, 'image/jpeg'),
			asset('a-t4', 50),
			asset('a-v', 300, 'video/mp4')
		]
	})
);

describe('zipEntries', () => {
	it('holds only chosen image takes by default, style by style in storyboard order', () => {
		expect(zipEntries(board, { allTakes: false, upscaled: false }).map((e) => e.path)).toEqual([
			'Ink/Shot_01/Beat_1.1.png',
			'Noir/Shot_02/Beat_2.1.jpg'
		]);
	});
	it('adds other takes, upscaled images and video clips when asked, for one style', () => {
		expect(
			zipEntries(board, { styleId: 's1', allTakes: true, upscaled: true }).map((e) => e.path)
		).toEqual([
			'Ink/Shot_01/Beat_1.1.png',
			'Ink/Shot_01/Beat_1.1 (upscaled).png',
			'Ink/Shot_01/Beat_1.1 (take 2).png',
			'Ink/Shot_02/Beat_2.1.png',
			'Ink/Shot_02/Beat_2.1 (video).mp4'
		]);
	});
});

describe('zipEntries with beats', () => {
	const beats = ['x', 'y', 'z'].map((id) => ({ id, action: `Beat ${id}`, camera: '' }));
	const board = storyboardOf(
		graph({
			shots: [shot('a', 0), shot('b', 1, { beats })],
			styles: [style('s1', 'Ink', 0)],
			takes: [
				take('t1', 'a', 's1'),
				take('tz', 'b', 's1', { beatId: 'z', createdAt: 1 }),
				take('tx', 'b', 's1', { beatId: 'x', createdAt: 2, upscaledAssetId: 'a-up' }),
				take('tz2', 'b', 's1', { beatId: 'z', createdAt: 3, chosen: false })
			],
			assets: ['a-t1', 'a-tz', 'a-tx', 'a-tz2', 'a-up'].map((id) => asset(id, 10))
		})
	);
	it('puts each beat’s chosen image in its shot’s folder as Beat_N.M, in beat order', () => {
		expect(zipEntries(board, { allTakes: false, upscaled: false }).map((e) => e.path)).toEqual([
			'Ink/Shot_01/Beat_1.1.png',
			'Ink/Shot_02/Beat_2.1.png',
			'Ink/Shot_02/Beat_2.3.png'
		]);
	});
	it('numbers other takes within their beat and marks upscaled files', () => {
		const entries = zipEntries(board, { allTakes: true, upscaled: true });
		expect(entries.map((e) => [e.path, e.asset.id])).toEqual([
			['Ink/Shot_01/Beat_1.1.png', 'a-t1'],
			['Ink/Shot_02/Beat_2.1.png', 'a-tx'],
			['Ink/Shot_02/Beat_2.1 (upscaled).png', 'a-up'],
			['Ink/Shot_02/Beat_2.3.png', 'a-tz'],
			['Ink/Shot_02/Beat_2.3 (take 2).png', 'a-tz2']
		]);
	});
});

describe('writeImagesZip', () => {
	it('streams a zip with the images byte for byte, shots.csv and project.json', async () => {
		let saved: Blob | undefined;
		const target = downloadTarget('x.zip', 'application/zip', (blob) => (saved = blob));
		const progress: number[] = [];
		const count = await writeImagesZip(
			undefined,
			board,
			{ allTakes: false, upscaled: true },
			target,
			(done) => progress.push(done)
		);
		await target.close();
		expect(count).toBe(3);
		expect(progress).toEqual([0, 1, 2, 3, 5]);
		const files = unzipSync(new Uint8Array(await saved!.arrayBuffer()));
		expect(Object.keys(files)).toEqual([
			'Ink/Shot_01/Beat_1.1.png',
			'Ink/Shot_01/Beat_1.1 (upscaled).png',
			'Noir/Shot_02/Beat_2.1.jpg',
			'shots.csv',
			'project.json'
		]);
		expect(files['Ink/Shot_01/Beat_1.1 (upscaled).png']).toEqual(new Uint8Array(400).fill(7));
		const csv = new TextDecoder().decode(files['shots.csv']);
		expect(csv).toContain('1,1.1,Pier,');
		expect(csv).toContain('Ink/Shot_01/Beat_1.1.png');
		const json = JSON.parse(new TextDecoder().decode(files['project.json']));
		expect(json.shots.map((s: { title: string }) => s.title)).toEqual(['Pier', 'Ferry']);
	});

	it('stops with an AbortError when cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const target = downloadTarget('x.zip', 'application/zip', () => {});
		await expect(
			writeImagesZip(controller.signal, board, { allTakes: false, upscaled: false }, target)
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});

describe('zipTime', () => {
	it('keeps times zip can hold and replaces the rest with now', () => {
		expect(zipTime(Date.UTC(2026, 0, 2)).getTime()).toBe(Date.UTC(2026, 0, 2));
		expect(zipTime(1).getFullYear()).toBe(new Date().getFullYear());
		expect(zipTime(Number.NaN).getFullYear()).toBe(new Date().getFullYear());
	});
});
