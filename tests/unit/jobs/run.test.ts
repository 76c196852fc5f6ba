import { describe, expect, it } from 'vitest';
import type { JobItem } from '$lib/domain/types';
import {
	countRun,
	failureGroups,
	fixedInSettings,
	latestRun,
	placeList,
	type ItemPlace
} from '$lib/jobs/run';

const item = (key: string, status: JobItem['status'], extra: Partial<JobItem> = {}): JobItem => ({
	key,
	status,
	attempts: 1,
	...extra
});

describe('latestRun', () => {
	it('keeps only the items of the newest run', () => {
		const items = [
			item('a', 'done', { run: 100 }),
			item('b', 'done', { run: 100 }),
			item('c', 'queued', { run: 200 }),
			item('d', 'failed', { run: 200 })
		];
		expect(latestRun(items)).toEqual({ run: 200, keys: new Set(['c', 'd']) });
	});

	it('takes every item of a job saved before runs were tagged', () => {
		expect(latestRun([item('a', 'done'), item('b', 'queued')]).keys).toEqual(new Set(['a', 'b']));
	});

	it('ignores a run field that is not a number', () => {
		const items = [item('a', 'done', { run: 'x' }), item('b', 'done', { run: 5 })];
		expect(latestRun(items)).toEqual({ run: 5, keys: new Set(['b']) });
	});
});

describe('countRun', () => {
	it('counts the run one image asked for, not the six the job holds', () => {
		const items = [...['1', '2', '3', '4', '5'].map((k) => item(k, 'done')), item('6', 'done')];
		expect(countRun(items, new Set(['6']))).toEqual({ total: 1, done: 1, failed: 0, left: 0 });
	});

	it('leaves cancelled items out and counts the ones still to go', () => {
		const items = [item('a', 'failed'), item('b', 'cancelled'), item('c', 'running')];
		expect(countRun(items, new Set(['a', 'b', 'c']))).toEqual({
			total: 2,
			done: 0,
			failed: 1,
			left: 1
		});
	});
});

describe('failureGroups', () => {
	const one = (shotNumber: number) => ({ shotNumber, beatIndex: 0, beatCount: 1 });
	const places: Record<string, ItemPlace> = {
		s1: one(1),
		s2: one(2),
		s3: one(3),
		'b2.3': { shotNumber: 2, beatIndex: 2, beatCount: 3 },
		'b2.1': { shotNumber: 2, beatIndex: 0, beatCount: 3 }
	};
	const placeOf = (item: JobItem) => places[String(item.shotId)];

	it('puts failures with one reason on one line with their shots in order', () => {
		const items = [
			item('k3', 'failed', { shotId: 's3', lastError: 'The API key was refused.' }),
			item('k1', 'failed', { shotId: 's1', lastError: 'The API key was refused.' }),
			item('k2', 'failed', { shotId: 's2', lastError: 'Flagged by moderation.' }),
			item('k4', 'done', { shotId: 's2' })
		];
		expect(failureGroups(items, placeOf)).toEqual([
			{ reason: 'The API key was refused.', keys: ['k3', 'k1'], places: [one(1), one(3)] },
			{ reason: 'Flagged by moderation.', keys: ['k2'], places: [one(2)] }
		]);
	});

	it('orders beats of one shot by their place and names each once across styles', () => {
		const items = [
			item('a', 'failed', { shotId: 'b2.3', lastError: 'No image.' }),
			item('b', 'failed', { shotId: 'b2.1', lastError: 'No image.' }),
			item('c', 'failed', { shotId: 'b2.3', lastError: 'No image.' })
		];
		const [group] = failureGroups(items, placeOf);
		expect(group!.keys).toEqual(['a', 'b', 'c']);
		expect(placeList(group!.places)).toBe('Beats 2.1 and 2.3');
	});

	it('names a failure without a reason and a deleted shot by no number', () => {
		expect(failureGroups([item('k', 'failed', { shotId: 'gone' })], placeOf)).toEqual([
			{ reason: 'Failed, with no reason given.', keys: ['k'], places: [] }
		]);
	});
});

describe('placeList', () => {
	const one = (shotNumber: number) => ({ shotNumber, beatIndex: 0, beatCount: 1 });

	it('reads as shots while every shot is a single beat', () => {
		expect(placeList([])).toBe('');
		expect(placeList([one(2)])).toBe('Shot 2');
		expect(placeList([one(2), one(5)])).toBe('Shots 2 and 5');
		expect(placeList([one(1), one(3), one(4)])).toBe('Shots 1, 3 and 4');
	});

	it('reads as beats "N.M" once a shot has several', () => {
		expect(placeList([{ shotNumber: 2, beatIndex: 2, beatCount: 3 }])).toBe('Beat 2.3');
		expect(placeList([one(1), { shotNumber: 2, beatIndex: 1, beatCount: 2 }])).toBe(
			'Beats 1.1 and 2.2'
		);
	});
});

describe('fixedInSettings', () => {
	it('sends key, endpoint, model and credit problems to Settings', () => {
		expect(fixedInSettings('The API key was refused (bad key). Check the key in Settings.')).toBe(
			true
		);
		expect(fixedInSettings('No API key is set.')).toBe(true);
		expect(
			fixedInSettings('Not enough credits for this request (x). Add credits to your account.')
		).toBe(true);
	});

	it('leaves a refusal of the content where it is', () => {
		expect(
			fixedInSettings('The request was flagged by moderation. Reword the text and try again.')
		).toBe(false);
	});
});
