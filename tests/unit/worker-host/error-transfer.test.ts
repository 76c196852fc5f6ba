import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import {
	installErrorTransfer,
	reviveError,
	serializeError
} from '../../../src/workers/shared/error-transfer';
import { MediaError, reviveMediaError } from '../../../src/workers/shared/media-error';

class KindError extends Error {
	override name = 'KindError';
	constructor(readonly kind: string) {
		super(`failed: ${kind}`);
	}
}

describe('serializeError', () => {
	it('keeps the name, message, stack and a string kind', () => {
		const data = serializeError(new KindError('out-of-memory'));
		expect(data).toMatchObject({
			name: 'KindError',
			message: 'failed: out-of-memory',
			kind: 'out-of-memory'
		});
		expect(data.stack).toContain('KindError');
	});

	it('leaves out a kind that is not a string', () => {
		const error = Object.assign(new Error('x'), { kind: 3 });
		expect(serializeError(error).kind).toBeUndefined();
	});
});

describe('reviveError', () => {
	it('gives an Error with the same name, message and kind when no class is registered', () => {
		const error = reviveError({ name: 'Unregistered', message: 'gone', kind: 'engine' });
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('Unregistered');
		expect(error.message).toBe('gone');
		expect((error as Error & { kind?: string }).kind).toBe('engine');
	});
});

/** A worker's API served over a MessageChannel, as comlink serves it in a real worker. */
function serve<Api extends object>(api: Api) {
	const { port1, port2 } = new MessageChannel();
	expose(api, port1);
	ports.push(port1, port2);
	return wrap<Api>(port2);
}

const ports: MessagePort[] = [];
afterEach(() => {
	for (const port of ports.splice(0)) port.close();
});

describe('installErrorTransfer', () => {
	installErrorTransfer({ MediaError: reviveMediaError });

	it('brings a MediaError back as a MediaError with its kind and message', async () => {
		const remote = serve({
			probe: async (): Promise<void> => {
				throw new MediaError('codec');
			}
		});
		const error = await remote.probe().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MediaError);
		expect((error as MediaError).kind).toBe('codec');
		expect((error as MediaError).message).toMatch(/format \(codec\)/);
	});

	it('brings any other error back with its name, message and kind', async () => {
		const remote = serve({
			run: async (): Promise<void> => {
				throw new KindError('out-of-memory');
			}
		});
		const error = (await remote.run().catch((e: unknown) => e)) as Error & { kind?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('KindError');
		expect(error.message).toBe('failed: out-of-memory');
		expect(error.kind).toBe('out-of-memory');
	});

	it('passes a thrown value that is not an Error through as it is', async () => {
		const remote = serve({
			run: async (): Promise<void> => {
				throw { reason: 'plain' };
			}
		});
		await expect(remote.run()).rejects.toEqual({ reason: 'plain' });
	});
});
