import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	ffmpegThreads,
	threadPoolSize,
	withThreadCaps,
	withThreadPool
} from '../../../src/workers/shared/core-thread-pool';

const require = createRequire(import.meta.url);

describe('ffmpegThreads', () => {
	it('uses every core up to four, and at least one', () => {
		expect(ffmpegThreads(2)).toBe(2);
		expect(ffmpegThreads(16)).toBe(4);
		expect(ffmpegThreads(0)).toBe(1);
		expect(ffmpegThreads(Number.NaN)).toBe(1);
	});
});

describe('threadPoolSize', () => {
	it('leaves room for decoder, filter and encoder threads and never exceeds the shipped 32', () => {
		expect(threadPoolSize(2)).toBe(10);
		expect(threadPoolSize(4)).toBe(16);
		expect(threadPoolSize(100)).toBe(32);
	});
});

describe('withThreadPool', () => {
	it('changes the pool of the multi-thread core we ship', () => {
		const source = readFileSync(require.resolve('@ffmpeg/core-mt'), 'utf8');
		const patched = withThreadPool(source, 10);
		expect(patched).toContain('var pthreadPoolSize=10;');
		expect(patched).not.toContain('var pthreadPoolSize=32;');
		expect(patched!.length).toBe(source.length);
	});

	it('gives up on a script it does not know', () => {
		expect(withThreadPool('var pthreadPoolSize=8;', 4)).toBeUndefined();
	});
});

describe('withThreadCaps', () => {
	it('caps filter threads and puts a thread count before each input', () => {
		expect(withThreadCaps(['-ss', '1', '-i', 'a.mp4', '-i', 'b.mp4', 'out.raw'], 2)).toEqual([
			'-filter_threads',
			'2',
			'-ss',
			'1',
			'-threads',
			'2',
			'-i',
			'a.mp4',
			'-threads',
			'2',
			'-i',
			'b.mp4',
			'out.raw'
		]);
	});

	it('caps a complex filter graph too', () => {
		const args = withThreadCaps(['-i', 'a', '-filter_complex', '[0:v]null', 'o'], 3);
		expect(args.slice(0, 4)).toEqual(['-filter_threads', '3', '-filter_complex_threads', '3']);
	});

	it('leaves counts the caller set alone', () => {
		const args = ['-filter_threads', '1', '-threads', '1', '-i', 'a.mp4', 'o'];
		expect(withThreadCaps(args, 4)).toEqual(args);
	});
});
