/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { outcomeFromStatus } from './errors';
import { resolveKeyProfile } from './keys';
import type {
	FakeMode,
	FakeOptions,
	KeyProfile,
	LoggedRequest,
	Outcome,
	ScriptMatch,
	ScriptStep
} from './types';
import { createRng } from './util';

/** Defaults of every mode knob: fast, permissive CORS, real image sizes. */
export const DEFAULT_MODE: FakeMode = {
	corsStrict: false,
	exposeHeaders: true,
	allowedOrigins: '*',
	outcome: 'ok',
	latencyMs: 0,
	tokenDelayMs: 0,
	charsPerChunk: 4,
	keepAliveMs: 1000,
	keepAliveEveryChunks: 8,
	crlf: false,
	splitWrites: true,
	imageDelayMs: 0,
	imageScale: 1,
	maxImageBytes: 5 * 1024 * 1024,
	maxBodyBytes: 30 * 1024 * 1024,
	maxVideoBodyBytes: 50 * 1024 * 1024,
	shotCount: null,
	beatsPerShot: null,
	directorCast: true,
	retryAfterS: 1,
	videoPendingMs: 1000,
	videoRunMs: 2000,
	videoExpireMs: 60 * 60 * 1000
};

/** A script step with its shorthand expanded. */
export interface ResolvedStep {
	outcome: Outcome;
	retryAfterS?: number;
	delayMs?: number;
	shotCount?: number;
}

interface Script {
	id: number;
	match: ScriptMatch;
	steps: ResolvedStep[];
	next: number;
}

/** Stats kept per completion for GET /generation. */
export interface GenerationRecord {
	id: string;
	model: string;
	provider: string;
	createdAt: number;
	streamed: boolean;
	cancelled: boolean;
	finishReason: string | null;
	promptTokens: number;
	completionTokens: number;
	reasoningTokens: number;
	mediaPrompt: number;
	mediaCompletion: number;
	cost: number;
	latencyMs: number;
	generationMs: number;
	origin: string;
}

/** A video job: its timing is derived from the clock at each poll. */
export interface VideoJob {
	id: string;
	model: string;
	key: string;
	submittedAt: number;
	durationS: number;
	outcome: Outcome;
	cost: number;
}

/** Everything one request handler needs. */
export interface RouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	/** Path below /api/v1. */
	path: string;
	state: FakeState;
	entry: LoggedRequest;
	key: string | null;
	/** When the request arrived (Date.now()). */
	receivedAt: number;
	/** Resolves when the connection closes (normally or not). */
	closed: Promise<void>;
	readBody(): Promise<Buffer>;
}

/** Expands a script step shorthand (status number or outcome name). */
export function resolveStep(step: ScriptStep): ResolvedStep {
	if (typeof step === 'number') return { outcome: outcomeFromStatus(step) };
	if (typeof step === 'string') return { outcome: step };
	const outcome = typeof step.outcome === 'number' ? outcomeFromStatus(step.outcome) : step.outcome;
	return { ...step, outcome };
}

/** The fake's mutable state: mode, log, scripts, keys, generations, video jobs and served files. */
export class FakeState {
	mode: FakeMode;
	readonly log: LoggedRequest[] = [];
	readonly keys = new Map<string, KeyProfile>();
	readonly generations = new Map<string, GenerationRecord>();
	readonly videos = new Map<string, VideoJob>();
	readonly files = new Map<string, { type: string; bytes: Buffer }>();
	readonly rng: () => number;
	readonly acceptAnyKey: boolean;
	origin = '';
	#scripts: Script[] = [];
	#nextScriptId = 1;
	#nextLogId = 1;
	#clockOffset = 0;
	#now: () => number;
	#options: FakeOptions;

	constructor(options: FakeOptions) {
		this.#options = options;
		this.mode = { ...DEFAULT_MODE, ...pickMode(options) };
		this.rng = createRng(options.seed ?? 1234);
		this.acceptAnyKey = options.acceptAnyKey ?? false;
		this.#now = options.now ?? Date.now;
		this.#loadKeys();
	}

