import { describe, expect, it } from 'vitest';
import { panelLabel, shotFolder, styleFolders, takeFileName } from '$lib/export/naming';
import { style } from './fixtures';

describe('shotFolder', () => {
	it('pads the number so folders sort in storyboard order', () => {
		expect(shotFolder(3, 9)).toBe('Shot_03');
		expect(shotFolder(12, 120)).toBe('Shot_012');
	});
});

describe('styleFolders', () => {
	it('makes names safe, fills empty ones and keeps them unique', () => {
		const folders = styleFolders([
			style('a', 'Noir/Film', 0),
			style('b', 'noir film', 1),
			style('c', '  ', 2),
			style('d', 'Ink: "wash"?', 3)
		]);
		expect([...folders.values()]).toEqual(['Noir Film', 'noir film (2)', 'Style 3', 'Ink wash']);
	});
	it('keeps clear of reserved folders such as the cast’s', () => {
		const folders = styleFolders([style('a', 'cast', 0), style('b', 'Ink', 1)], ['Cast']);
		expect([...folders.values()]).toEqual(['cast (2)', 'Ink']);
	});
});

describe('takeFileName', () => {
	it('names the chosen image after its beat and marks other takes and files', () => {
		expect(takeFileName('2.3', { chosen: true }, 1, 'image', 'image/png')).toBe('Beat_2.3.png');
		expect(takeFileName('1.1', { chosen: false }, 2, 'upscaled', 'image/webp')).toBe(
			'Beat_1.1 (take 2, upscaled).webp'
		);
		expect(takeFileName('2.3', { chosen: true }, 1, 'upscaled', 'image/png')).toBe(
			'Beat_2.3 (upscaled).png'
		);
		expect(takeFileName('12.8', { chosen: true }, 1, 'video', 'video/mp4')).toBe(
			'Beat_12.8 (video).mp4'
		);
	});
});

describe('panelLabel', () => {
	it('labels a shot of one beat by its number and a beat of several as N.M', () => {
		expect(panelLabel(2, 0, 1)).toBe('2');
		expect(panelLabel(2, 0, 3)).toBe('2.1');
		expect(panelLabel(2, 2, 3)).toBe('2.3');
	});
});
