// The cast page as a person sees it: rendered by poppler and read back with OCR. Pictures cannot
// be decoded in Node, so every member here shows the "No picture" box (the e2e spec checks
// real pictures).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeStoryboardPdf } from '$lib/export/pdf';
import { storyboardOf } from '$lib/export/storyboard';
import { ocr, readExpected, renderPdfPages } from '../../e2e/support/ocr';
import { castMember, graph, shot } from './fixtures';
import { serveFontsFromDisk } from './serve-fonts';

beforeAll(serveFontsFromDisk);
afterAll(() => vi.unstubAllGlobals());

const OPTIONS = { panelsPerRow: 2, paper: 'a4', orientation: 'landscape', castPage: true } as const;

function castBoard(members: number) {
	const names = ['Mara', '小林健', 'Harbour crane'];
	return storyboardOf(
		graph({
			shots: [shot('a', 0, { title: 'Pier at night', description: 'Mara waits.' })],
			cast: Array.from({ length: members }, (_, index) =>
				castMember(`m${index}`, index, {
					name: names[index] ?? `Extra ${index}`,
					kind: index === 2 ? 'location' : 'character',
					description:
						index === 1
							? '五十代の漁師で、灰色のひげと古い帽子。港の近くの小さな家に一人で住んでいる'
							: 'Thirties, red raincoat, short dark hair, carries a brass lantern'
				})
			)
		})
	);
}

describe('makeStoryboardPdf with a cast page', () => {
	it(
		'opens with the cast: names, kinds and descriptions read back, in Latin and Japanese',
		{ timeout: 120_000 },
		async () => {
			const { bytes } = await makeStoryboardPdf(undefined, castBoard(3), OPTIONS);
			const pages = renderPdfPages(bytes);
			expect(pages).toHaveLength(2);
			const read = readExpected(
				[pages[0]!],
				[
					{
						name: 'Latin',
						ocr: 'eng',
						text: 'Cast Mara Character Thirties, red raincoat, short dark hair, carries a brass lantern Harbour crane Location No picture Page 1 of 2'
					},
					{
						name: 'Japanese',
						ocr: 'jpn',
						text: '小林健 五十代の漁師で、灰色のひげと古い帽子。港の近くの小さな家に一人で住んでいる'
					}
				]
			);
			for (const { name, share, missed } of read)
				expect(share, `${name}: missed ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.9);
			expect(ocr(pages[1]!, 'eng')).toContain('Pier at night');
		}
	);

	it('flows a larger cast onto more cast pages, numbered before the panels', async () => {
		const { PDFDocument } = await import('pdf-lib');
		const { bytes } = await makeStoryboardPdf(undefined, castBoard(7), OPTIONS);
		expect((await PDFDocument.load(bytes)).getPageCount()).toBe(3);
	});

	it('leaves the cast out when the option is off, or when there is no cast', async () => {
		const { PDFDocument } = await import('pdf-lib');
		const count = async (members: number, castPage: boolean) =>
			(
				await PDFDocument.load(
					(await makeStoryboardPdf(undefined, castBoard(members), { ...OPTIONS, castPage })).bytes
				)
			).getPageCount();
		expect(await count(3, false)).toBe(1);
		expect(await count(0, true)).toBe(1);
	});
});
