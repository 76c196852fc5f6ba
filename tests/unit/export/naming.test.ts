import { describe, expect, it } from 'vitest';
import { shotFolder, styleFolders, takeFileName } from '$lib/export/naming';
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
});

describe('takeFileName', () => {
	it('names the chosen image after the shot and marks other takes and files', () => {
		expect(
			takeFileName('Shot_01', 'Pier at night', { chosen: true }, 1, 'image', 'image/png')
		).toBe('Shot_01 - Pier at night.png');
		expect(takeFileName('Shot_01', 'Pier', { chosen: false }, 2, 'upscaled', 'image/webp')).toBe(
			'Shot_01 - Pier (take 2, upscaled).webp'
		);
		expect(takeFileName('Shot_02', 'a/b: c?', { chosen: true }, 1, 'video', 'video/mp4')).toBe(
			'Shot_02 - a b c (video).mp4'
		);
		expect(takeFileName('Shot_03', '', { chosen: true }, 1, 'image', 'image/jpeg')).toBe(
			'Shot_03.jpg'
		);
	});
});
