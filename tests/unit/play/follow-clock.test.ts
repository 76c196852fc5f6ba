import { describe, expect, it } from 'vitest';
import { followClock, type FollowingMedia } from '../../../src/routes/p/[id]/follow-clock';

/** A media element's state, with what the player did to it. */
function media(currentTime: number, duration: number, paused: boolean) {
	const calls: string[] = [];
	const element = {
		currentTime,
		duration,
		paused,
		calls,
		play: async () => {
			calls.push('play');
			element.paused = false;
		},
		pause: () => {
			calls.push('pause');
			element.paused = true;
		}
	};
	return element satisfies FollowingMedia;
}

describe('followClock', () => {
	it('starts a paused element on the player’s moment when the player plays', () => {
		const clip = media(0, 4, true);
		followClock(clip, 1.5, true);
		expect(clip.currentTime).toBe(1.5);
		expect(clip.calls).toEqual(['play']);
	});

	it('leaves a playing element that drifts a little alone, and moves one that drifts more', () => {
		const clip = media(1.1, 4, false);
		followClock(clip, 1.2, true);
		expect(clip.currentTime).toBe(1.1);
		followClock(clip, 1.5, true);
		expect(clip.currentTime).toBe(1.5);
		expect(clip.calls).toEqual([]);
	});

	it('pauses with the player on the exact moment', () => {
		const clip = media(1.1, 4, false);
		followClock(clip, 1.2, false);
		expect(clip.currentTime).toBe(1.2);
		expect(clip.calls).toEqual(['pause']);
	});

	it('rests on the last frame past the end of a shorter clip', () => {
		const clip = media(3.9, 4, false);
		followClock(clip, 5, true);
		expect(clip.currentTime).toBe(4);
		expect(clip.calls).toEqual(['pause']);
	});

	it('plays an element whose length is not known yet', () => {
		const clip = media(0, NaN, true);
		followClock(clip, 0.5, true);
		expect(clip.currentTime).toBe(0.5);
		expect(clip.calls).toEqual(['play']);
	});
});
