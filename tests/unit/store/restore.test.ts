import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '$lib/domain/types';
import {
	restoreAll,
	restoreAsset,
	restoreJob,
	restoreLog,
	restoreProject,
	restoreShot,
	restoreTake
} from '$lib/store/restore';

describe('restoreProject', () => {
	it('fills defaults for a bare old record and keeps unknown fields', () => {
		const project = restoreProject({ id: 'p1', title: '', legacyNote: 'from v0' });
		expect(project).toMatchObject({
			id: 'p1',
			title: 'Untitled storyboard',
			source: { kind: 'idea' },
			context: '',
			shotCount: 5,
			aspectRatio: '16:9',
			costUsd: 0,
			revision: 0,
			schemaVersion: SCHEMA_VERSION,
			legacyNote: 'from v0'
		});
	});

	it('repairs out-of-range and wrongly typed values', () => {
		const project = restoreProject({
			id: 'p1',
			title: 'T',
			shotCount: 42,
			aspectRatio: '7:5',
			costUsd: -3,
			createdAt: 'yesterday',
			source: { kind: 'video', probe: { durationS: '12.5', width: 'wide' } }
		});
		expect(project?.shotCount).toBe(10);
		expect(project?.aspectRatio).toBe('16:9');
		expect(project?.costUsd).toBe(0);
		expect(typeof project?.createdAt).toBe('number');
		expect(project?.source.probe).toMatchObject({ durationS: 12.5, width: 0 });
	});

	it('drops a record without an id and says so', () => {
		const warnings: string[] = [];
		expect(restoreProject({ title: 'orphan' }, (w) => warnings.push(w))).toBeNull();
		expect(restoreProject('garbage')).toBeNull();
		expect(warnings).toHaveLength(1);
	});
});

describe('restoreShot', () => {
	it('restores a minimal shot with defaults', () => {
		expect(restoreShot({ id: 's', projectId: 'p' })).toMatchObject({
			title: '',
			description: '',
			shotSize: 'Medium',
			durationS: 3,
			transition: 'cut',
			order: 0
		});
	});

	it('clamps durations and normalises transitions', () => {
		const shot = restoreShot({ id: 's', projectId: 'p', durationS: 99999, transition: 'wipe' });
		expect(shot?.durationS).toBe(600);
		expect(shot?.transition).toBe('cut');
	});

	it('drops empty optional references', () => {
		const shot = restoreShot({ id: 's', projectId: 'p', keyframeAssetId: '', sourceTimeS: 'x' });
		expect(shot).not.toHaveProperty('keyframeAssetId');
		expect(shot).not.toHaveProperty('sourceTimeS');
	});
});

describe('restoreTake', () => {
	it('drops a take without an image', () => {
		expect(restoreTake({ id: 't', projectId: 'p', shotId: 's' })).toBeNull();
	});
});

describe('restoreAsset', () => {
	it('takes the MIME type from the Blob when the record lacks it', () => {
		const asset = restoreAsset({
			id: 'a',
			projectId: 'p',
			blob: new Blob(['x'], { type: 'image/png' })
		});
		expect(asset?.mime).toBe('image/png');
	});

	it('drops a record whose Blob is gone', () => {
		expect(restoreAsset({ id: 'a', projectId: 'p', blob: 'data:...' })).toBeNull();
	});
});

describe('restoreJob', () => {
	it('keeps good items, drops broken ones and pauses an unknown state', () => {
		const warnings: string[] = [];
		const job = restoreJob(
			{
				id: 'j',
				projectId: 'p',
				items: [{ key: 's1:st1', status: 'done', attempts: 1 }, { nokey: true }],
				state: '??'
			},
			(w) => warnings.push(w)
		);
		expect(job?.items).toEqual([{ key: 's1:st1', status: 'done', attempts: 1 }]);
		expect(job?.state).toBe('paused');
		expect(warnings).toEqual(['1 job items were skipped.']);
	});
});

describe('restoreLog', () => {
	it('defaults an unknown level to info', () => {
		expect(restoreLog({ projectId: 'p', message: 'm', level: 'debug', time: 5 })).toMatchObject({
			level: 'info',
			time: 5
		});
	});
});

describe('restoreAll', () => {
	it('keeps what restores and drops the rest', () => {
		const shots = restoreAll(
			[{ id: 'a', projectId: 'p' }, null, 7, { id: 'b', projectId: 'p' }],
			restoreShot
		);
		expect(shots.map((s) => s.id)).toEqual(['a', 'b']);
	});
});
