import { APP_VERSION } from '$lib/app-info';
import {
	BUNDLE_EXTENSION,
	BundleError,
	exportProjectBundle,
	importProjectBundle,
	importTwin,
	type ImportMode
} from '$lib/store/bundle';
import { isQuotaError } from '$lib/store/quota';
import { downloadBlob, safeFileName } from '$lib/util/blob';

/** The outcome of an import, worded for the person. */
export type ImportOutcome =
	| { ok: true; projectId: string; title: string; warnings: string[] }
	| { ok: false; message: string };

export type { ImportMode };

/** The storyboard in this browser a `.maestro` file was saved from, to ask before importing. */
export async function bundleTwin(file: File): Promise<{ id: string; title: string } | undefined> {
	const twin = await importTwin(file);
	return twin ? { id: twin.id, title: twin.title } : undefined;
}

/** Import a `.maestro` file chosen by the person; nothing is written unless all of it can be. */
export async function importBundleFile(
	file: File,
	mode: ImportMode = 'copy'
): Promise<ImportOutcome> {
	const warnings: string[] = [];
	try {
		const project = await importProjectBundle(file, file.name, (w) => warnings.push(w), mode);
		return { ok: true, projectId: project.id, title: project.title, warnings };
	} catch (error) {
		if (error instanceof BundleError) return { ok: false, message: error.message };
		if (isQuotaError(error)) {
			return {
				ok: false,
				message: `There is not enough storage to import “${file.name}”. Free some space and try again. Nothing was added.`
			};
		}
		return {
			ok: false,
			message: `“${file.name}” could not be imported: ${error instanceof Error ? error.message : String(error)}. Nothing was added.`
		};
	}
}

/** Save a storyboard as a `.maestro` file through the browser's download. */
export async function downloadProjectBundle(projectId: string): Promise<void> {
	const { blob, title } = await exportProjectBundle(projectId, APP_VERSION);
	downloadBlob(blob, `${safeFileName(title)}${BUNDLE_EXTENSION}`);
}
