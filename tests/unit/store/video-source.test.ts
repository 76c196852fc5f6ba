import { beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '$lib/domain/project';
import { addProject, getProject } from '$lib/store/projects';
import { getAsset, putAsset } from '$lib/store/assets';
import { addShot } from '$lib/store/shots';
import {
	removeVideoSource,
	saveSampledFrame,
	setDetectedCuts,
	setVideoSource,
	videoIntakeOf
} from '$lib/store/video-source';
import { getDb, STORES } from '$lib/store/db';
import { freshDb } from '../helpers';

beforeEach(freshDb);

const probe = {
	durationS: 10,
	width: 640,
	height: 360,
	fps: 25,
	codec: 'h264',
	rotation: 0,
	hasAudio: true
};

describe('setVideoSource', () => {
	it('records the clip and its facts and raises the revision', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await setVideoSource(project.id, 'asset-1', probe);
		const saved = await getProject(project.id);
		expect(saved?.source).toMatchObject({ kind: 'video', videoAssetId: 'asset-1', probe });
		expect(saved?.revision).toBe(project.revision + 1);
	});
});

const jpeg = (text: string) => new Blob([text], { type: 'image/jpeg' });

describe('saveSampledFrame and setDetectedCuts', () => {
	it('keep frames and cuts on the project, and a new clip clears them', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await setVideoSource(project.id, 'asset-1', probe);
		const f1 = await saveSampledFrame(project.id, jpeg('one'), { timeS: 1, role: 'context' });
		const f2 = await saveSampledFrame(project.id, jpeg('two'), { timeS: 5, role: 'middle' });
		await setDetectedCuts(
			project.id,
			[2],
			[
				{ startS: 0, endS: 2, keyframeS: 1, keyframeAssetId: 'k1' },
				{ startS: 2, endS: 10, keyframeS: 6, keyframeAssetId: 'k2' }
			]
		);
		const intake = videoIntakeOf(await getProject(project.id));
		expect(intake.frames.map((f) => f.assetId)).toEqual([f1!.asset.id, f2!.asset.id]);
		expect(await (await getAsset(f2!.asset.id))?.blob.text()).toBe('two');
		expect(f2!.project.revision).toBe(project.revision + 3);
		expect(intake.cutsS).toEqual([2]);
		expect(intake.shots).toHaveLength(2);

		await setVideoSource(project.id, 'asset-2', probe);
		expect(videoIntakeOf(await getProject(project.id))).toEqual({ frames: [] });
	});
});

describe('setVideoSource over an earlier clip', () => {
	it('deletes the old clip, its frames and unused keyframes, and keeps keyframes shots use', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		const blob = (text: string, type = 'image/jpeg') =>
			putAsset(project.id, new Blob([text], { type }));
		const oldClip = await blob('old clip', 'video/mp4');
		const usedKey = await blob('keyframe a shot uses');
		const unusedKey = await blob('keyframe no shot uses');
		await setVideoSource(project.id, oldClip.id, probe);
		const { asset: frame } = (await saveSampledFrame(project.id, jpeg('frame'), {
			timeS: 5,
			role: 'middle'
		}))!;
		await setDetectedCuts(
			project.id,
			[4],
			[
				{ startS: 0, endS: 4, keyframeS: 2, keyframeAssetId: usedKey.id },
				{ startS: 4, endS: 10, keyframeS: 7, keyframeAssetId: unusedKey.id }
			]
		);
		await addShot(project.id, { title: 'From the cut', keyframeAssetId: usedKey.id });

		const newClip = await blob('new clip', 'video/mp4');
		await setVideoSource(project.id, newClip.id, probe);

		expect(await getAsset(oldClip.id)).toBeUndefined();
		expect(await getAsset(frame.id)).toBeUndefined();
		expect(await getAsset(unusedKey.id)).toBeUndefined();
		expect(await getAsset(usedKey.id)).toBeDefined();
		expect(await getAsset(newClip.id)).toBeDefined();
		expect((await getProject(project.id))?.source.videoAssetId).toBe(newClip.id);
	});
});

describe('saveSampledFrame', () => {
	it('writes nothing for a project that is gone', async () => {
		expect(await saveSampledFrame('missing', jpeg('x'), { timeS: 0, role: 'context' })).toBe(
			undefined
		);
	});

	it('saves neither the picture nor the list entry when the disk is full (no orphan picture)', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await setVideoSource(project.id, 'asset-1', probe);
		const original = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
			if (this.name === 'projects') {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return original.apply(this, args);
		};
		try {
			await expect(
				saveSampledFrame(project.id, jpeg('x'), { timeS: 0, role: 'context' })
			).rejects.toThrow();
		} finally {
			IDBObjectStore.prototype.put = original;
		}
		expect(videoIntakeOf(await getProject(project.id)).frames).toEqual([]);
		expect(await (await getDb()).count(STORES.assets)).toBe(0);
	});
});

describe('videoIntakeOf', () => {
	it('drops malformed entries instead of failing', () => {
		const project = createProject('video', 'Clip');
		const intake = videoIntakeOf({
			...project,
			videoIntake: {
				frames: [{ assetId: 'ok', timeS: 1, role: 'context' }, { nope: 1 }],
				cutsS: 'x'
			}
		});
		expect(intake).toEqual({ frames: [{ assetId: 'ok', timeS: 1, role: 'context' }] });
		expect(videoIntakeOf(undefined)).toEqual({ frames: [] });
	});
});

describe('setVideoSource without an asset', () => {
	it('keeps the facts and notes that the clip itself is not stored', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await setVideoSource(project.id, 'asset-1', probe);
		await setVideoSource(project.id, undefined, probe);
		const saved = await getProject(project.id);
		expect(saved?.source.videoAssetId).toBeUndefined();
		expect(saved?.source.probe).toEqual(probe);
		expect(videoIntakeOf(saved)).toEqual({ frames: [], clipNotStored: true });
	});
});

describe('removeVideoSource', () => {
	it('deletes the clip asset, keeps facts, frames and cuts, and says when it was removed', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		const clip = await putAsset(project.id, new Blob(['clip bytes'], { type: 'video/mp4' }));
		await setVideoSource(project.id, clip.id, probe);
		const { asset: frame } = (await saveSampledFrame(project.id, jpeg('jpeg'), {
			timeS: 5,
			role: 'middle'
		}))!;
		await setDetectedCuts(
			project.id,
			[],
			[{ startS: 0, endS: 10, keyframeS: 5, keyframeAssetId: frame.id }]
		);

		await removeVideoSource(project.id);

		const saved = await getProject(project.id);
		expect(saved?.source.videoAssetId).toBeUndefined();
		expect(saved?.source.probe).toEqual(probe);
		expect(await getAsset(clip.id)).toBeUndefined();
		expect(await getAsset(frame.id)).toBeDefined();
		const intake = videoIntakeOf(saved);
		expect(intake.frames.map((f) => f.assetId)).toEqual([frame.id]);
		expect(intake.shots).toHaveLength(1);
		expect(intake.clipRemovedAt).toBeGreaterThan(0);
	});

	it('is forgotten when a new clip is added', async () => {
		const project = createProject('video', 'Clip');
		await addProject(project);
		await setVideoSource(project.id, 'asset-1', probe);
		await removeVideoSource(project.id);
		await setVideoSource(project.id, 'asset-2', probe);
		expect(videoIntakeOf(await getProject(project.id)).clipRemovedAt).toBeUndefined();
	});
});
