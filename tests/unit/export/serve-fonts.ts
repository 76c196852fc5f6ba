import { readFileSync } from 'node:fs';
import { vi } from 'vitest';

/** The files `fonts.ts` fetches, served from the installed packages. */
export function serveFontsFromDisk() {
	vi.stubGlobal('fetch', async (url: string) => {
		// Vite names files inside the project from its root, and others as /@fs/<absolute path>.
		const name = decodeURIComponent(String(url));
		const path = name.startsWith('/@fs/') ? name.slice('/@fs'.length) : name.replace(/^\//, '');
		return new Response(readFileSync(path));
	});
}