	#loadKeys(): void {
		this.keys.clear();
		for (const [key, profile] of Object.entries(this.#options.keys ?? {}))
			this.setKey(key, profile);
	}

	/** The fake's clock in ms (options.now plus advanceTime). */
	now(): number {
		return this.#now() + this.#clockOffset;
	}

	/** Moves the fake's clock forward (video jobs, rate-limit reset times). */
	advanceTime(ms: number): void {
		this.#clockOffset += ms;
	}

	/** Registers or replaces a key profile. */
	setKey(key: string, profile: Partial<KeyProfile>): void {
		const base = resolveKeyProfile(key, new Map(), true) ?? {
			limit: null,
			limitRemaining: null,
			limitReset: null,
			usage: 0,
			isFreeTier: false
		};
		this.keys.set(key, { ...base, ...profile });
	}

	/** The profile of a key, or null if the key is refused. */
	profileOf(key: string | null): KeyProfile | null {
		if (!key) return null;
		const profile = resolveKeyProfile(key, this.keys, this.acceptAnyKey);
		if (profile && !this.keys.has(key)) this.keys.set(key, profile);
		return profile;
	}

	/** Queues scripted outcomes for matching requests; returns an id for clearScripts. */
	script(steps: ScriptStep[], match: ScriptMatch = {}): number {
		const id = this.#nextScriptId++;
		this.#scripts.push({
			id,
			match: { path: '/chat/completions', ...match },
			steps: steps.map(resolveStep),
			next: 0
		});
		return id;
	}

	/** Removes one script, or all of them. */
	clearScripts(id?: number): void {
		this.#scripts = id === undefined ? [] : this.#scripts.filter((s) => s.id !== id);
	}

	/** The next scripted step for a request, consuming it (oldest matching script first). */
	takeStep(path: string, model: string | null, key: string | null): ResolvedStep | null {
		for (const script of this.#scripts) {
			const m = script.match;
			if (m.path !== '*' && m.path !== path) continue;
			if (m.model !== undefined && m.model !== model) continue;
			if (m.key !== undefined && m.key !== key) continue;
			if (script.next >= script.steps.length) {
				if (!m.repeat) continue;
				script.next = 0;
			}
			const step = script.steps[script.next++];
			if (step) return step;
		}
		return null;
	}

	/** A new log entry (kept in `log`). */
	newEntry(fields: Omit<LoggedRequest, 'id'>): LoggedRequest {
		const entry = { id: this.#nextLogId++, ...fields };
		this.log.push(entry);
		return entry;
	}

	/** Random alphanumeric text for ids. */
	randomId(length: number): string {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.rng() * alphabet.length)];
		return out;
	}

	/** Clears the log, scripts, jobs, files and key usage, and restores the start-up mode. */
	reset(): void {
		this.log.length = 0;
		this.#scripts = [];
		this.generations.clear();
		this.videos.clear();
		this.files.clear();
		this.#clockOffset = 0;
		this.mode = { ...DEFAULT_MODE, ...pickMode(this.#options) };
		this.#loadKeys();
	}
}

/** The mode knobs among start-up options. */
export function pickMode(options: Partial<FakeMode>): Partial<FakeMode> {
	const out: Partial<FakeMode> = {};
	for (const key of Object.keys(DEFAULT_MODE) as (keyof FakeMode)[]) {
		if (options[key] !== undefined) Object.assign(out, { [key]: options[key] });
	}
	return out;
}

/** Which log entries to return; every given field must match. */
export interface LogFilter {
	method?: string;
	/** Path below /api/v1, e.g. '/chat/completions'. */
	path?: string;
	model?: string;
	key?: string;
	outcome?: string;
}

/** Keeps only entries matching the filter. */
export function filterLog(log: readonly LoggedRequest[], filter: LogFilter = {}): LoggedRequest[] {
	return log.filter(
		(e) =>
			(filter.method === undefined || e.method === filter.method) &&
			(filter.path === undefined || e.path === filter.path) &&
			(filter.model === undefined || e.body?.model === filter.model) &&
			(filter.key === undefined || e.key === filter.key) &&
			(filter.outcome === undefined || e.outcome === filter.outcome)
	);
}
