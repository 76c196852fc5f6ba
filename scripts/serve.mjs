// A plain static host for the built app, as it would be deployed: files from a folder,
// index.html for unknown paths (the SPA fallback), and the cross-origin isolation headers.
// `npm start` and the browser tests use it. Usage: node scripts/serve.mjs [dir] [port] [base]
// With `--no-isolation` (or ISOLATION_HEADERS=off) it sends no COOP/COEP, like a host that
// cannot set headers; the service worker then adds them (see public/sw-isolation.js).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.onnx': 'application/octet-stream',
	'.woff2': 'font/woff2',
	'.ttf': 'font/ttf',
	'.mp4': 'video/mp4',
	'.webm': 'video/webm',
	'.txt': 'text/plain; charset=utf-8'
};

/**
 * Serve `root` under `base` (e.g. "/maestro") on `port`. With `isolated`, send the headers that
 * make the page cross-origin isolated. Returns the server and a close function.
 */
export async function serveStatic({ root, port = 0, base = '', isolated = true }) {
	const rootDir = resolve(root);
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		let path = decodeURIComponent(url.pathname);
		if (base && !path.startsWith(base)) {
			res.writeHead(404).end('not found');
			return;
		}
		path = path.slice(base.length) || '/';
		const headers = { 'Cache-Control': 'no-cache' };
		if (isolated) {
			headers['Cross-Origin-Opener-Policy'] = 'same-origin';
			headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
		}
		let file = normalize(join(rootDir, path));
		if (!file.startsWith(rootDir)) {
			res.writeHead(403).end();
			return;
		}
		try {
			if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
		} catch {
			// Unknown paths are app routes: the SPA fallback answers them; files with an
			// extension that do not exist are a real 404.
			file = extname(path) ? '' : join(rootDir, 'index.html');
		}
		try {
			if (!file) throw new Error('missing');
			const body = await readFile(file);
			res.writeHead(200, {
				...headers,
				'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream'
			});
			res.end(req.method === 'HEAD' ? undefined : body);
		} catch {
			res.writeHead(404, headers).end('not found');
		}
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', done));
	const address = server.address();
	return {
		url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}${base}`,
		close: () => new Promise((done) => server.close(done))
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const args = process.argv.slice(2);
	const isolated = !args.includes('--no-isolation') && process.env.ISOLATION_HEADERS !== 'off';
	const [root = 'build', port = '4173', base = ''] = args.filter((arg) => !arg.startsWith('--'));
	const { url } = await serveStatic({ root, port: Number(port), base, isolated });
	const note = isolated ? '' : ' without cross-origin isolation headers';
	console.log(`Maestro is served from ${root}/ at ${url}/${note} (Ctrl+C to stop)`);
}
