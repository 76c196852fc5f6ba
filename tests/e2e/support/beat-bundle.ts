import { writeFileSync } from 'node:fs';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { encodePng } from '../../../scripts/png.mjs';
import { unzipFile } from './exports';

/** One beat of the bundle's shot 2 and the picture chosen for it in the first style. */
export interface BeatPicture {
	id: string;
	action: string;
	camera: string;
	share?: number;
	png: Uint8Array;
}

/**
 * A 320×180 picture no other beat has: a colour field with a white bar at `bar` (0–1 across),
 * so a decoded frame can be told apart from its neighbours' at a glance and by PSNR.
 */
export function beatPicture(rgb: [number, number, number], bar: number): Uint8Array {
	const [width, height] = [320, 180];
	const data = new Uint8Array(width * height * 3);
	const barX = Math.round(bar * (width - 40));
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const white = x >= barX && x < barX + 40 && y >= 20 && y < 120;
			data.set(white ? [255, 255, 255] : rgb, (y * width + x) * 3);
		}
	}
	return encodePng({ width, height, channels: 3, data });
}

/**
 * A copy of the export fixture at `to`, titled `title`, whose shot 2 lasts `durationS` and has
 * these beats, each with its own chosen image take in the first style (shot 2's old take goes).
 */
export function bundleWithBeats(
	from: string,
	to: string,
	title: string,
	durationS: number,
	beats: readonly BeatPicture[]
): string {
	const files = unzipFile(from);
	const envelope = JSON.parse(strFromU8(files['project.json']!));
	const { project } = envelope;
	project.project.title = title;
	const shot = project.shots.find((s: { id: string }) => s.id === 's2');
	shot.durationS = durationS;
	shot.beats = beats.map(({ id, action, camera, share }) => ({
		id,
		action,
		camera,
		...(share === undefined ? {} : { share })
	}));
	project.takes = project.takes.filter(
		(take: { shotId: string; styleId: string }) => !(take.shotId === 's2' && take.styleId === 'st1')
	);
	for (const [index, beat] of beats.entries()) {
		const path = `assets/beat-${beat.id}.png`;
		files[path] = beat.png;
		envelope.assets.push({ id: `a-${beat.id}`, mime: 'image/png', bytes: beat.png.length, path });
		project.takes.push({
			id: `t-${beat.id}`,
			projectId: project.project.id,
			shotId: 's2',
			beatId: beat.id,
			styleId: 'st1',
			kind: 'image',
			imageAssetId: `a-${beat.id}`,
			model: 'google/gemini-2.5-flash-image',
			prompt: 'test',
			costUsd: 0,
			createdAt: 1763769700000 + index,
			chosen: true,
			schemaVersion: 1
		});
	}
	files['project.json'] = strToU8(JSON.stringify(envelope));
	writeFileSync(to, zipSync(files));
	return to;
}
