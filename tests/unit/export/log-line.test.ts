import { describe, expect, it } from 'vitest';
import { exportFailedLogLine, exportLogLine } from '$lib/export/client';

describe('exportLogLine', () => {
	it('says what was exported, under which name, its size and how long it took', () => {
		expect(exportLogLine('pdf', 'Dusk - storyboard.pdf', 70_512, 1.42)).toBe(
			'Exported the PDF storyboard sheet “Dusk - storyboard.pdf” (70.5 KB, 1.4 s).'
		);
		expect(exportLogLine('animatic', 'Dusk - animatic.mp4', 8_584_523, 75)).toBe(
			'Exported the animatic MP4 “Dusk - animatic.mp4” (8.6 MB, 1:15).'
		);
		expect(exportLogLine('csv', 'Dusk - shot list.csv', 641, 0.004)).toBe(
			'Exported the shot list CSV “Dusk - shot list.csv” (641 B, under 0.1 s).'
		);
	});
});

describe('exportFailedLogLine', () => {
	it('keeps the reason the person was shown', () => {
		expect(exportFailedLogLine('zip', 'There is not enough disk space to save this export.')).toBe(
			'The images ZIP export failed: There is not enough disk space to save this export.'
		);
	});
});
