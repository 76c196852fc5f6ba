/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { filterLog, pickMode, type FakeState } from '../state';
import type { FakeMode, KeyProfile, ScriptMatch, ScriptStep } from '../types';
import { isRecord, sendJson } from '../util';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	const value: unknown = text ? JSON.parse(text) : {};
	return isRecord(value) ? value : {};
}

/** The control API under /__fake/ that tests in other processes (Playwright workers) use; see README. */
export async function handleControl(
	state: FakeState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL
): Promise<void> {
	res.setHeader('access-control-allow-origin', '*');
	if (req.method === 'OPTIONS') {
		res.writeHead(204, {
			'access-control-allow-headers': 'content-type',
			'access-control-allow-methods': 'GET, POST'
		});
		return void res.end();
	}
	const action = url.pathname.slice('/__fake/'.length);
	const body = req.method === 'POST' ? await readJson(req) : {};
	switch (action) {
		case 'log': {
			const filter = Object.fromEntries(url.searchParams);
			return sendJson(res, 200, { log: filterLog(state.log, filter) });
		}
		case 'mode':
			if (req.method === 'POST')
				state.mode = { ...state.mode, ...pickMode(body as Partial<FakeMode>) };
			return sendJson(res, 200, { mode: state.mode });
		case 'script': {
			const steps = Array.isArray(body.steps) ? (body.steps as ScriptStep[]) : [];
			const match = isRecord(body.match) ? (body.match as ScriptMatch) : {};
			return sendJson(res, 200, { id: state.script(steps, match) });
		}
		case 'clear-scripts':
			state.clearScripts(typeof body.id === 'number' ? body.id : undefined);
			return sendJson(res, 200, { ok: true });
		case 'key':
			if (typeof body.key !== 'string') return sendJson(res, 400, { error: 'key is required' });
			state.setKey(body.key, isRecord(body.profile) ? (body.profile as Partial<KeyProfile>) : {});
			return sendJson(res, 200, { ok: true });
		case 'advance':
			state.advanceTime(typeof body.ms === 'number' ? body.ms : 0);
			return sendJson(res, 200, { now: state.now() });
		case 'reset':
			state.reset();
			return sendJson(res, 200, { ok: true });
		default:
			return sendJson(res, 404, { error: `unknown control action ${action}` });
	}
}
