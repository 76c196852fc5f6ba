import { beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '$lib/ai/meta';
import { SettingsState } from '$lib/state/settings.svelte';
import { writeSetting } from '$lib/store/settings';
import { freshDb } from '../helpers';

beforeEach(freshDb);

describe('SettingsState.saveOptions', () => {
	it('keeps a change made while the saved settings are still being read, and what was saved before', async () => {
		await writeSetting('ai-options', { ...defaultOptions, concurrency: 2 });
		const state = new SettingsState();
		void state.load();
		await state.saveOptions({ requestsPerMinute: 600 });
		expect(state.options).toMatchObject({ concurrency: 2, requestsPerMinute: 600 });

		const reopened = new SettingsState();
		await reopened.load();
		expect(reopened.options).toMatchObject({ concurrency: 2, requestsPerMinute: 600 });
	});
});
