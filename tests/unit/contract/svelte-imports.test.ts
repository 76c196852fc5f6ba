/**
 * The rule dependency-cruiser checks for routes and shared UI (never the store or a worker), for
 * what it cannot see: a `.svelte` file's type-only imports are compiled away before it looks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

const FORBIDDEN = /from\s+['"](?:\$lib\/store\/|[./]*(?:lib\/store|workers)\/)[^'"]*['"]/g;

describe('routes and shared UI components', () => {
	it('import nothing from the store or the workers, not even a type', () => {
		const offenders = [...svelteFiles('src/routes'), ...svelteFiles('src/lib/ui')].flatMap(
			(file) => [...readFileSync(file, 'utf8').matchAll(FORBIDDEN)].map((m) => `${file}: ${m[0]}`)
		);
		expect(offenders).toEqual([]);
	});
});
