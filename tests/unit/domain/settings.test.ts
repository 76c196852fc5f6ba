import { describe, expect, it } from 'vitest';
import {
	defaultAiOptions,
	defaultMediaOptions,
	restoreAiOptions,
	restoreMediaOptions,
	restoreSavedText
} from '$lib/domain/settings';

describe('restoreAiOptions', () => {
	it('gives the defaults for nothing saved, or for something that is not an object', () => {
		for (const raw of [undefined, null, 'options', 42, [], true]) {
			expect(restoreAiOptions(raw)).toEqual(defaultAiOptions);
		}
		expect(defaultAiOptions).toEqual({
			baseUrl: 'https://openrouter.ai/api/v1',
			contextModel: 'google/gemini-2.5-flash',
			directorModel: 'google/gemini-2.5-flash',
			imageModel: 'google/gemini-2.5-flash-image',
			videoModel: '',
			concurrency: 4,
			requestsPerMinute: 20,
			timeoutS: 120
		});
	});

	it('reads options saved by an older Maestro (no video model yet) with the new field filled', () => {
		const older = {
			baseUrl: 'http://localhost:8080/v1/',
			contextModel: 'openai/gpt-4o',
			directorModel: ' anthropic/claude ',
			imageModel: 'google/gemini-2.5-flash-image',
			concurrency: 2,
			requestsPerMinute: 30,
			timeoutS: 60
		};
		expect(restoreAiOptions(older)).toEqual({
			...older,
			baseUrl: 'http://localhost:8080/v1',
			directorModel: 'anthropic/claude',
			videoModel: ''
		});
	});

	it('repairs each broken field on its own and leaves unknown fields out', () => {
		expect(
			restoreAiOptions({
				baseUrl: 'ftp://nope',
				contextModel: '   ',
				directorModel: 7,
				videoModel: { id: 'x' },
				concurrency: '99',
				requestsPerMinute: Number.POSITIVE_INFINITY,
				timeoutS: 12.6,
				apiKey: 'must not be here'
			})
		).toEqual({ ...defaultAiOptions, concurrency: 16, timeoutS: 13 });
	});
});

describe('restoreMediaOptions', () => {
	it('gives the design’s defaults for nothing saved', () => {
		expect(restoreMediaOptions(undefined)).toEqual(defaultMediaOptions);
		expect(defaultMediaOptions).toMatchObject({ secondsPerFrame: 2, maxFrames: 24 });
	});

	it('reads options saved before cut sensitivity and the drop-clip choice existed', () => {
		const older = { secondsPerFrame: 4, minFrames: 2, maxFrames: 12, longestSide: 768 };
		expect(restoreMediaOptions(older)).toEqual({
			...defaultMediaOptions,
			...older
		});
	});
});

describe('restoreSavedText', () => {
	it('keeps a saved key and reads anything else as none', () => {
		expect(restoreSavedText('sk-or-1')).toBe('sk-or-1');
		for (const raw of [undefined, null, 5, { key: 'x' }]) expect(restoreSavedText(raw)).toBe('');
	});
});
