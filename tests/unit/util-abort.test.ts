import { describe, expect, it, vi } from 'vitest';
import { abortable, assertSignal, isAbortError } from '$lib/util/abort';

describe('assertSignal', () => {
	it('does nothing without a signal or before it fires', () => {
		expect(() => assertSignal(undefined)).not.toThrow();
		expect(() => assertSignal(new AbortController().signal)).not.toThrow();
	});

	it('throws an AbortError once the signal has fired', () => {
		const controller = new AbortController();
		controller.abort();
		let caught: unknown;
		try {
			assertSignal(controller.signal);
		} catch (error) {
			caught = error;
		}
		expect(isAbortError(caught)).toBe(true);
	});
});

describe('isAbortError', () => {
	it('tells cancellation apart from failure', () => {
		expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
		expect(isAbortError(new DOMException('x', 'TimeoutError'))).toBe(true);
		expect(isAbortError(new Error('boom'))).toBe(false);
		expect(isAbortError('AbortError')).toBe(false);
		expect(isAbortError(null)).toBe(false);
	});
});

describe('abortable', () => {
	it('resolves with the work when nothing aborts', async () => {
		await expect(abortable(new AbortController().signal, Promise.resolve(7))).resolves.toBe(7);
	});

	it('passes the work failure through', async () => {
		const work = Promise.reject(new Error('broken'));
		await expect(abortable(new AbortController().signal, work)).rejects.toThrow('broken');
	});

	it('rejects with an AbortError and calls onAbort once when the signal fires mid-way', async () => {
		const controller = new AbortController();
		const onAbort = vi.fn();
		const pending = abortable(controller.signal, new Promise<number>(() => {}), onAbort);
		controller.abort();
		const error = await pending.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(onAbort).toHaveBeenCalledTimes(1);
	});

	it('rejects at once when the signal fired before the call', async () => {
		const controller = new AbortController();
		controller.abort();
		const onAbort = vi.fn();
		const error = await abortable(controller.signal, Promise.resolve(1), onAbort).catch(
			(e: unknown) => e
		);
		expect(isAbortError(error)).toBe(true);
		expect(onAbort).toHaveBeenCalledTimes(1);
	});
});
