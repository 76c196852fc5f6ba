import type { LogFilter } from './state';
import type { FakeMode, KeyProfile, LoggedRequest, ScriptMatch, ScriptStep } from './types';

/** Drives a fake started in another process (e.g. Playwright's globalSetup) through its /__fake/ control API. */
export interface FakeOpenRouterRemote {
	/** Base URL for the SDK, ending in /api/v1. */
	url: string;
	origin: string;
	log(filter?: LogFilter): Promise<LoggedRequest[]>;
	script(steps: ScriptStep[], match?: ScriptMatch): Promise<number>;
	clearScripts(id?: number): Promise<void>;
	setMode(mode: Partial<FakeMode>): Promise<FakeMode>;
	setKey(key: string, profile: Partial<KeyProfile>): Promise<void>;
	advanceTime(ms: number): Promise<void>;
	reset(): Promise<void>;
}

/** Connects to a running fake by its origin (http://127.0.0.1:port) or base URL (…/api/v1). */
export function connectFakeOpenRouter(address: string): FakeOpenRouterRemote {
	const origin = address.replace(/\/api\/v1\/?$/, '').replace(/\/$/, '');
	const call = async <T>(action: string, body?: unknown, query = ''): Promise<T> => {
		const response = await fetch(`${origin}/__fake/${action}${query}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		if (!response.ok) throw new Error(`fake-openrouter control ${action}: HTTP ${response.status}`);
		return (await response.json()) as T;
	};
	return {
		url: `${origin}/api/v1`,
		origin,
		log: async (filter = {}) => {
			const query = new URLSearchParams(
				Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string')
			);
			return (await call<{ log: LoggedRequest[] }>('log', undefined, `?${query}`)).log;
		},
		script: async (steps, match = {}) =>
			(await call<{ id: number }>('script', { steps, match })).id,
		clearScripts: async (id) => void (await call('clear-scripts', { id })),
		setMode: async (mode) => (await call<{ mode: FakeMode }>('mode', mode)).mode,
		setKey: async (key, profile) => void (await call('key', { key, profile })),
		advanceTime: async (ms) => void (await call('advance', { ms })),
		reset: async () => void (await call('reset', {}))
	};
}
