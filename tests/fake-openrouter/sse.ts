/// <reference types="node" />
import type { ServerResponse } from 'node:http';
import type { LoggedRequest } from './types';
import { sleep } from './util';

/** Settings of one SSE answer. */
export interface SseOptions {
	crlf: boolean;
	splitWrites: boolean;
	keepAliveMs: number;
	keepAliveEveryChunks: number;
	rng: () => number;
	/** Resolves when the client goes away. */
	closed: Promise<void>;
	entry: LoggedRequest;
}

/** Writes an OpenRouter-style event stream: keep-alive comments, data events cut across socket writes, [DONE]. */
export class SseWriter {
	#res: ServerResponse;
	#options: SseOptions;
	#events = 0;
	#isClosed = false;

	constructor(res: ServerResponse, options: SseOptions) {
		this.#res = res;
		this.#options = options;
		options.closed.then(() => (this.#isClosed = true));
	}

	/** True once the client has gone away. */
	get closed(): boolean {
		return this.#isClosed;
	}

	/** Sends 200 and the stream headers right away, like OpenRouter does before the model answers. */
	start(headers: Record<string, string>): void {
		this.#res.writeHead(200, {
			...headers,
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive'
		});
		this.#res.flushHeaders();
		this.#res.socket?.setNoDelay(true);
	}

	#eol(): string {
		return this.#options.crlf ? '\r\n' : '\n';
	}

	async #write(text: string): Promise<void> {
		if (this.#isClosed) return;
		if (!this.#options.splitWrites || text.length < 2) {
			this.#res.write(text);
			return;
		}
		const cut = 1 + Math.floor(this.#options.rng() * (text.length - 1));
		this.#res.write(text.slice(0, cut));
		await new Promise((resolve) => setImmediate(resolve));
		if (!this.#isClosed) this.#res.write(text.slice(cut));
		await new Promise((resolve) => setImmediate(resolve));
	}

	/** `: OPENROUTER PROCESSING`, the comment that keeps the connection open. */
	async comment(text = 'OPENROUTER PROCESSING'): Promise<void> {
		const eol = this.#eol();
		await this.#write(`: ${text}${eol}${eol}`);
	}

	/** Waits `ms`, sending a keep-alive comment every keepAliveMs meanwhile; ends early if the client leaves. */
	async wait(ms: number): Promise<void> {
		const end = Date.now() + ms;
		const period = this.#options.keepAliveMs > 0 ? this.#options.keepAliveMs : ms;
		while (!this.#isClosed && Date.now() < end) {
			await sleep(Math.min(period, end - Date.now()), this.#options.closed);
			if (!this.#isClosed && Date.now() < end) await this.comment();
		}
	}

	/** One `data:` event (JSON or a literal such as [DONE]). */
	async data(payload: unknown): Promise<void> {
		if (this.#isClosed) return;
		const eol = this.#eol();
		const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
		await this.#write(`data: ${text}${eol}${eol}`);
		this.#events++;
		this.#options.entry.sentEvents = this.#events;
		const every = this.#options.keepAliveEveryChunks;
		if (every > 0 && this.#events % every === 0) await this.comment();
	}

	/** The `data: [DONE]` sentinel. */
	async done(): Promise<void> {
		await this.data('[DONE]');
	}

	/** Ends the response normally. */
	end(): void {
		if (!this.#isClosed) this.#res.end();
	}

	/** Cuts the connection with no terminator, as a crashed upstream would. */
	drop(): void {
		this.#res.socket?.destroy();
	}
}
