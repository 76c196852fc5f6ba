import { describe, expect, it } from 'vitest';
import { formatClock } from '$lib/util/time';

describe('formatClock', () => {
	it('shows minutes, seconds and tenths, cut down rather than rounded up', () => {
		expect(formatClock(0)).toBe('0:00.0');
		expect(formatClock(7.46)).toBe('0:07.4');
		expect(formatClock(4.2)).toBe('0:04.2');
		expect(formatClock(59.99)).toBe('0:59.9');
		expect(formatClock(723)).toBe('12:03.0');
		expect(formatClock(-1)).toBe('0:00.0');
	});
});
