import { getContext, setContext } from 'svelte';
import type { Style, Take } from '$lib/domain/types';
import { ImageInputError, shrinkToJpeg } from '$lib/media/shrink-image';
import { putAsset } from '$lib/store/assets';
import {
	addStyle,
	deleteStyle,
	ensureStyles,
	listStyles,
	updateStyle,
	type StylePatch
} from '$lib/store/styles';
import { chooseTake, deleteTake, listTakes, putBackTake } from '$lib/store/takes';
import { appStatus } from './app-status.svelte';
import { followProject, type StepRecorder } from './follow-project';

const STYLE_PATCH_WORDS: Record<keyof StylePatch, string> = {
	name: 'rename',
	promptWords: 'edit the words of',
	referenceAssetId: 'change the reference of',
	keyPool: 'change the keys of'
};

/**
 * A storyboard's styles (the columns renders are made in) and every take rendered so far,
 * re-read whenever this tab saves a take or another tab changes the storyboard.
 */
export class StyleBoard {
	styles = $state.raw<Style[]>([]);
	takes = $state.raw<Take[]>([]);
	/** The last problem with a style reference image, per style. */
	referenceErrors = $state<Record<string, string>>({});
	readonly projectId: string;
	readonly #history: StepRecorder | undefined;

	constructor(projectId: string, history?: StepRecorder) {
		this.projectId = projectId;
		this.#history = history;
	}

	start(): () => void {
		void this.load();
		return followProject(this.projectId, this.#history, () => void this.refresh());
	}

	/** Read the styles (creating the default one) and the takes. */
	async load(): Promise<void> {
		const result = await appStatus.guardWrite(() => ensureStyles(this.projectId));
		this.styles = result.ok ? result.value : await listStyles(this.projectId);
		this.takes = await listTakes(this.projectId);
	}

	async refresh(): Promise<void> {
		this.styles = await listStyles(this.projectId);
		this.takes = await listTakes(this.projectId);
	}

	/** Show a take this tab just saved, without reading the store again. */
	took(take: Take): void {
		if (!this.takes.some((other) => other.id === take.id)) this.takes = [...this.takes, take];
	}

	/** The image takes of one beat in one style, oldest first. */
	takesOf(beatId: string, styleId: string): Take[] {
		return this.takes.filter(
			(take) => take.kind === 'image' && take.beatId === beatId && take.styleId === styleId
		);
	}

	/** The chosen animated clip of a beat in a style. */
	clipOf(beatId: string, styleId: string): Take | undefined {
		return this.takes.find(
			(take) =>
				take.kind === 'video' && take.beatId === beatId && take.styleId === styleId && take.chosen
		);
	}

	/** The chosen image take of a beat in a style. */
	chosenOf(beatId: string, styleId: string): Take | undefined {
		return this.takesOf(beatId, styleId).find((take) => take.chosen);
	}

	style(id: string): Style | undefined {
		return this.styles.find((style) => style.id === id);
	}

	async add(): Promise<void> {
		const result = await appStatus.guardWrite(() => addStyle(this.projectId));
		if (!result.ok) return;
		const added = result.value;
		this.styles = [...this.styles, added];
		await this.#history?.recordStep({
			label: `add ${added.name}`,
			before: { styles: { [added.id]: null } },
			after: { styles: { [added.id]: added } }
		});
	}

	async update(id: string, patch: StylePatch): Promise<void> {
		const old = this.style(id);
		const result = await appStatus.guardWrite(() => updateStyle(id, patch));
		if (result.ok && result.value) {
			const next = result.value;
			this.styles = this.styles.map((style) => (style.id === id ? next : style));
			if (!old) return;
			const fields = Object.keys(patch) as (keyof StylePatch)[];
			const side = (style: Style) =>
				Object.fromEntries(fields.map((field) => [field, style[field] ?? null]));
			await this.#history?.recordStep({
				label: `${STYLE_PATCH_WORDS[fields[0] ?? 'name']} ${old.name}`,
				before: { styles: { [id]: side(old) } },
				after: { styles: { [id]: side(next) } }
			});
		}
	}

	/** Use a picture as the style reference: shrunk to a JPEG (longest side 1024) and saved. */
	async setReference(id: string, file: File): Promise<void> {
		const { [id]: _cleared, ...others } = this.referenceErrors;
		this.referenceErrors = others;
		try {
			const image = await shrinkToJpeg(file, 1024, 0.85);
			const saved = await appStatus.guardWrite(() =>
				putAsset(this.projectId, image.blob, { width: image.width, height: image.height })
			);
			if (saved.ok) await this.update(id, { referenceAssetId: saved.value.id });
		} catch (error) {
			this.referenceErrors = {
				...this.referenceErrors,
				[id]:
					error instanceof ImageInputError
						? `${file.name}: ${error.message} The style is unchanged.`
						: `${file.name} could not be used. The style is unchanged.`
			};
		}
	}

	async remove(id: string): Promise<void> {
		const removed = this.style(id);
		if (this.styles.length <= 1 || !removed) return;
		const result = await appStatus.guardWrite(() => deleteStyle(id));
		if (!result.ok) return;
		this.styles = this.styles.filter((style) => style.id !== id);
		await this.#history?.recordStep({
			label: `remove ${removed.name}`,
			before: { styles: { [id]: removed } },
			after: { styles: { [id]: null } }
		});
	}

	/** Make a take the chosen one of its beat and style; `label` names the step ("choose take 2 of shot 3"). */
	async choose(takeId: string, label = 'choose a take'): Promise<void> {
		const take = this.takes.find((other) => other.id === takeId);
		// Only which take is chosen changes; every take stays.
		const slot = this.takes.filter(
			(other) =>
				take !== undefined &&
				other.beatId === take.beatId &&
				other.styleId === take.styleId &&
				other.kind === take.kind
		);
		const result = await appStatus.guardWrite(() => chooseTake(takeId));
		if (!result.ok) return;
		this.takes = await listTakes(this.projectId);
		if (slot.length === 0) return;
		await this.#history?.recordStep({
			label,
			before: { takes: this.#slotFlags(slot, (other) => other.chosen) },
			after: { takes: this.#slotFlags(slot, (other) => other.id === takeId) }
		});
	}

	#slotFlags(slot: Take[], chosen: (take: Take) => boolean): Record<string, { chosen: boolean }> {
		return Object.fromEntries(slot.map((take) => [take.id, { chosen: chosen(take) }]));
	}

	/** Delete a take (a paid result) with an "Undo" toast that puts it and its files back. */
	async deleteTake(takeId: string, label = 'Deleted the take.'): Promise<void> {
		const result = await appStatus.guardWrite(() => deleteTake(takeId));
		if (!result.ok) return;
		this.takes = await listTakes(this.projectId);
		const deleted = result.value;
		if (!deleted) return;
		appStatus.toast({
			message: label,
			actionLabel: 'Undo',
			action: async () => {
				const back = await appStatus.guardWrite(() => putBackTake(deleted));
				if (back.ok) this.takes = await listTakes(this.projectId);
			}
		});
	}
}

const KEY = Symbol('style-board');

export function setStyleBoardContext(board: StyleBoard): StyleBoard {
	return setContext(KEY, board);
}

export function getStyleBoardContext(): StyleBoard {
	return getContext<StyleBoard>(KEY);
}
