/// <reference types="node" />
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerPreflight, applyCorsHeaders, unknownHeaders } from './cors';
import { errorBody } from './errors';
import { bearerOf } from './keys';
import { handleCredits, handleGeneration, handleKey } from './routes/account';
import { handleChat } from './routes/chat';
import { handleControl } from './routes/control';
import { handleModelDetail, handleModels } from './routes/models';
import {
	handleVideoContent,
	handleVideoModels,
	handleVideoPoll,
	handleVideoSubmit
} from './routes/video';
import { FakeState, filterLog, pickMode, type LogFilter, type RouteContext } from './state';
import type {
	FakeMode,
	FakeOptions,
	KeyProfile,
	LoggedRequest,
	ScriptMatch,
	ScriptStep
} from './types';
import { sendJson } from './util';

/** A running fake OpenRouter, in the same process as the test. */
export interface FakeOpenRouter {
	/** Base URL for the SDK, ending in /api/v1. */
	url: string;
	/** http://127.0.0.1:<port>, also the prefix of the control API (/__fake/...). */
	origin: string;
	port: number;
	/** Every request so far (not the control API), oldest first; entries update while answers stream. */
	readonly log: LoggedRequest[];
	/** The current mode. */
	readonly mode: FakeMode;
	/** Log entries matching a filter. */
	requests(filter?: LogFilter): LoggedRequest[];
	/** Resolves with the first entry (existing or future) matching the filter and predicate. */
	waitFor(
		filter: LogFilter,
		predicate?: (entry: LoggedRequest) => boolean,
		timeoutMs?: number
	): Promise<LoggedRequest>;
	/** Queues scripted outcomes (e.g. [429, 429, 200]) for matching requests; returns the script's id. */
	script(steps: ScriptStep[], match?: ScriptMatch): number;
	/** Removes one script, or all. */
	clearScripts(id?: number): void;
	/** Changes mode knobs; returns the whole new mode. */
	setMode(mode: Partial<FakeMode>): FakeMode;
	/** Gives a key an explicit profile (limit, usage, free tier, invalid). */
	setKey(key: string, profile: Partial<KeyProfile>): void;
	/** Moves the fake's clock (video jobs) forward. */
	advanceTime(ms: number): void;
	/** Clears log, scripts, jobs and keys, and restores the start-up mode. */
	reset(): void;
	/** Stops the server, cutting open connections. */
	close(): Promise<void>;
}

const AUTH_FREE = new Set(['/models', '/videos/models']);

function newEntry(
	state: FakeState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	url: URL
): LoggedRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const retry = headers['x-stainless-retry-count'];
	const entry = state.newEntry({
		at: state.now(),
		method: req.method ?? 'GET',
		path,
		query: Object.fromEntries(url.searchParams),
		headers,
		key: bearerOf(headers.authorization),
		origin: headers.origin ?? null,
		retryCount: retry === undefined ? null : Number(retry),
		bodyBytes: 0,
		body: null,
		preflight: null,
		unknownHeaders: unknownHeaders(req.headers),
		status: null,
		outcome: null,
		generationId: null,
		sentImages: [],
		sentEvents: 0,
		contentTimeline: [],
		finished: false,
		disconnected: false,
		durationMs: null
	});
	Object.defineProperty(entry, 'status', {
		enumerable: true,
		configurable: true,
		get: () => (res.headersSent ? res.statusCode : null)
	});
	return entry;
}

