// Installs onnxruntime-node, the native reference of the upscale benchmarks, into node_modules
// (not package.json) when it is missing. It is not a dependency of the project: its install
// script downloads CUDA files from outside, which fails where only the npm registry is
// reachable, so it is installed without that script (its CPU binaries ship in the package).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The version measured against: the same as onnxruntime-web's. */
export const ORT_NODE_VERSION = '1.30.0';

try {
	createRequire(import.meta.url).resolve('onnxruntime-node');
} catch {
	console.error(`Installing onnxruntime-node ${ORT_NODE_VERSION} for the benchmark (not saved)…`);
	execFileSync(
		'npm',
		['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'].concat(
			`onnxruntime-node@${ORT_NODE_VERSION}`
		),
		{ stdio: ['ignore', 'ignore', 'inherit'] }
	);
}
