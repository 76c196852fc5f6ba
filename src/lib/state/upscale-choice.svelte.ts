import { defaultOptions, type ModelChoice, type Options } from '$lib/upscale/meta';

/** The model and scale last chosen for upscaling, shared by a take's panel and "Upscale chosen". */
class UpscaleChoice {
	choice = $state<ModelChoice>(defaultOptions.choice);
	outscale = $state<2 | 4>(defaultOptions.outscale);

	/** Upscale options for the current choice. */
	get options(): Options {
		return { ...defaultOptions, choice: this.choice, outscale: this.outscale };
	}
}

/** The app's one upscale choice (kept for the session). */
export const upscaleChoice = new UpscaleChoice();
