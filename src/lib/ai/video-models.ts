import type { AspectRatio } from '$lib/domain/types';

/** A video model from `GET /videos/models`, reduced to what Maestro shows and decides on. */
export interface VideoModelInfo {
	id: string;
	name: string;
	durations: number[];
	resolutions: string[];
	aspectRatios: string[];
	frameImages: string[];
	audio: boolean;
	/** USD per second of video, without and with audio. */
	perSecondUsd?: number;
	perSecondWithAudioUsd?: number;
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function price(value: unknown): number | undefined {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Read one catalogue entry (or our own saved copy); null when it has no id. */
export function restoreVideoModel(raw: unknown): VideoModelInfo | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const entry = raw as Record<string, unknown>;
	if (typeof entry.id !== 'string' || !entry.id) return null;
	const skus = (entry.pricing_skus ?? {}) as Record<string, unknown>;
	const durations = (
		Array.isArray(entry.supported_durations)
			? entry.supported_durations
			: Array.isArray(entry.durations)
				? entry.durations
				: []
	)
		.map(Number)
		.filter((n) => Number.isFinite(n) && n > 0)
		.sort((a, b) => a - b);
	const info: VideoModelInfo = {
		id: entry.id,
		name: typeof entry.name === 'string' && entry.name ? entry.name : entry.id,
		durations,
		resolutions: strings(entry.supported_resolutions ?? entry.resolutions),
		aspectRatios: strings(entry.supported_aspect_ratios ?? entry.aspectRatios),
		frameImages: strings(entry.supported_frame_images ?? entry.frameImages),
		audio: entry.generate_audio === true || entry.audio === true
	};
	const perSecond = price(skus.per_video_second ?? entry.perSecondUsd);
	const withAudio = price(skus.per_video_second_with_audio ?? entry.perSecondWithAudioUsd);
	if (perSecond !== undefined) info.perSecondUsd = perSecond;
	if (withAudio !== undefined) info.perSecondWithAudioUsd = withAudio;
	return info;
}

/** What an "Animate" request asks for, picked from what the model supports. */
export interface VideoPlan {
	durationS: number;
	resolution?: string;
	aspectRatio?: string;
	/** The next shot's picture goes as the last frame (a matched cut). */
	lastFrame: boolean;
	costUsd?: number;
}

/** The supported duration nearest to the shot's (the longer one on a tie). */
export function nearestDuration(durations: readonly number[], wantS: number): number {
	if (durations.length === 0) return Math.max(1, Math.round(wantS));
	return durations.reduce((best, d) =>
		Math.abs(d - wantS) < Math.abs(best - wantS) ||
		(Math.abs(d - wantS) === Math.abs(best - wantS) && d > best)
			? d
			: best
	);
}

/**
 * Duration nearest to the shot's, 720p when offered (else the smallest listed), the storyboard's
 * aspect ratio when supported, a last frame only when the model takes one and a next picture exists.
 */
export function planVideo(
	model: VideoModelInfo,
	shot: { durationS: number },
	aspectRatio: AspectRatio,
	hasNextFrame: boolean
): VideoPlan {
	const durationS = nearestDuration(model.durations, shot.durationS);
	const plan: VideoPlan = {
		durationS,
		lastFrame: hasNextFrame && model.frameImages.includes('last_frame')
	};
	const resolution = model.resolutions.includes('720p') ? '720p' : model.resolutions[0];
	if (resolution) plan.resolution = resolution;
	if (model.aspectRatios.includes(aspectRatio)) plan.aspectRatio = aspectRatio;
	if (model.perSecondUsd !== undefined) plan.costUsd = model.perSecondUsd * durationS;
	return plan;
}

/** "4, 6 or 8 s" */
export function describeDurations(durations: readonly number[]): string {
	if (durations.length === 0) return 'any length';
	if (durations.length === 1) return `${durations[0]} s`;
	return `${durations.slice(0, -1).join(', ')} or ${durations.at(-1)} s`;
}
