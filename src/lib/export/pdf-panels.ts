import { beatDurations } from '$lib/domain/beats';
import { scriptLines } from '$lib/domain/shot';
import type { Beat, Shot } from '$lib/domain/types';
import { panelLabel } from './naming';

/**
 * What the PDF sheet says under each panel. A panel is a beat; the shot's own fields (title,
 * description, dialogue, sound, camera, duration, transition) are said once, under its first
 * beat, and the beats after it say only their number, action, camera and seconds.
 */
export interface PanelText {
	shot: Shot;
	beat: Beat;
	/** "2" for a shot of one beat, "2.3" for a beat of several. */
	label: string;
	/** "2. Title" for a shot of one beat (as before beats), "2.1  Title", or "2.2" alone. */
	heading: string;
	/** The beat's own action (and, on a first beat, camera); "" for a shot of one plain beat. */
	action: string;
	/** The shot's description, under its first beat only. */
	description: string;
	/** The shot's lines of dialogue, under its first beat only. */
	dialogue: string[];
	/** "Sound: …" under the shot's first beat, or "". */
	sound: string;
	/** The two muted lines at the bottom: the camera, then the timing. */
	notes: [string, string];
}

/** The camera line and timing line under a shot's first panel. */
export function panelNotes(shot: Shot): [string, string] {
	const camera = [shot.shotSize, shot.angle, shot.movement].filter(Boolean).join(' · ');
	const transition = shot.transition === 'dissolve' ? 'Dissolve' : 'Cut';
	return [camera || '—', `${roundTenth(shot.durationS)} s · ${transition}`];
}

/** The sound line under a panel's dialogue, or '' when the shot has no sound. */
export function soundLine(shot: Pick<Shot, 'sound'>): string {
	const sound = shot.sound.trim();
	return sound ? `Sound: ${sound}` : '';
}

function roundTenth(seconds: number): number {
	return Math.round(seconds * 10) / 10;
}

/** The text of every panel of the sheet, beat by beat, shots in order. */
export function panelTexts(shots: readonly Shot[]): PanelText[] {
	return shots.flatMap((shot, index) => {
		const seconds = beatDurations(shot);
		const several = shot.beats.length > 1;
		return shot.beats.map((beat, beatIndex): PanelText => {
			const label = panelLabel(index + 1, beatIndex, shot.beats.length);
			const title = shot.title || 'Untitled shot';
			const action = beat.action.trim();
			const camera = beat.camera.trim();
			if (beatIndex > 0) {
				return {
					shot,
					beat,
					label,
					heading: label,
					action,
					description: '',
					dialogue: [],
					sound: '',
					notes: [camera || '—', `${roundTenth(seconds[beatIndex]!)} s · Cut`]
				};
			}
			return {
				shot,
				beat,
				label,
				heading: several ? `${label}  ${title}` : `${label}. ${title}`,
				action: [action, camera].filter(Boolean).join(' — '),
				description: shot.description,
				dialogue: scriptLines(shot.dialogue),
				sound: soundLine(shot),
				notes: panelNotes(shot)
			};
		});
	});
}
