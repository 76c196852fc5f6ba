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
import type { LogLevel } from '$lib/domain/types';
import { appendLog } from '$lib/store/logs';
import { downloadBlob, formatBytes, safeFileName } from '$lib/util/blob';
import { appStatus } from './app-status.svelte';

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

/**
 * Save a storyboard as a `.maestro` file through the browser's download, and say so in its
 * activity log: through `log` when the storyboard is open (its list shows the line at once),
 * else straight into the store.
 */
export async function downloadProjectBundle(
	projectId: string,
	log?: (level: LogLevel, message: string) => Promise<void>
): Promise<void> {
	const { blob, title } = await exportProjectBundle(projectId, APP_VERSION);
	const fileName = `${safeFileName(title)}${BUNDLE_EXTENSION}`;
	downloadBlob(blob, fileName);
	const line = bundleExportLine(fileName, blob.size);
	if (log) await log('info', line);
	else await appStatus.guardWrite(() => appendLog(projectId, 'info', line));
}

/** The activity log's line for a saved project file. */
export function bundleExportLine(fileName: string, bytes: number): string {
	return `Exported the project file “${fileName}” (${formatBytes(bytes)}), to import in another browser.`;
}
