// How long reading a large storyboard takes: `npx vitest bench tests/unit/store/restore.bench.ts`.
import { bench, describe } from 'vitest';
import { restoreAll, restoreProject, restoreShot, restoreTake } from '$lib/store/restore';

const projectId = 'p';
const shots = Array.from({ length: 2_000 }, (_, i) => ({
	id: `shot-${i}`,
	projectId,
	order: i,
	title: `Shot ${i}`,
	description: 'A long market street at night, lanterns swinging in the wind. '.repeat(8),
	shotSize: 'Wide',
	angle: 'Eye level',
	movement: 'Pan',
	durationS: 3.5,
	transition: i % 3 === 0 ? 'dissolve' : 'cut',
	notes: 'Crowd noise.',
	sourceTimeS: i * 2,
	keyframeAssetId: `frame-${i}`,
	revision: 4,
	schemaVersion: 1
}));
const takes = shots.map((shot, i) => ({
	id: `take-${i}`,
	projectId,
	shotId: shot.id,
	styleId: 'style',
	kind: 'image',
	imageAssetId: `image-${i}`,
	model: 'google/gemini-2.5-flash-image',
	prompt: 'A prompt of some length. '.repeat(10),
	costUsd: 0.04,
	createdAt: 1_760_000_000_000,
	chosen: true,
	schemaVersion: 1
}));
const project = {
	id: projectId,
	title: 'Night market',
	createdAt: 1_760_000_000_000,
	updatedAt: 1_760_000_000_000,
	source: {
		kind: 'video',
		videoAssetId: 'clip',
		probe: {
			durationS: 4000,
			width: 1920,
			height: 1080,
			fps: 25,
			codec: 'h264',
			rotation: 0,
			hasAudio: true
		}
	},
	context: 'A night market.',
	shotCount: 5,
	aspectRatio: '16:9',
	models: { render: 'google/gemini-2.5-flash-image' },
	costUsd: 3,
	revision: 9,
	schemaVersion: 1,
	videoIntake: {
		frames: Array.from({ length: 200 }, (_, i) => ({
			assetId: `f${i}`,
			timeS: i,
			role: 'context'
		})),
		cutsS: Array.from({ length: 2000 }, (_, i) => i * 2)
	}
};

describe('restore a 2,000-shot storyboard', () => {
	bench('2,000 shots', () => {
		restoreAll(shots, restoreShot);
	});
	bench('2,000 takes', () => {
		restoreAll(takes, restoreTake);
	});
	bench('the project', () => {
		restoreProject(project);
	});
});