async function dispatch(
	state: FakeState,
	req: IncomingMessage,
	res: ServerResponse
): Promise<void> {
	const url = new URL(req.url ?? '/', state.origin);
	if (url.pathname.startsWith('/__fake/')) return handleControl(state, req, res, url);
	const path = url.pathname.startsWith('/api/v1/')
		? url.pathname.slice('/api/v1'.length)
		: url.pathname;
	const entry = newEntry(state, req, res, path, url);
	const started = Date.now();
	const closed = new Promise<void>((resolve) =>
		res.on('close', () => {
			entry.finished = res.writableFinished;
			entry.disconnected = !res.writableFinished && entry.outcome !== 'drop';
			entry.durationMs = Date.now() - started;
			Object.defineProperty(entry, 'status', {
				enumerable: true,
				value: res.headersSent ? res.statusCode : null,
				writable: true
			});
			resolve();
		})
	);
	const ctx: RouteContext = {
		req,
		res,
		url,
		path,
		state,
		entry,
		key: entry.key,
		receivedAt: started,
		closed,
		readBody: async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const body = Buffer.concat(chunks);
			entry.bodyBytes = body.length;
			return body;
		}
	};
	applyCorsHeaders(req, res, state.mode);
	if (req.method === 'OPTIONS') return answerPreflight(req, res, state.mode, entry);
	if (state.mode.corsStrict && entry.origin && entry.unknownHeaders.length > 0) {
		return sendJson(
			res,
			400,
			errorBody(400, `CORS: request header(s) not allowed: ${entry.unknownHeaders.join(', ')}`)
		);
	}
	const fileMatch = /^\/files\/([\w.-]+)$/.exec(url.pathname);
	if (req.method === 'GET' && fileMatch?.[1]) {
		const file = state.files.get(fileMatch[1]);
		if (!file) return sendJson(res, 404, errorBody(404, 'Not Found'));
		res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
		return void res.end(file.bytes);
	}
	if (!AUTH_FREE.has(path) && !/^\/models?\//.test(path)) {
		if (!ctx.key) return sendJson(res, 401, errorBody(401, 'No auth credentials found'));
		if (!state.profileOf(ctx.key)) return sendJson(res, 401, errorBody(401, 'User not found.'));
	} else if (req.headers.authorization !== undefined && (!ctx.key || !state.profileOf(ctx.key))) {
		// Public routes need no key, but a key that is sent is checked like anywhere else
		// ("Bearer no-key" included): a client without a key sends no Authorization at all.
		return sendJson(res, 401, errorBody(401, 'User not found.'));
	}
	await route(ctx, req.method ?? 'GET', path);
}

async function route(ctx: RouteContext, method: string, path: string): Promise<void> {
	const detail =
		/^\/model\/([^/]+\/[^/]+)$/.exec(path) ?? /^\/models\/([^/]+\/[^/]+)\/endpoints$/.exec(path);
	const video = /^\/videos\/([\w-]+)(\/content)?$/.exec(path);
	if (method === 'GET' && path === '/models') return handleModels(ctx);
	if (method === 'GET' && detail?.[1])
		return handleModelDetail(ctx, decodeURIComponent(detail[1]), path.endsWith('/endpoints'));
	if (method === 'GET' && (path === '/key' || path === '/auth/key')) return handleKey(ctx);
	if (method === 'GET' && path === '/credits') return handleCredits(ctx);
	if (method === 'GET' && path === '/generation') return handleGeneration(ctx);
	if (method === 'POST' && path === '/chat/completions') return handleChat(ctx);
	if (method === 'GET' && path === '/videos/models') return handleVideoModels(ctx);
	if (method === 'POST' && path === '/videos') return handleVideoSubmit(ctx);
	if (method === 'GET' && video?.[1] && video[2]) return handleVideoContent(ctx, video[1]);
	if (method === 'GET' && video?.[1]) return handleVideoPoll(ctx, video[1]);
	sendJson(ctx.res, 404, errorBody(404, `Not Found: ${method} ${path}`));
}

/** Starts the fake on loopback (a free port unless `port` is given) and returns its handle. */
export async function startFakeOpenRouter(options: FakeOptions = {}): Promise<FakeOpenRouter> {
	const state = new FakeState(options);
	const server = createServer((req, res) => {
		dispatch(state, req, res).catch((error: unknown) => {
			if (!res.headersSent)
				sendJson(res, 500, errorBody(500, `fake-openrouter crashed: ${String(error)}`));
			else res.destroy();
		});
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	state.origin = `http://${host}:${port}`;
	return {
		url: `${state.origin}/api/v1`,
		origin: state.origin,
		port,
		get log() {
			return state.log;
		},
		get mode() {
			return state.mode;
		},
		requests: (filter) => filterLog(state.log, filter),
		waitFor: (filter, predicate = () => true, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const deadline = Date.now() + timeoutMs;
				const poll = () => {
					const found = filterLog(state.log, filter).find(predicate);
					if (found) return resolve(found);
					if (Date.now() > deadline)
						return reject(
							new Error(
								`fake-openrouter: no request matched ${JSON.stringify(filter)} within ${timeoutMs} ms`
							)
						);
					setTimeout(poll, 10);
				};
				poll();
			}),
		script: (steps, match) => state.script(steps, match),
		clearScripts: (id) => state.clearScripts(id),
		setMode: (mode) => {
			state.mode = { ...state.mode, ...pickMode(mode) };
			return state.mode;
		},
		setKey: (key, profile) => state.setKey(key, profile),
		advanceTime: (ms) => state.advanceTime(ms),
		reset: () => state.reset(),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}
