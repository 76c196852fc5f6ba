/** The parts of an audio or video element the player moves. */
export type FollowingMedia = Pick<
	HTMLMediaElement,
	'currentTime' | 'duration' | 'paused' | 'play' | 'pause'
>;

/** How far a playing element may drift from the player's clock before it is moved back. */
export const PLAYING_DRIFT_S = 0.25;
/** A paused element is put on the exact moment (a seek, a step to the next shot). */
const PAUSED_DRIFT_S = 0.02;

/**
 * Keep a media element at `targetS` of its own time, playing while the player plays and the
 * target is inside it; past its end it rests on its last frame. A small drift of a playing
 * element is left alone: seeking it every frame would stutter.
 */
export function followClock(media: FollowingMedia, targetS: number, playing: boolean): void {
	const end = Number.isFinite(media.duration) ? media.duration : Infinity;
	const target = Math.min(Math.max(0, targetS), end);
	const runs = playing && targetS < end;
	if (Math.abs(media.currentTime - target) > (runs ? PLAYING_DRIFT_S : PAUSED_DRIFT_S)) {
		media.currentTime = target;
	}
	if (runs && media.paused) void media.play().catch(() => undefined);
	else if (!runs && !media.paused) media.pause();
}
