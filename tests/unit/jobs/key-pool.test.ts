import { describe, expect, it } from 'vitest';
import { KeyPool } from '$lib/jobs/key-pool';

describe('KeyPool', () => {
	it('keeps using the first key until it is rested, then moves to the next', () => {
		const pool = new KeyPool(['a', 'b', 'c'], { restMs: 1_000 });
		expect([pool.acquire(0), pool.acquire(0)]).toEqual(['a', 'a']);
		pool.rest('a', undefined, 0);
		expect(pool.acquire(10)).toBe('b');
		pool.rest('b', 5_000, 10);
		expect(pool.acquire(20)).toBe('c');
	});

	it('brings a rested key back once its rest is over and the current one rests', () => {
		const pool = new KeyPool(['a', 'b'], { restMs: 1_000 });
		pool.rest('a', undefined, 0);
		expect(pool.acquire(0)).toBe('b');
		pool.rest('b', 10_000, 500);
		expect(pool.acquire(999)).toBeUndefined();
		expect(pool.acquire(1_000)).toBe('a');
	});

	it('says when the first key wakes while all are resting', () => {
		const pool = new KeyPool(['a', 'b'], { restMs: 1_000 });
		expect(pool.nextWakeAt(0)).toBeUndefined();
		pool.rest('a', 3_000, 0);
		pool.rest('b', 2_000, 0);
		expect(pool.nextWakeAt(100)).toBe(2_000);
	});

	it('lets a longer rest win over a shorter one', () => {
		const pool = new KeyPool(['a']);
		pool.rest('a', 10_000, 0);
		pool.rest('a', 1_000, 0);
		expect(pool.isResting('a', 5_000)).toBe(true);
	});

	it('ignores blank and repeated keys', () => {
		expect(new KeyPool([' a ', 'a', '', 'b']).size).toBe(2);
		expect(new KeyPool([]).acquire(0)).toBeUndefined();
	});
});
