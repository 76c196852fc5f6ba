import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	CAST_CSV_COLUMNS,
	castCsv,
	castFiles,
	castKindName,
	mainPicture,
	pictureType
} from '$lib/export/cast';
import { CAST_FOLDER, castMemberFolder } from '$lib/export/naming';
import { castPageLayout } from '$lib/export/pdf-cast-layout';
import { castPageCount } from '$lib/export/pdf-cast';
import { pageSize } from '$lib/export/pdf-layout';
import { downloadTarget } from '$lib/export/save-target';
import { storyboardOf } from '$lib/export/storyboard';
import { writeImagesZip } from '$lib/export/zip';
import { parseCsv } from '../../e2e/support/exports';
import { asset, castMember, graph, shot, style, take } from './fixtures';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 4, 5, 6];
const WEBP = [...'RIFF']
	.map((c) => c.charCodeAt(0))
	.concat(
		[0, 0, 0, 0],
		[...'WEBP'].map((c) => c.charCodeAt(0)),
		[9]
	);

function picture(id: string, bytes: number[], mime: string) {
	return { ...asset(id, 0, mime), blob: new Blob([new Uint8Array(bytes)], { type: mime }) };
}

// Stored out of order; Mara's pictures are a JPEG recorded as PNG, then a PNG; the key has none.
const board = storyboardOf(
	graph({
		shots: [shot('a', 0, { title: 'Pier', cast: ['m2', 'm1'] })],
		styles: [style('s1', 'Ink', 0)],
		cast: [
			castMember('m3', 2, { name: 'Brass key', kind: 'prop' }),
			castMember('m1', 0, {
				name: 'Mara: "the runner"',
				description: 'Thirties, red raincoat,\nshort dark hair',
				referenceAssetIds: ['p-jpeg', 'p-png', 'p-gone']
			}),
			castMember('m2', 1, {
				name: '港 Harbour',
				kind: 'location',
				description: '=cranes at dusk',
				referenceAssetIds: ['p-webp']
			})
		],
		takes: [take('t1', 'a', 's1')],
		assets: [
			asset('a-t1', 10),
			picture('p-jpeg', JPEG, 'image/png'),
			picture('p-png', PNG, 'image/png'),
			picture('p-webp', WEBP, 'image/webp')
		]
	})
);

describe('castMemberFolder', () => {
	it('numbers members in cast order and makes their names safe file names', () => {
		expect(castMemberFolder(1, 3, 'Mara')).toBe('01_Mara');
		expect(castMemberFolder(12, 120, 'Mara: "the runner"/2')).toBe('012_Mara the runner 2');
		expect(castMemberFolder(2, 3, '  ...')).toBe('02_Member 2');
	});
});

describe('pictureType', () => {
	it('reads the type from the bytes, not from what was recorded', async () => {
		expect(await pictureType(board.assets.get('p-jpeg')!)).toBe('image/jpeg');
		expect(await pictureType(board.assets.get('p-webp')!)).toBe('image/webp');
		expect(await pictureType(asset('x', 'not a picture', 'image/gif'))).toBe('image/gif');
	});
});

describe('castFiles', () => {
	it('puts each member’s pictures main first in its numbered folder, by their real type', () => {
		const types = new Map([
			['p-jpeg', 'image/jpeg'],
			['p-png', 'image/png'],
			['p-webp', 'image/webp']
		]);
		const files = castFiles(board, (a) => types.get(a.id)!);
		expect(files.map((file) => [file.path, file.asset.id])).toEqual([
			['Cast/01_Mara the runner/1.jpg', 'p-jpeg'],
			['Cast/01_Mara the runner/2.png', 'p-png'],
			['Cast/02_港 Harbour/1.webp', 'p-webp']
		]);
	});
});

describe('castCsv', () => {
	it('lists every member in cast order with kind, description and pictures, formulas inert', () => {
		const files = castFiles(board, (a) => (a.id === 'p-jpeg' ? 'image/jpeg' : a.mime));
		const csv = castCsv(board.cast, files);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(parseCsv(csv.slice(1))).toEqual([
			[...CAST_CSV_COLUMNS],
			[
				'1',
				'Mara: "the runner"',
				'Character',
				'Thirties, red raincoat,\nshort dark hair',
				'01_Mara the runner/1.jpg\n01_Mara the runner/2.png'
			],
			['2', '港 Harbour', 'Location', "'=cranes at dusk", '02_港 Harbour/1.webp'],
			['3', 'Brass key', 'Prop', '', '']
		]);
	});
});

describe('storyboardOf with a cast', () => {
	it('gives a style called Cast another folder, so it cannot mix with the cast’s pictures', () => {
		const named = storyboardOf(
			graph({ styles: [style('s1', 'Cast', 0)], cast: [castMember('m1', 0)] })
		);
		expect(named.folders.get('s1')).toBe('Cast (2)');
		expect(CAST_FOLDER).toBe('Cast');
	});
});

