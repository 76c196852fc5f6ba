/// <reference types="node" />
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A small seeded PRNG (mulberry32), so runs with the same seed send the same bytes. */
export function createRng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a hash of a string: a stable number for picking colours and words from a prompt. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** First 16 hex chars of a SHA-256, enough to tell images apart in the log. */
export function shortSha256(data: Uint8Array): string {
	return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

/** Resolves after `ms`, or early when `stop` resolves (the client went away). */
export function sleep(ms: number, stop?: Promise<unknown>): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		stop?.then(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Writes a JSON answer with the given status and extra headers. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text))
	});
	res.end(text);
}

/** Picks an item of a non-empty list by a number (e.g. a hash). */
export function pick<T>(items: readonly T[], n: number): T {
	const item = items[Math.abs(Math.floor(n)) % items.length];
	if (item === undefined) throw new Error('pick from an empty list');
	return item;
}

/** True for a plain JSON object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
