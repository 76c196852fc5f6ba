import { describe, expect, it, vi } from 'vitest';
import { startWorker, WorkerCrash } from '$lib/worker-host/start';
import { WORKER_READY } from '../../../src/workers/shared/serve-worker';

/** Enough of a `Worker` for the page side: events in, messages out, termination seen. */
class FakeWorker extends EventTarget {
	terminated = false;
	posted: unknown[] = [];
	postMessage(message: unknown) {
		this.posted.push(message);
	}
	terminate() {
		this.terminated = true;
	}
	/** The worker told the page it started (what `serveWorker` posts). */
	ready() {
		this.dispatchEvent(new MessageEvent('message', { data: { type: WORKER_READY } }));
	}
	/** The browser's 'error' event on the Worker: a script that failed to load, or a crash. */
	fail(message?: string): Event {
		const event = Object.assign(new Event('error', { cancelable: true }), { message });
		this.dispatchEvent(event);
		return event;
	}
}

function start(fake: FakeWorker) {
	return startWorker<{ work(): Promise<void> }>(fake as unknown as Worker, 'upscale');
}

describe('startWorker', () => {
	it('reports a worker that failed before it was ready as one that could not start', () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const fake = new FakeWorker();
		const handle = start(fake);
		const deaths: Error[] = [];
		handle.onDeath((error) => deaths.push(error));
		const event = fake.fail();
		expect(deaths).toHaveLength(1);
		expect(deaths[0]).toBeInstanceOf(WorkerCrash);
		expect(deaths[0]!.message).toBe('The upscale worker could not start: no reason was given');
		expect(event.defaultPrevented).toBe(true);
	});

	it('reports a worker that failed after it was ready as one that stopped, with the reason', () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const fake = new FakeWorker();
		const handle = start(fake);
		const deaths: Error[] = [];
		handle.onDeath((error) => deaths.push(error));
		fake.ready();
		fake.fail('Out of memory');
		expect((deaths[0] as WorkerCrash).started).toBe(true);
		expect(deaths[0]!.message).toBe('The upscale worker stopped: Out of memory');
	});

	it('tells a listener registered after the crash, and only once per listener', () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const fake = new FakeWorker();
		const handle = start(fake);
		fake.fail('boom');
		fake.fail('again');
		const late = vi.fn();
		handle.onDeath(late);
		expect(late).toHaveBeenCalledTimes(1);
		expect(late.mock.calls[0]![0].message).toBe('The upscale worker could not start: boom');
	});

	it('ends the worker on terminate and sends calls to it through comlink', () => {
		const fake = new FakeWorker();
		const handle = start(fake);
		void handle.api.work();
		expect(fake.posted).toHaveLength(1);
		expect(fake.posted[0]).toMatchObject({ type: 'APPLY', path: ['work'] });
		handle.terminate();
		expect(fake.terminated).toBe(true);
	});
});
