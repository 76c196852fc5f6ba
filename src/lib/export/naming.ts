import type { Style, Take } from '$lib/domain/types';
import { extensionFor, safeFileName } from '$lib/util/blob';

/** `Shot_01`: the shot's folder, zero-padded so folders sort in storyboard order. */
export function shotFolder(number: number, count: number): string {
	const width = Math.max(2, String(count).length);
	return `Shot_${String(number).padStart(width, '0')}`;
}

/** Folder names for styles: safe, never empty, unique even when two styles share a name. */
export function styleFolders(styles: readonly Style[]): Map<string, string> {
	const folders = new Map<string, string>();
	const used = new Set<string>();
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
 * A take's file name: `Shot_01 - Title.png` for the chosen take, with `take 2` for the others
 * (numbered by age) and `upscaled` or `video` for those files.
 */
export function takeFileName(
	folder: string,
	title: string,
	take: Pick<Take, 'chosen'>,
	takeNumber: number,
	kind: TakeFileKind,
	mime: string
): string {
	const notes = [
		...(take.chosen ? [] : [`take ${takeNumber}`]),
		...(kind === 'image' ? [] : [kind])
	];
	const label = safeFileName(title, '').slice(0, 60).trim();
	const stem = `${folder}${label ? ` - ${label}` : ''}${notes.length ? ` (${notes.join(', ')})` : ''}`;
	return `${safeFileName(stem, folder)}.${extensionFor(mime)}`;
}
