import type { AnimaticFile, AnimaticJob } from '$lib/export/meta';
import type { ProgressCallback } from '$lib/media/meta';
import { animaticArgs, clipTimings, progressFrame, totalFrames } from './animatic-graph';
import type { FFmpegRunner } from './ffmpeg-runner';
import { MediaError } from './media-error';

const OUTPUT = '/animatic.mp4';

/**
 * Encode an animatic: `files` are mounted (stills and clips by name, the source clip for its
 * sound), `job` says what plays when; progress is frames written of the total.
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
	const resolved: AnimaticJob = {
		...job,
		clips: job.clips.map((clip) => ({ ...clip, path: runner.inputFilePath(clip.path) })),
		...(job.audio ? { audio: { ...job.audio, path: runner.inputFilePath(job.audio.path) } } : {})
	};
	const total = totalFrames(clipTimings(job.clips, job.fps));
	onProgress?.(0, total);
	const run = await runner.exec(animaticArgs(resolved, OUTPUT), (line) => {
		const frame = progressFrame(line);
		if (frame !== undefined) onProgress?.(Math.min(frame, total), total);
	});
	const data = await runner.takeFile(OUTPUT);
	if (run.code !== 0 || !data?.length) {
		const reason = run.log.filter((line) => !/^\w+=/.test(line)).at(-1) ?? `exit code ${run.code}`;
		throw new MediaError('engine', `The animatic could not be encoded (${reason}).`);
	}
	onProgress?.(total, total);
	return new Blob([data as BlobPart], { type: 'video/mp4' });
}
