// onnxruntime-node, the native reference the upscale benchmarks compare the browser with; the
// benchmark's npm script installs it first (scripts/bench/install-ort-node.mjs).
import { createRequire } from 'node:module';
import type * as OrtCommon from 'onnxruntime-common';

/** The part of onnxruntime-node the benchmarks use. */
export type OrtNode = typeof OrtCommon & { env: { versions: { node?: string } } };

/** onnxruntime-node, or an error that says how to install it. */
export function loadOrtNode(): OrtNode {
	try {
		return createRequire(import.meta.url)('onnxruntime-node') as OrtNode;
	} catch {
		throw new Error('onnxruntime-node is missing: run `node scripts/bench/install-ort-node.mjs`.');
	}
}
