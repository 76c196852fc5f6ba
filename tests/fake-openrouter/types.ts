/** What a request can be forced to do, by a script step, a `[[fake:<outcome>]]` prompt tag or `mode.outcome`. */
export type Outcome =
	| 'ok'
	| 'error-400'
	| 'error-400-model-not-found'
	| 'error-400-provider'
	| 'error-401'
	| 'error-402'
	| 'error-402-max-tokens'
	| 'error-403-moderation'
	| 'error-404-constraint'
	| 'error-404-no-endpoints'
	| 'error-408'
	| 'error-413'
	| 'error-429'
	| 'error-429-provider'
	| 'error-429-capacity'
	| 'error-500'
	| 'error-502'
	| 'error-503'
	| 'midstream-502'
	| 'midstream-502-no-done'
	| 'midstream-string-code'
	| 'midstream-429'
	| 'drop'
	| 'choice-error'
	| 'body-error'
	| 'ignore-schema'
	| 'prose-json'
	| 'truncate'
	| 'empty'
	| 'image-url'
	| 'image-refusal'
	| 'image-empty'
	| 'image-broken'
	| 'stall'
	| 'stall-keepalive'
	| 'hang'
	| 'video-failed'
	| 'video-expired';

/** One scripted response: an outcome, an HTTP status shorthand (429 → 'error-429', 200 → 'ok'), or details. */
export type ScriptStep =
	| Outcome
	| number
	| {
			outcome: Outcome | number;
			/** Retry-After seconds for 429/503 (fractions allowed, so tests stay fast). */
			retryAfterS?: number;
			/** Extra wait before anything is sent. */
			delayMs?: number;
			/** Number of shots the director writes for this one response. */
			shotCount?: number;
	  };

/** Which requests a script applies to; every given field must match. */
export interface ScriptMatch {
	/** Path below /api/v1, e.g. '/chat/completions' (the default) or '/videos'. '*' matches any path. */
	path?: string;
	model?: string;
	/** The bearer key, so parallel tests (or a key pool) can be scripted separately. */
	key?: string;
	/** Start over when the steps run out, e.g. a 429 storm on one key until `clearScripts()`. */
	repeat?: boolean;
}

/** Knobs that can change while the server runs (`setMode`), all with defaults. */
export interface FakeMode {
	/** Reject preflights that ask for a header outside the allow-list (proves the app sends no extras). */
	corsStrict: boolean;
	/** Send Access-Control-Expose-Headers; false makes Retry-After and X-Generation-Id unreadable in a browser. */
	exposeHeaders: boolean;
	/** Origins that get Access-Control-Allow-Origin; '*' echoes any origin. */
	allowedOrigins: string[] | '*';
	/** Outcome of every chat/video request that is not scripted or tagged. */
	outcome: Outcome;
	/** Wait before the first byte of a chat answer (keep-alive comments flow meanwhile when streaming). */
	latencyMs: number;
	/** Wait between streamed content deltas (a fixed token rate). */
	tokenDelayMs: number;
	/** Characters per streamed content delta; roughly one token. */
	charsPerChunk: number;
	/** Period of `: OPENROUTER PROCESSING` comments while the fake is "thinking". */
	keepAliveMs: number;
	/** Also send a keep-alive comment after every N data events (0 = never). */
	keepAliveEveryChunks: number;
	/** Use \r\n line endings in SSE. */
	crlf: boolean;
	/** Cut every SSE event into two socket writes, the cut falling anywhere (mid-token, mid-JSON). */
	splitWrites: boolean;
	/** Time an image model takes before answering. */
	imageDelayMs: number;
	/** Scale of output PNGs relative to the real size (1 = e.g. 1344×768 for 16:9 at 1K). */
	imageScale: number;
	/** Largest decoded input image, in bytes; bigger gives 413. */
	maxImageBytes: number;
	/** Largest request body, in bytes; bigger gives 413. */
	maxBodyBytes: number;
	/** Largest `POST /videos` body, in bytes; bigger gives 413. */
	maxVideoBodyBytes: number;
	/** Force the number of shots the director writes (to test "wrong number of shots"); null = as asked. */
	shotCount: number | null;
	/** Force the number of beats of every shot the director writes; null = the plan (`fakeBeatCount`). */
	beatsPerShot: number | null;
	/** Whether the director proposes a cast and names it in its shots and beats (false: empty casts). */
	directorCast: boolean;
	/** Default Retry-After for 429/503 outcomes, in seconds. */
	retryAfterS: number;
	/** Time a video job stays 'pending'. */
	videoPendingMs: number;
	/** Time a video job stays 'in_progress' before it ends. */
	videoRunMs: number;
	/** Time after completion when a finished video expires (content gone). */
	videoExpireMs: number;
}

