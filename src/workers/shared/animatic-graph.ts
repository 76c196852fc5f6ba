import type { AnimaticClip, AnimaticJob } from '$lib/export/meta';

/** Longest crossfade (s); shorter when a shot is short, so a dissolve never eats a whole shot. */
export const MAX_FADE_S = 0.5;

/** One clip's place on the timeline, in frames. */
export interface ClipTiming {
	/** Frames the shot is seen for (its duration at the frame rate, at least 1). */
	frames: number;
	/** Frames of crossfade into this clip from the one before (0 for a cut). */
	fadeIn: number;
	/** Frames this clip's input must last: its own, plus half of each fade it takes part in. */
	inputFrames: number;
}

/** Frames of crossfade between two shots of `a` and `b` frames. */
export function fadeFrames(a: number, b: number, fps: number): number {
	const max = Math.round(MAX_FADE_S * fps);
	// Even, so half of it can be lent by each side exactly.
	const fade = Math.min(max, Math.floor(Math.min(a, b) / 2));
	return fade - (fade % 2);
}

/**
 * Frames each shot is seen for: every cut is placed at the frame nearest its time on the
 * running total (rounding each shot on its own adds up: 2 + 2.5 + 2 + 1.5 s at 25 fps would be
 * 201 frames), so the animatic has `round(total × fps)` frames; a shot gets at least one.
 */
export function shotFrames(durations: readonly number[], fps: number): number[] {
	let elapsedS = 0;
	let placed = 0;
	return durations.map((durationS) => {
		elapsedS += durationS;
		const end = Math.max(placed + 1, Math.round(elapsedS * fps));
		const frames = end - placed;
		placed = end;
		return frames;
	});
}

/**
 * Frame counts of each clip so that the whole animatic lasts exactly the sum of the shots'
 * durations: a crossfade is centred on the cut, each side lending half of it.
 */
export function clipTimings(
	clips: readonly Pick<AnimaticClip, 'durationS' | 'transition'>[],
	fps: number
): ClipTiming[] {
	const frames = shotFrames(
		clips.map((clip) => clip.durationS),
		fps
	);
	const fades = clips.map((clip, i) =>
		i > 0 && clip.transition === 'dissolve' ? fadeFrames(frames[i - 1]!, frames[i]!, fps) : 0
	);
	return frames.map((own, i) => ({
		frames: own,
		fadeIn: fades[i]!,
		inputFrames: own + fades[i]! / 2 + (fades[i + 1] ?? 0) / 2
	}));
}

/** Total frames of the animatic: the sum of every shot's frames. */
export function totalFrames(timings: readonly ClipTiming[]): number {
	return timings.reduce((sum, t) => sum + t.frames, 0);
}

/** How much larger than the frame a still is made for a pan, so the frame can travel over it. */
export const PAN_MARGIN = 1.12;

/**
 * A slow drift across the still (left to right, then right to left, alternately, with a little
 * vertical travel). `crop` only moves a window, so every frame costs nothing to make; the
 * zoompan filter looked nicer but took longer than the clip itself even in native ffmpeg.
 */
function pan(index: number, frames: number, width: number, height: number): string {
	const big = (n: number) => Math.round((n * PAN_MARGIN) / 2) * 2;
	const along = index % 2 === 0 ? `n/${frames}` : `(1-n/${frames})`;
	const vertical = Math.floor(index / 2) % 2 === 0 ? '0.3' : '0.7';
	return `scale=${big(width)}:${big(height)},format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,crop=${width}:${height}:x='(iw-ow)*${along}':y='(ih-oh)*${vertical}'`;
}

