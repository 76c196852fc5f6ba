// Exposes the media facade to Playwright: the benchmark and engine tests call it through page.evaluate.
import * as media from '$lib/media/client';
import { defaultOptions } from '$lib/media/meta';

declare global {
	interface Window {
		media: typeof media;
		defaultOptions: typeof defaultOptions;
		pickedFile: () => File;
		harnessReady: boolean;
	}
}

window.media = media;
window.defaultOptions = defaultOptions;
window.pickedFile = () => {
	const file = (document.getElementById('clip') as HTMLInputElement).files?.[0];
	if (!file) throw new Error('No file picked');
	return file;
};
window.harnessReady = true;