describe('mainPicture', () => {
	it('is the first picture still stored, or none', () => {
		const ids = (referenceAssetIds: string[]) => ({ referenceAssetIds });
		expect(mainPicture(ids(['p-png', 'p-jpeg']), board.assets)?.id).toBe('p-png');
		expect(mainPicture(ids(['p-gone', 'p-webp']), board.assets)?.id).toBe('p-webp');
		expect(mainPicture(ids(['p-gone']), board.assets)).toBeUndefined();
	});
});

describe('castKindName', () => {
	it('capitalises the kind', () => {
		expect(['character', 'prop', 'location'].map((k) => castKindName(k as never))).toEqual([
			'Character',
			'Prop',
			'Location'
		]);
	});
});

describe('writeImagesZip with a cast', () => {
	it('adds the Cast folder byte for byte, cast.csv, and names the shot’s cast in shots.csv', async () => {
		let saved: Blob | undefined;
		const target = downloadTarget('x.zip', 'application/zip', (blob) => (saved = blob));
		const count = await writeImagesZip(
			undefined,
			board,
			{ allTakes: false, upscaled: false },
			target
		);
		await target.close();
		expect(count).toBe(4);
		const files = unzipSync(new Uint8Array(await saved!.arrayBuffer()));
		expect(Object.keys(files)).toEqual([
			'Ink/Shot_01/Beat_1.1.png',
			'Cast/01_Mara the runner/1.jpg',
			'Cast/01_Mara the runner/2.png',
			'Cast/02_港 Harbour/1.webp',
			'Cast/cast.csv',
			'shots.csv',
			'project.json'
		]);
		expect(files['Cast/01_Mara the runner/1.jpg']).toEqual(new Uint8Array(JPEG));
		expect(files['Cast/02_港 Harbour/1.webp']).toEqual(new Uint8Array(WEBP));
		const shots = parseCsv(new TextDecoder().decode(files['shots.csv']).slice(1));
		expect(shots[1]!.at(-1)).toBe('港 Harbour, Mara: "the runner"');
		const json = JSON.parse(new TextDecoder().decode(files['project.json']));
		expect(json.cast.map((m: { name: string }) => m.name)).toEqual([
			'Mara: "the runner"',
			'港 Harbour',
			'Brass key'
		]);
	});

	it('writes no Cast folder for a storyboard without a cast', async () => {
		let saved: Blob | undefined;
		const target = downloadTarget('x.zip', 'application/zip', (blob) => (saved = blob));
		await writeImagesZip(
			undefined,
			{ ...board, cast: [] },
			{ allTakes: false, upscaled: false },
			target
		);
		await target.close();
		const files = unzipSync(new Uint8Array(await saved!.arrayBuffer()));
		expect(Object.keys(files).filter((path) => path.startsWith('Cast/'))).toEqual([]);
	});
});

describe('castPageLayout', () => {
	const inside = (page: { width: number; height: number }) => {
		const layout = castPageLayout(page);
		for (const card of layout.cards) {
			expect(card.picture.x).toBeGreaterThanOrEqual(36);
			expect(card.picture.y).toBeGreaterThanOrEqual(36 + 20);
			expect(card.textX + card.textWidth).toBeLessThanOrEqual(page.width - 36 + 0.01);
		}
		return layout;
	};

	it('holds two columns of three on landscape A4 and one column of five on portrait', () => {
		const landscape = inside(pageSize('a4', 'landscape'));
		expect(landscape.perPage).toBe(6);
		expect(new Set(landscape.cards.map((card) => card.picture.x)).size).toBe(2);
		const portrait = inside(pageSize('a4', 'portrait'));
		expect(portrait.perPage).toBe(5);
		expect(new Set(portrait.cards.map((card) => card.picture.x)).size).toBe(1);
		inside(pageSize('letter', 'landscape'));
	});

	it('keeps cards apart and below the heading, with room for some description', () => {
		const layout = castPageLayout(pageSize('a4', 'landscape'));
		const [first, , third] = layout.cards;
		expect(first!.picture.y + first!.picture.height).toBeLessThan(layout.headingY - 4);
		expect(third!.picture.y + third!.picture.height).toBeLessThan(first!.picture.y);
		expect(layout.descriptionLines).toBeGreaterThanOrEqual(5);
	});
});

describe('castPageCount', () => {
	it('is none without a cast and one more page each time the cards run out', () => {
		expect([0, 1, 6, 7, 13].map((n) => castPageCount(n, 6))).toEqual([0, 1, 1, 2, 3]);
	});
});