/** Input arguments and filter chain for one clip, whose input is number `input`. */
function clipChain(
	clip: AnimaticClip,
	index: number,
	input: number,
	timing: ClipTiming,
	job: AnimaticJob
): { args: string[]; chain: string } {
	const { width, height, fps } = job;
	const n = timing.inputFrames;
	const tail = `settb=1/${fps},setpts=N,format=yuv420p,setsar=1`;
	if (clip.kind === 'video') {
		const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:black`;
		// Trimmed to the shot, or its last frame held when the clip is shorter.
		const hold = `fps=${fps},trim=end_frame=${n},tpad=stop_mode=clone:stop=${n},trim=end_frame=${n}`;
		return { args: ['-an', '-i', clip.path], chain: `[${input}:v]${fit},${hold},${tail}` };
	}
	const args = ['-framerate', String(fps), '-i', clip.path];
	if (job.kenBurns) {
		return { args, chain: `[${input}:v]${pan(index, n, width, height)},${tail}` };
	}
	// Decode the still once and repeat the frame (the loop filter reuses it without copying).
	return {
		args,
		chain: `[${input}:v]scale=${width}:${height},format=yuv420p,loop=loop=${n - 1}:size=1:start=0,${tail}`
	};
}

/** Frames `from` (inclusive) to `to` (exclusive) of a stream, restarting at time 0. */
function framesOf(label: string, from: number, to: number, out: string, fps: number): string {
	return `[${label}]trim=start_frame=${from}:end_frame=${to},settb=1/${fps},setpts=N[${out}]`;
}

const QUIET = ['-nostdin', '-hide_banner', '-loglevel', 'error'];

/**
 * The first ffmpeg command: the pictures of the animatic described by `job` as H.264 (Annex B)
 * at `output`, only the frames `encodedFrames` lists (see `keptFrames`). Each clip is cut
 * into its head (the second half of a crossfade into it), body and tail (the first half of
 * the crossfade out of it); a crossfade is `xfade` over just the two short pieces
 * that overlap, and everything is joined by one `concat`. (Chaining `xfade` over whole clips
 * makes this ffmpeg blend every frame of the film, about 10x slower.)
 */
export function animaticArgs(job: AnimaticJob, output: string): string[] {
	const { fps } = job;
	const timings = clipTimings(job.clips, fps);
	const inputs: string[] = [];
	const chains: string[] = [];
	const pieces: string[] = [];
	job.clips.forEach((clip, i) => {
		const timing = timings[i]!;
		const { args, chain } = clipChain(clip, i, i, timing, job);
		inputs.push(...args);
		const fadeOut = timings[i + 1]?.fadeIn ?? 0;
		const parts = [timing.fadeIn > 0, true, fadeOut > 0].filter(Boolean).length;
		chains.push(
			`${chain},split=${parts}${Array.from({ length: parts }, (_, k) => `[s${i}_${k}]`).join('')}`
		);
		let branch = 0;
		if (timing.fadeIn > 0) {
			chains.push(framesOf(`s${i}_${branch++}`, 0, timing.fadeIn, `h${i}`, fps));
			const fade = timing.fadeIn / fps;
			chains.push(`[h${i}]format=yuva420p,fade=t=in:st=0:d=${fade}:alpha=1[a${i}]`);
			chains.push(`[t${i - 1}][a${i}]overlay=format=yuv420:eof_action=pass,format=yuv420p[x${i}]`);
			pieces.push(`[x${i}]`);
		}
		const bodyEnd = timing.inputFrames - fadeOut;
		chains.push(framesOf(`s${i}_${branch++}`, timing.fadeIn, bodyEnd, `b${i}`, fps));
		pieces.push(`[b${i}]`);
		if (fadeOut > 0) {
			chains.push(framesOf(`s${i}_${branch++}`, bodyEnd, timing.inputFrames, `t${i}`, fps));
		}
	});
	let current = 'joined';
	chains.push(
		`${pieces.join('')}concat=n=${pieces.length}:v=1:a=0,settb=1/${fps},setpts=N[${current}]`
	);
	const total = totalFrames(timings);
	const args = [...QUIET, '-nostats', '-progress', 'pipe:1', ...inputs];
	if (!job.kenBurns) {
		chains.push(`[${current}]select='${keptFrames(job.clips, timings, fps)}'[out]`);
		current = 'out';
	}
	args.push(
		'-filter_complex',
		chains.join(';'),
		'-map',
		`[${current}]`,
		'-frames:v',
		String(total),
		'-c:v',
		'libx264',
		'-preset',
		job.preset,
		'-crf',
		'23',
		// What `fillHeldFrames` writes skip pictures for: no B-frames (pictures in output order),
		// CAVLC, no weighted prediction. The ultrafast preset has all three already.
		'-bf',
		'0',
		'-x264-params',
		'cabac=0:weightp=0',
		'-pix_fmt',
		'yuv420p',
		'-fps_mode',
		'passthrough',
		'-f',
		'h264',
		'-y',
		output
	);
	return args;
}

/**
 * The second ffmpeg command: the constant frame rate stream at `video` (see `fillHeldFrames`)
 * copied into MP4, each picture lasting 1/fps, with the source clip's sound when asked.
 */
export function animaticMuxArgs(job: AnimaticJob, video: string, output: string): string[] {
	const total = totalFrames(clipTimings(job.clips, job.fps));
	const args = [...QUIET, '-framerate', String(job.fps), '-i', video];
	if (job.audio) {
		args.push('-ss', job.audio.startS.toFixed(3), '-t', (total / job.fps).toFixed(3));
		args.push('-vn', '-i', job.audio.path, '-map', '0:v', '-map', '1:a:0?');
		args.push('-c:a', 'aac', '-b:a', '128k');
	}
	args.push('-c:v', 'copy', '-movflags', '+faststart', '-y', output);
	return args;
}

/** Frames of a still animatic always encoded besides one a second: inclusive ranges. */
function keptRanges(
	clips: readonly Pick<AnimaticClip, 'kind'>[],
	timings: readonly ClipTiming[]
): [number, number][] {
	const ranges: [number, number][] = [];
	let start = 0;
	for (const [i, timing] of timings.entries()) {
		if (clips[i]?.kind === 'video') {
			// A moving clip keeps every frame it is seen in.
			const fadeOut = timings[i + 1]?.fadeIn ?? 0;
			ranges.push([start - timing.fadeIn / 2, start + timing.frames + fadeOut / 2]);
		} else if (timing.fadeIn > 0) {
			const from = start - timing.fadeIn / 2;
			ranges.push([from, from + timing.fadeIn]);
		} else if (start > 0) {
			ranges.push([start, start]);
		}
		start += timing.frames;
	}
	ranges.push([start - 1, start - 1]);
	return ranges;
}

/**
 * Which output frames of a still animatic are encoded, as a `select` expression: between two
 * crossfades a still does not change, so only one frame a second is encoded there; the
 * others become skip pictures (`fillHeldFrames`), which cost nothing to make. Every frame of
 * a crossfade or a video take is kept, and the last frame. This cuts the encoder's work about
 * fivefold: most of an animatic's time is held stills.
 */
export function keptFrames(
	clips: readonly Pick<AnimaticClip, 'kind'>[],
	timings: readonly ClipTiming[],
	fps: number
): string {
	const terms = keptRanges(clips, timings).map(([from, to]) =>
		from === to ? `eq(n,${from})` : `between(n,${from},${to})`
	);
	return [`not(mod(n,${fps}))`, ...terms].join('+');
}

/** The output frame numbers the first pass encodes, in order (every one with a pan). */
export function encodedFrames(job: Pick<AnimaticJob, 'clips' | 'fps' | 'kenBurns'>): number[] {
	const timings = clipTimings(job.clips, job.fps);
	const ranges = job.kenBurns ? [] : keptRanges(job.clips, timings);
	const frames: number[] = [];
	for (let n = 0; n < totalFrames(timings); n++) {
		if (job.kenBurns || n % job.fps === 0 || ranges.some(([a, b]) => n >= a && n <= b)) {
			frames.push(n);
		}
	}
	return frames;
}

/** The frame number in an ffmpeg `-progress` line (`frame=123`), or undefined. */
export function progressFrame(line: string): number | undefined {
	const match = /^frame=\s*(\d+)/.exec(line.trim());
	return match ? Number(match[1]) : undefined;
}
