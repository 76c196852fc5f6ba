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
 * Frame counts of each clip so that the whole animatic lasts exactly the sum of the shots'
 * durations: a crossfade is centred on the cut, each side lending half of it.
 */
export function clipTimings(
	clips: readonly Pick<AnimaticClip, 'durationS' | 'transition'>[],
	fps: number
): ClipTiming[] {
	const frames = clips.map((clip) => Math.max(1, Math.round(clip.durationS * fps)));
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

/**
 * The ffmpeg command line that encodes the animatic described by `job` to `output`.
 * Each clip is cut into its head (the second half of a crossfade into it), body and tail (the
 * first half of the crossfade out of it); a crossfade is `xfade` over just the two short pieces
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
	const args = [
		'-nostdin',
		'-hide_banner',
		'-loglevel',
		'error',
		'-nostats',
		'-progress',
		'pipe:1'
	];
	args.push(...inputs);
	const audioInput = job.clips.length;
	if (job.audio) {
		args.push('-ss', job.audio.startS.toFixed(3), '-t', (total / job.fps).toFixed(3));
		args.push('-vn', '-i', job.audio.path);
	}
	if (!job.kenBurns) {
		chains.push(`[${current}]select='${keptFrames(job.clips, timings, job.fps)}'[out]`);
		current = 'out';
	}
	args.push('-filter_complex', chains.join(';'), '-map', `[${current}]`);
	if (job.audio) args.push('-map', `${audioInput}:a:0?`, '-c:a', 'aac', '-b:a', '128k');
	args.push(
		'-frames:v',
		String(total),
		'-c:v',
		'libx264',
		'-preset',
		job.preset,
		'-crf',
		'23',
		// No B-frames: with frames of uneven length they make MP4 track durations come out short.
		'-bf',
		'0',
		'-pix_fmt',
		'yuv420p',
		'-fps_mode',
		job.kenBurns ? 'cfr' : 'vfr',
		'-movflags',
		'+faststart',
		'-y',
		output
	);
	return args;
}

/**
 * Which output frames of a still animatic are encoded, as a `select` expression: between two
 * crossfades a still does not change, so only one frame a second is kept there (the frame
 * before it lasts until the next kept one). Every frame of a crossfade or a video take is kept, and the last
 * frame, so the file lasts exactly as long as the shots. This cuts the encoder's work about
 * fivefold: most of an animatic's time is held stills.
 */
export function keptFrames(
	clips: readonly Pick<AnimaticClip, 'kind'>[],
	timings: readonly ClipTiming[],
	fps: number
): string {
	const terms = [`not(mod(n,${fps}))`];
	let start = 0;
	for (const [i, timing] of timings.entries()) {
		if (clips[i]?.kind === 'video') {
			// A moving clip keeps every frame it is seen in.
			const fadeOut = timings[i + 1]?.fadeIn ?? 0;
			terms.push(`between(n,${start - timing.fadeIn / 2},${start + timing.frames + fadeOut / 2})`);
		} else if (timing.fadeIn > 0) {
			const from = start - timing.fadeIn / 2;
			terms.push(`between(n,${from},${from + timing.fadeIn})`);
		} else if (start > 0) {
			terms.push(`eq(n,${start})`);
		}
		start += timing.frames;
	}
	terms.push(`eq(n,${start - 1})`);
	return terms.join('+');
}

/** The frame number in an ffmpeg `-progress` line (`frame=123`), or undefined. */
export function progressFrame(line: string): number | undefined {
	const match = /^frame=\s*(\d+)/.exec(line.trim());
	return match ? Number(match[1]) : undefined;
}
