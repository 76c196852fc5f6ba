import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planAnimatic } from '$lib/export/animatic-plan';
import { storyboardOf } from '$lib/export/storyboard';
import type { ProjectState } from '$lib/state/project.svelte';
import { asset, graph, shot, style, take } from '../export/fixtures';

// Shots of 2 s, 1 s (dissolving in) and 3 s; shot 1 has a chosen image.
const board = storyboardOf(
	graph({
		shots: [
			shot('a', 0, { durationS: 2 }),
			shot('b', 1, {
				durationS: 1,
				transition: 'dissolve',
				dialogue: [
					{ speaker: 'Ana', line: 'Run!' },
					{ speaker: '', line: ' ' }
				]
			}),
			shot('c', 2, { durationS: 3 })
		],
		styles: [style('s1', 'Ink', 0)],
		takes: [take('t1', 'a', 's1')],
		assets: [asset('a-t1', 10)]
	})
);

vi.mock('$lib/play/client', async (original) => ({
	...(await original<typeof import('$lib/play/client')>()),
	loadPlayback: async () => ({
		plan: planAnimatic(board, { sourceAudio: false }),
		styles: [],
		hasSourceAudio: false,
		ratio: 16 / 9
	})
}));
const { PlayerSession } = await import('$lib/play/session.svelte');

beforeEach(() => {
	// Node has no animation frames: stand-ins that the fake clock then replaces.
	vi.stubGlobal('requestAnimationFrame', () => 0);
	vi.stubGlobal('cancelAnimationFrame', () => undefined);
	vi.useFakeTimers({ toFake: ['performance', 'requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

async function opened() {
	const project = { id: 'p', flush: async () => undefined } as unknown as ProjectState;
	const session = new PlayerSession(project);
	await session.open();
	return session;
}

describe('PlayerSession', () => {
	it('plays from the start when opened, following the clock from shot to shot', async () => {
		const session = await opened();
		expect(session.playing).toBe(true);
		expect(session.durationS).toBe(6);
		expect(session.beats.map((s) => s.url === undefined)).toEqual([false, true, true]);
		vi.advanceTimersByTime(1000);
		expect(session.elapsedS).toBeCloseTo(1, 1);
		expect(session.index).toBe(0);
		vi.advanceTimersByTime(1500);
		expect(session.index).toBe(1);
		vi.advanceTimersByTime(1000);
		expect(session.index).toBe(2);
	});

	it('stops the time while paused, and stops at the end', async () => {
		const session = await opened();
		vi.advanceTimersByTime(500);
		session.pause();
		const paused = session.elapsedS;
		vi.advanceTimersByTime(3000);
		expect(session.elapsedS).toBe(paused);
		session.play();
		vi.advanceTimersByTime(10_000);
		expect(session.elapsedS).toBe(6);
		expect(session.playing).toBe(false);
		// Play at the end starts again.
		session.play();
		expect(session.elapsedS).toBe(0);
	});

	it('steps by shots and seeks inside the animatic', async () => {
		const session = await opened();
		session.pause();
		session.next();
		expect([session.index, session.elapsedS]).toEqual([1, 2]);
		session.next();
		session.next();
		expect([session.index, session.elapsedS]).toEqual([2, 3]);
		session.previous();
		expect(session.index).toBe(1);
		session.seek(-4);
		expect(session.elapsedS).toBe(0);
		session.seek(99);
		expect(session.elapsedS).toBe(6);
	});

	it('captions a shot with its lines of dialogue, and none for a shot without', async () => {
		const session = await opened();
		session.pause();
		expect(session.spokenLines).toEqual([]);
		session.next();
		expect(session.spokenLines).toEqual(['ANA: Run!']);
	});

	it('lets go of its pictures when closed', async () => {
		const revoke = vi.spyOn(URL, 'revokeObjectURL');
		const session = await opened();
		const url = session.beats[0]!.url;
		session.close();
		expect(revoke).toHaveBeenCalledWith(url);
		expect(session.beats).toEqual([]);
		expect(session.playing).toBe(false);
	});
});
