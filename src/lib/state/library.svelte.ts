import { createProject, matchesSearch } from '$lib/domain/project';
import type { AspectRatio, ProjectKind, ProjectSummary } from '$lib/domain/types';
import { onOtherTabChange } from '$lib/store/changes';
import {
	addProject,
	duplicateProject,
	listProjectSummaries,
	moveToBin,
	purgeBin,
	purgeIfBinned,
	restoreFromBin,
	updateProject
} from '$lib/store/projects';
import { requestPersistentStorage } from './storage';
import { appStatus } from './app-status.svelte';

/** How long a deleted storyboard can be brought back. */
export const UNDO_MS = 10_000;

/** The storyboard library the home page shows, kept in step with the store. */
export class LibraryState {
	summaries = $state.raw<ProjectSummary[]>([]);
	query = $state('');
	loaded = $state(false);
	loadError = $state<string | null>(null);
	readonly visible = $derived(
		this.summaries.filter((s) => matchesSearch(s.project.title, this.query))
	);

	/** Read the library from the store and follow changes from other tabs. */
	start(): () => void {
		void purgeBin(UNDO_MS)
			.catch(() => {})
			.then(() => this.refresh());
		return onOtherTabChange((change) => {
			if (change.scope === 'library') void this.refresh();
		});
	}

	async refresh(): Promise<void> {
		try {
			this.summaries = await listProjectSummaries();
			this.loadError = null;
		} catch (error) {
			this.loadError = `Your storyboards could not be read: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.loaded = true;
		}
	}

	/** Create a storyboard and return its id, or undefined when it could not be saved. */
	async create(
		kind: ProjectKind,
		title: string,
		prompt?: string,
		aspectRatio?: AspectRatio
	): Promise<string | undefined> {
		const project = createProject(kind, title, prompt?.trim() || undefined);
		if (aspectRatio) project.aspectRatio = aspectRatio;
		const result = await appStatus.guardWrite(() => addProject(project));
		if (!result.ok) return undefined;
		// The first storyboard is the moment losing data starts to matter.
		void requestPersistentStorage();
		await this.refresh();
		return project.id;
	}

	async rename(id: string, title: string): Promise<void> {
		await appStatus.guardWrite(() => updateProject(id, { title }));
		await this.refresh();
	}

	async duplicate(id: string): Promise<void> {
		const result = await appStatus.guardWrite(() => duplicateProject(id));
		if (result.ok && result.value) appStatus.toast({ message: `Made “${result.value.title}”.` });
		await this.refresh();
	}

	/** Move to the bin with an "Undo" toast; purged for good when the toast expires. */
	async remove(id: string): Promise<void> {
		const result = await appStatus.guardWrite(() => moveToBin(id));
		if (!result.ok || !result.value) return;
		const title = result.value.title;
		await this.refresh();
		appStatus.toast(
			{
				message: `Deleted “${title}”.`,
				actionLabel: 'Undo',
				action: async () => {
					await appStatus.guardWrite(() => restoreFromBin(id));
					await this.refresh();
				},
				onExpire: () => purgeIfBinned(id).catch(() => {})
			},
			UNDO_MS
		);
	}
}
