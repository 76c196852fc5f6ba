import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCuts } from '$lib/media/cuts';
import { defaultOptions } from '$lib/media/meta';
import { changePassArgs } from '../../../src/workers/shared/change-pass';
import { ChangeRecorder } from '../../../src/workers/shared/change-recorder';

interface ManifestEntry {
	file: string;
	durationS?: number;
	fps?: number;
	cutsS?: number[];
}

const dir = join(import.meta.dirname, '../../fixtures/media');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
	files: ManifestEntry[];
};
const clips = manifest.files.filter((f) => f.cutsS);
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** The engine's change pass, decoded by native ffmpeg instead of ffmpeg.wasm. */
function measure(file: string) {
	const out = mkdtempSync(join(tmpdir(), 'maestro-cuts-'));
	try {
		const thumbs = join(out, 'thumbs.rgb');
		const run = spawnSync('ffmpeg', changePassArgs(file, thumbs), { encoding: 'utf8' });
		const recorder = new ChangeRecorder();
		recorder.startPass();
		run.stderr.split('\n').forEach((line) => recorder.line(line));
		recorder.bytes(readFileSync(thumbs));
		return recorder.series();
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
}

describe.skipIf(!hasFfmpeg)('findCuts on the media fixtures (decoded by native ffmpeg)', () => {
	for (const clip of clips) {
		it(`finds every cut of ${clip.file} within 2 frames and no other`, () => {
			const series = measure(join(dir, clip.file));
			expect(series.timesS.length).toBe(series.scores.length);
			const cuts = findCuts(series, clip.durationS!, clip.fps!, defaultOptions);
			expect(cuts).toHaveLength(clip.cutsS!.length);
			clip.cutsS!.forEach((expected, i) => {
				expect(Math.abs(cuts[i]! - expected)).toBeLessThanOrEqual(2 / clip.fps! + 1e-6);
			});
		});
	}
});