/** How /key answers for a key, and whether chat has credit for it. */
export interface KeyProfile {
	label?: string;
	limit: number | null;
	limitRemaining: number | null;
	limitReset: string | null;
	usage: number;
	isFreeTier: boolean;
	/** The key is revoked: every authenticated call is 401. */
	invalid?: boolean;
}

/** Options of `startFakeOpenRouter`: every mode knob plus server-only settings. */
export interface FakeOptions extends Partial<FakeMode> {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	/** Keys with explicit profiles; other keys follow the prefix rules in the README. */
	keys?: Record<string, Partial<KeyProfile>>;
	/** Accept any non-empty bearer (for "any OpenAI-compatible endpoint" tests); default only sk-or-v1-*. */
	acceptAnyKey?: boolean;
	/** Clock in ms; defaults to Date.now. `advanceTime` adds to it. */
	now?: () => number;
	/** Seed for everything random (ids, write cuts); same seed, same bytes. */
	seed?: number;
}

/** An image part seen in a request, without its bytes. */
export interface LoggedImage {
	messageIndex: number;
	partIndex: number;
	role: string;
	kind: 'data' | 'url';
	mime: string | null;
	/** Decoded size of a data URL (0 for a remote URL). */
	bytes: number;
	/** First 16 hex chars of the SHA-256 of the decoded bytes, to compare with what the test sent. */
	sha256: string | null;
	/** Remote URL, only for kind 'url'. */
	url?: string;
	detail?: string;
	/** PNG/JPEG pixel size when it could be read. */
	width?: number;
	height?: number;
	/** Video frame role, for POST /videos frame_images. */
	frameType?: string;
	/** Why the part was refused, if it was. */
	problem?: 'invalid_image' | 'unsupported_image_format' | 'image_too_large';
}

/** The interesting parts of a chat or video request body. */
export interface RequestSummary {
	model: string | null;
	stream: boolean;
	maxTokens: number | null;
	modalities: string[] | null;
	imageConfig: Record<string, unknown> | null;
	responseFormat: { type: string; name?: string; strict?: boolean; schema?: unknown } | null;
	requireParameters: boolean;
	reasoning: unknown;
	includeReasoning: boolean | null;
	messageCount: number;
	roles: string[];
	/** All text parts joined with newlines (the prompt the fake "reads"). */
	text: string;
	imageCount: number;
	images: LoggedImage[];
	/** The image parts of an image-generation request (style and continuity references). */
	referenceImages: LoggedImage[];
	/** The request body with data URLs replaced by a short description. */
	redacted: unknown;
}

/** One request as the fake saw and answered it; entries are updated while the answer streams. */
export interface LoggedRequest {
	id: number;
	at: number;
	method: string;
	/** Path below /api/v1 (e.g. '/chat/completions'), or the full path for other routes. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased request headers. */
	headers: Record<string, string>;
	key: string | null;
	origin: string | null;
	/** x-stainless-retry-count, i.e. which retry of the SDK this is (0 = first try). */
	retryCount: number | null;
	bodyBytes: number;
	body: RequestSummary | null;
	/** For OPTIONS: what the browser asked to send and what was refused. */
	preflight: {
		method: string | null;
		requestedHeaders: string[];
		rejectedHeaders: string[];
	} | null;
	/** Request headers the allow-list does not know (browser-set headers excluded). */
	unknownHeaders: string[];
	status: number | null;
	outcome: string | null;
	generationId: string | null;
	/** Short SHA-256 of each picture the answer carries (data URL or served file). */
	sentImages: string[];
	/** SSE data events written (including [DONE]). */
	sentEvents: number;
	/** When each streamed content piece was written (wall clock) and the content length sent by then. */
	contentTimeline: { at: number; length: number; piece: string }[];
	finished: boolean;
	/** The client went away before the answer was complete (abort, timeout). */
	disconnected: boolean;
	durationMs: number | null;
}
