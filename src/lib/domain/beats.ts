import { newId } from './ids';
import type { Beat, Shot } from './types';
import { MAX_BEATS } from './values';

export { firstBeatId, MAX_BEATS } from './values';

/**
 * Beats are the panels of one shot: one camera set-up, the moments of its action in order
 * (the door opens; she turns; she sees him). Every shot has at least one; beat M of shot N is
 * "N.M". Takes, render items and exports are per beat.
 */

/** A beat with nothing of its own: the shot as it is. */
export function blankBeat(id: string = newId()): Beat {
	return { id, action: '', camera: '' };
}

/** "2.3": beat 3 of shot 2 (both counted from 1). */
export function beatNumber(shotNumber: number, beatIndex: number): string {
	return `${shotNumber}.${beatIndex + 1}`;
}

/** Where a beat is: its shot's and its own place, from 0. */
export interface BeatPlace {
	shotIndex: number;
	beatIndex: number;
}

/** Find a beat among the shots (in storyboard order). */
export function findBeat(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	shotId: string,
	beatId: string
): BeatPlace | undefined {
	const shotIndex = shots.findIndex((shot) => shot.id === shotId);
	const beatIndex = shots[shotIndex]?.beats.findIndex((beat) => beat.id === beatId) ?? -1;
	return shotIndex < 0 || beatIndex < 0 ? undefined : { shotIndex, beatIndex };
}

/** "2.3" for a beat among the shots, or undefined when it is gone. */
export function beatNumberOf(
	shots: readonly Pick<Shot, 'id' | 'beats'>[],
	shotId: string,
	beatId: string
): string | undefined {
	const place = findBeat(shots, shotId, beatId);
	return place && beatNumber(place.shotIndex + 1, place.beatIndex);
}

/**
 * Each beat's part of the shot, summing to 1. A beat without a share of its own takes an equal
 * part of what the others leave (of the whole shot, when they leave nothing); shares adding up to
 * more than the shot are scaled down.
 */
export function beatFractions(beats: readonly Pick<Beat, 'share'>[]): number[] {
	if (beats.length === 0) return [];
	const given = beats.reduce((sum, beat) => sum + (beat.share ?? 0), 0);
	const unset = beats.filter((beat) => beat.share === undefined).length;
	const left = 1 - given;
	const each = unset === 0 ? 0 : left > 1e-6 ? left / unset : 1 / beats.length;
	const weights = beats.map((beat) => beat.share ?? each);
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	return total > 0 ? weights.map((weight) => weight / total) : beats.map(() => 1 / beats.length);
}

/** How long each beat of a shot is held, in seconds, summing to the shot's duration. */
export function beatDurations(shot: Pick<Shot, 'beats' | 'durationS'>): number[] {
	return beatFractions(shot.beats).map((fraction) => fraction * shot.durationS);
}

/** The beats with a new blank one after `afterIndex` (at the end when not given); at most MAX_BEATS. */
export function withBeatAdded(beats: readonly Beat[], afterIndex = beats.length - 1): Beat[] {
	if (beats.length >= MAX_BEATS) return [...beats];
	const at = Math.max(0, Math.min(beats.length, afterIndex + 1));
	return [...beats.slice(0, at), blankBeat(), ...beats.slice(at)];
}

/** The beats without one; a shot keeps at least one beat. */
export function withBeatRemoved(beats: readonly Beat[], beatId: string): Beat[] {
	if (beats.length <= 1) return [...beats];
	return beats.filter((beat) => beat.id !== beatId);
}

/** The beats with the one at `from` put at `to` (both from 0, `to` clamped into the list). */
export function withBeatMoved(beats: readonly Beat[], from: number, to: number): Beat[] {
	const next = [...beats];
	if (from < 0 || from >= next.length) return next;
	const [moved] = next.splice(from, 1);
	next.splice(Math.max(0, Math.min(next.length, to)), 0, moved!);
	return next;
}

/** A beat's frame from the source clip: its own, else (for the first beat) its shot's. */
export function beatKeyframeId(
	shot: Pick<Shot, 'beats' | 'keyframeAssetId'>,
	beatIndex: number
): string | undefined {
	return (
		shot.beats[beatIndex]?.keyframeAssetId ?? (beatIndex === 0 ? shot.keyframeAssetId : undefined)
	);
}

/** The beats with one changed. */
export function withBeatChanged(
	beats: readonly Beat[],
	beatId: string,
	patch: Partial<Omit<Beat, 'id'>>
): Beat[] {
	return beats.map((beat) => {
		if (beat.id !== beatId) return beat;
		const next: Beat = { ...beat, ...patch };
		if (next.share === undefined) delete next.share;
		return next;
	});
}

/**
 * The share for a beat held `seconds` out of its shot's `durationS`, clamped to (0, 1]; a
 * blank or unreadable time means "an equal share" (undefined).
 */
export function shareFor(seconds: number, durationS: number): number | undefined {
	if (!Number.isFinite(seconds) || seconds <= 0 || durationS <= 0) return undefined;
	return Math.min(1, seconds / durationS);
}

/** The text that tells a beat apart from its shot, for prompts and exports ("" for a plain one-beat shot). */
export function beatText(beat: Pick<Beat, 'action' | 'camera'>): string {
	return [beat.action.trim(), beat.camera.trim()].filter(Boolean).join(' — ');
}
