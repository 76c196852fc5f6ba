import { beatNumber } from '$lib/domain/beats';
import type { Style, Take } from '$lib/domain/types';
import { extensionFor, safeFileName } from '$lib/util/blob';

/**
 * How a panel is labelled where a person reads it (PDF, animatic caption, player): "2" for a
 * shot of one beat, as before beats, and "2.3" for beat 3 of a shot that has several.
 */
export function panelLabel(shotNumber: number, beatIndex: number, beatCount: number): string {
	return beatCount <= 1 ? String(shotNumber) : beatNumber(shotNumber, beatIndex);
}

/** `Shot_01`: the shot's folder, zero-padded so folders sort in storyboard order. */
export function shotFolder(number: number, count: number): string {
	const width = Math.max(2, String(count).length);
	return `Shot_${String(number).padStart(width, '0')}`;
}

/** The folder of the ZIP that holds the cast's pictures and `cast.csv`. */
export const CAST_FOLDER = 'Cast';

/**
 * Folder names for styles: safe, never empty, unique even when two styles share a name, and
 * never one of `reserved` (the `Cast` folder, when the storyboard has a cast).
 */
export function styleFolders(
	styles: readonly Style[],
	reserved: readonly string[] = []
): Map<string, string> {
	const folders = new Map<string, string>();
	const used = new Set(reserved.map((name) => name.toLowerCase()));
	styles.forEach((style, index) => {
		const base = safeFileName(style.name, `Style ${index + 1}`);
		let name = base;
		for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})`;
		used.add(name.toLowerCase());
		folders.set(style.id, name);
	});
	return folders;
}

/** What a file of a take is: the image, its upscaled version, or a video take's clip. */
export type TakeFileKind = 'image' | 'upscaled' | 'video';

/**
 * A take's file name in its shot's folder: `Beat_2.3.png` for the beat's chosen take, with
 * `take 2` for the others (numbered by age within the beat) and `upscaled` or `video` for those
 * files. Always "N.M", even for a shot of one beat, so the files of a shot sort in beat order.
 */
export function takeFileName(
	beat: string,
	take: Pick<Take, 'chosen'>,
	takeNumber: number,
	kind: TakeFileKind,
	mime: string
): string {
	const notes = [
		...(take.chosen ? [] : [`take ${takeNumber}`]),
		...(kind === 'image' ? [] : [kind])
	];
	return `Beat_${beat}${notes.length ? ` (${notes.join(', ')})` : ''}.${extensionFor(mime)}`;
}

/** `01_Mara`: a cast member's folder under `Cast/`, numbered in cast order so folders sort. */
export function castMemberFolder(number: number, count: number, name: string): string {
	const width = Math.max(2, String(count).length);
	return `${String(number).padStart(width, '0')}_${safeFileName(name, `Member ${number}`)}`;
}
