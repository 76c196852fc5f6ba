/** Types for static-server.mjs, the plain static host the browser tests deploy to. */
export function serveStatic(options: {
	root: string;
	port?: number;
	base?: string;
	isolated?: boolean;
}): Promise<{ url: string; close: () => Promise<void> }>;
