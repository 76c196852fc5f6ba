/** What this capability is called in the UI. Its model is picked in the AI settings (`ai/meta.ts`). */
export const label = 'Animation';

/** A video model from `GET /videos/models`, reduced to what Maestro shows and decides on. */
export interface VideoModelInfo {
	id: string;
	name: string;
	durations: number[];
	resolutions: string[];
	aspectRatios: string[];
	frameImages: string[];
	audio: boolean;
	/** The catalogue's price strings as it spells them (`duration_seconds_720p`, `video_tokens`…). */
	pricingSkus: Record<string, string>;
}

/** What an "Animate" request asks for, picked from what the model supports. */
export interface VideoPlan {
	durationS: number;
	resolution?: string;
	aspectRatio?: string;
	/** The next shot's picture goes as the last frame (a matched cut). */
	lastFrame: boolean;
	/** Sound is not needed for a storyboard clip: `generate_audio: false` where the model makes it. */
	generateAudio?: false;
	/** What the clip costs by the catalogue, stated before anything is sent. */
	price: ClipPrice;
}

/** The price of one clip, or why there is none. */
export type ClipPrice =
	{ priced: true; usd: number; rule: string } | { priced: false; reason: string };

/** Where a video job stands, as `GET /videos/{id}` says. */
export interface VideoStatus {
	id: string;
	status: 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'expired' | string;
	urls: string[];
	costUsd: number;
	error?: string;
}

/** What the video API is asked for one clip. */
export interface VideoSubmit {
	model: string;
	prompt: string;
	durationS: number;
	resolution?: string;
	aspectRatio?: string;
	firstFrameUrl: string;
	lastFrameUrl?: string;
	generateAudio?: boolean;
}

/** What "Animate" would do for one shot, shown before anything is sent. */
export interface AnimatePreview {
	shotId: string;
	beatId: string;
	/** "2.3" */
	number: string;
	styleId: string;
	plan: VideoPlan;
}
