import type { AspectRatio } from '$lib/domain/types';
import type { VideoModelInfo, VideoPlan } from './meta';
import { priceClip } from './pricing';

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Price strings kept as strings; a saved copy from before (`perSecondUsd`) reads as a per-second price. */
function pricingSkusOf(entry: Record<string, unknown>): Record<string, string> {
	const raw = entry.pricing_skus ?? entry.pricingSkus;
	const skus: Record<string, string> = {};
	if (typeof raw === 'object' && raw !== null) {
		for (const [key, value] of Object.entries(raw)) {
			if (typeof value === 'string' || typeof value === 'number') skus[key] = String(value);
		}
	}
	if (Object.keys(skus).length > 0) return skus;
	for (const [old, key] of [
		['perSecondUsd', 'duration_seconds_without_audio'],
		['perSecondWithAudioUsd', 'duration_seconds_with_audio']
	] as const) {
		const value = entry[old];
		if (typeof value === 'number' && Number.isFinite(value)) skus[key] = String(value);
	}
	return skus;
}

/** Read one catalogue entry (or our own saved copy); null when it has no id. */
export function restoreVideoModel(raw: unknown): VideoModelInfo | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const entry = raw as Record<string, unknown>;
	if (typeof entry.id !== 'string' || !entry.id) return null;
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
		audio: entry.generate_audio === true || entry.audio === true,
		pricingSkus: pricingSkusOf(entry)
	};
	return info;
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
	const resolution = model.resolutions.includes('720p') ? '720p' : model.resolutions[0];
	const ratio = model.aspectRatios.includes(aspectRatio) ? aspectRatio : undefined;
	const plan: VideoPlan = {
		durationS,
		lastFrame: hasNextFrame && model.frameImages.includes('last_frame'),
		price: priceClip(model.pricingSkus, {
			durationS,
			...(resolution ? { resolution } : {}),
			// The size the token rule counts: the ratio asked for, else the model's first.
			aspectRatio: ratio ?? model.aspectRatios[0] ?? '16:9',
			audio: false,
			imageToVideo: true
		})
	};
	if (resolution) plan.resolution = resolution;
	if (ratio) plan.aspectRatio = ratio;
	if (model.audio) plan.generateAudio = false;
	return plan;
}

/** "4, 6 or 8 s" */
export function describeDurations(durations: readonly number[]): string {
	if (durations.length === 0) return 'any length';
	if (durations.length === 1) return `${durations[0]} s`;
	return `${durations.slice(0, -1).join(', ')} or ${durations.at(-1)} s`;
}
