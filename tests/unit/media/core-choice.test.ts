import { describe, expect, it } from 'vitest';
import { THREADED_MAX_BYTES, useThreadsFor } from '../../../src/workers/shared/core-choice';

describe('useThreadsFor', () => {
	it('uses threads for a clip under the size limit when the page allows them', () => {
		expect(useThreadsFor(50e6, true)).toBe(true);
	});

	it('uses the single-thread core for a large clip, to stay within the memory bar', () => {
		expect(useThreadsFor(THREADED_MAX_BYTES, true)).toBe(false);
		expect(useThreadsFor(1e9, true)).toBe(false);
	});

	it('never uses threads where the page cannot have them', () => {
		expect(useThreadsFor(1e6, false)).toBe(false);
	});
});
