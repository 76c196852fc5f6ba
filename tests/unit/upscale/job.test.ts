import { beforeEach, describe, expect, it } from 'vitest';
import { firstBeatId } from '$lib/domain/beats';
import { defaultOptions } from '$lib/upscale/meta';
import {
	createUpscaleJob,
	openUpscaleJob,
	takesToUpscale,
	UPSCALE_JOB_KIND
} from '$lib/upscale/job';
import { addTake, listTakes, setUpscaled } from '$lib/store/takes';
import { getJob } from '$lib/store/jobs';
import { freshDb } from '../helpers';

const take = (
	shotId: string,
	styleId = 'st1',
	kind: 'image' | 'video' = 'image',
	beatId = firstBeatId(shotId)
) =>
	addTake({
		projectId: 'p1',
		shotId,
		beatId,
		styleId,
		kind,
		imageAssetId: `img-${shotId}-${styleId}`,
		...(kind === 'video' ? { videoAssetId: `clip-${shotId}` } : {}),
		model: 'm',
		prompt: '',
		costUsd: 0
	});

describe('takesToUpscale', () => {
	beforeEach(freshDb);

	it('picks chosen image takes that have no upscaled image yet', async () => {
		const first = await take('s1');
		await take('s1'); // a second take of the same shot and style: not chosen
		const done = await take('s2');
		await setUpscaled(done.id, 'big');
		await take('s3', 'st1', 'video');
		const otherStyle = await take('s1', 'st2');
		const picked = takesToUpscale(await listTakes('p1')).map((t) => t.id);
		expect(picked.sort()).toEqual([first.id, otherStyle.id].sort());
	});

	it('picks the chosen take of every beat of a shot, not only its first', async () => {
		const beats = [firstBeatId('s1'), 's1#b2', 's1#b3'];
		const chosen = [];
		for (const beatId of beats) {
			chosen.push(await take('s1', 'st1', 'image', beatId));
			await take('s1', 'st1', 'image', beatId); // a second take of the beat: not chosen
		}
		const picked = takesToUpscale(await listTakes('p1'));
		expect(picked.map((t) => t.id).sort()).toEqual(chosen.map((t) => t.id).sort());
		expect(picked.map((t) => t.beatId).sort()).toEqual([...beats].sort());
	});
});

describe('createUpscaleJob and openUpscaleJob', () => {
	beforeEach(freshDb);

	it('saves a job with one item per take to upscale, carrying the choice, and opens it again', async () => {
		const a = await take('s1');
		const b = await take('s2');
		const runner = await createUpscaleJob('p1', {
			...defaultOptions,
			choice: 'photo',
			outscale: 4
		});
		expect(runner).toBeDefined();
		const saved = await getJob(runner!.jobId);
		expect(saved?.kind).toBe(UPSCALE_JOB_KIND);
		const items = saved?.items.map((item) => [
			item.takeId,
			item.choice,
			item.outscale,
			item.status
		]);
		expect(items?.map(String).sort()).toEqual(
			[
				[a.id, 'photo', 4, 'queued'],
				[b.id, 'photo', 4, 'queued']
			]
				.map(String)
				.sort()
		);
		await runner!.stop();
		const reopened = await openUpscaleJob('p1');
		expect(reopened?.jobId).toBe(runner!.jobId);
		await reopened!.stop();
	});

	it('makes no job when every chosen take is upscaled', async () => {
		const a = await take('s1');
		await setUpscaled(a.id, 'big');
		expect(await createUpscaleJob('p1', defaultOptions)).toBeUndefined();
		expect(await openUpscaleJob('p1')).toBeUndefined();
	});
});
