import { defaultOptions, restoreOptions, type Options } from '$lib/media/meta';
import { readSetting, writeSetting } from '$lib/store/settings';
import { appStatus } from './app-status.svelte';

const OPTIONS_KEY = 'media-options';

/** How clips are sampled and cut, and whether the clip is kept: Settings edits it, the workspace reads it. */
class MediaSettingsState {
	options = $state<Options>({ ...defaultOptions });
	#loading: Promise<void> | undefined;

	/** Read the saved options once; later calls wait for the first. Unreadable settings leave the defaults. */
	load(): Promise<void> {
		this.#loading ??= readSetting(OPTIONS_KEY, restoreOptions).then(
			(options) => void (this.options = options),
			() => {}
		);
		return this.#loading;
	}

	/** Change and save options; values are bounded first. */
	async save(patch: Partial<Options>): Promise<void> {
		const next = restoreOptions({ ...$state.snapshot(this.options), ...patch });
		this.options = next;
		await appStatus.guardWrite(() => writeSetting(OPTIONS_KEY, next));
	}

	/** The options as a plain object for the media facade. */
	snapshot(): Options {
		return $state.snapshot(this.options);
	}
}

export const mediaSettings = new MediaSettingsState();
