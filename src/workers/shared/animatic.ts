import type { AnimaticFile, AnimaticJob } from '$lib/export/meta';
import type { ProgressCallback } from '$lib/media/meta';
import {
	animaticArgs,
	animaticMuxArgs,
	clipTimings,
	encodedFrames,
	progressFrame,
	totalFrames
} from './animatic-graph';
import type { FFmpegRunner, RunResult } from './ffmpeg-runner';
import { fillHeldFrames } from './h264-cfr';
import { MediaError } from './media-error';

const PICTURES = '/animatic.h264';
const FILLED = 'animatic-cfr.h264';
const OUTPUT = '/animatic.mp4';

/** The engine's last words on a failed run, for the error message. */
function failure(run: RunResult): MediaError {
	const reason = run.log.filter((line) => !/^\w+=/.test(line)).at(-1) ?? `exit code ${run.code}`;
	return new MediaError('engine', `The animatic could not be encoded (${reason}).`);
}

/**
 * Encode an animatic: `files` are mounted (stills and clips by name, the source clip for its
 * sound), `job` says what plays when; progress is frames made of the total. The frames that
 * change are encoded, held frames are filled in as skip pictures (constant frame rate), then
 * the stream is put in an MP4 with the sound.
 */
export async function encodeAnimatic(
	runner: FFmpegRunner,
	files: AnimaticFile[],
	job: AnimaticJob,
	onProgress?: ProgressCallback
): Promise<Blob> {
	if (job.clips.length === 0)
		throw new MediaError('engine', 'There are no shots to put in the animatic.');
	await runner.setInputFiles(files);
	const path = (name: string) => runner.inputFilePath(name);
	const resolved: AnimaticJob = {
		...job,
		clips: job.clips.map((clip) => ({ ...clip, path: path(clip.path) })),
		...(job.audio ? { audio: { ...job.audio, path: path(job.audio.path) } } : {})
	};
	const total = totalFrames(clipTimings(job.clips, job.fps));
	const encoded = encodedFrames(job);
	onProgress?.(0, total);
	const run = await runner.exec(animaticArgs(resolved, PICTURES), (line) => {
		const frame = progressFrame(line);
		if (frame) onProgress?.((encoded[Math.min(frame, encoded.length) - 1] ?? 0) + 1, total);
	});
	const pictures = await runner.takeFile(PICTURES);
	if (run.code !== 0 || !pictures?.length) throw failure(run);
	let filled: Uint8Array;
	try {
		filled = fillHeldFrames(pictures, encoded, total);
	} catch (error) {
		throw new MediaError('engine', `The animatic could not be encoded (${String(error)}).`);
	}
	await runner.setInputFiles([...files, { name: FILLED, blob: new Blob([filled as BlobPart]) }]);
	const mux = await runner.exec(animaticMuxArgs(resolved, path(FILLED), OUTPUT));
	const data = await runner.takeFile(OUTPUT);
	if (mux.code !== 0 || !data?.length) throw failure(mux);
	onProgress?.(total, total);
	return new Blob([data as BlobPart], { type: 'video/mp4' });
}
