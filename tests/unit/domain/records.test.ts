import { describe, expect, it } from 'vitest';
import { restorer, TEXT_LIMIT } from '$lib/domain/lenient';
import {
	HistoryStepSchema,
	JobSchema,
	ProjectSchema,
	ShotSchema,
	StyleSchema,
	TakeSchema
} from '$lib/domain/records';

/** A restore function and the warnings it gave. */
function reader<S extends Parameters<typeof restorer>[0]>(schema: S) {
	const warnings: string[] = [];
	const read = restorer(schema, 'skipped');
	return { warnings, read: (raw: unknown) => read(raw, (w) => warnings.push(w)) };
}

describe('ShotSchema', () => {
	it('cuts text beyond the limit and says which field and how long it was', () => {
		const { read, warnings } = reader(ShotSchema);
		const shot = read({ id: 's', projectId: 'p', description: 'd'.repeat(250_000) });
		expect(shot?.description).toHaveLength(TEXT_LIMIT);
		expect(warnings).toEqual(['A shot’s description was 250 KB long and was cut to 100 KB.']);
	});

	it('keeps unknown fields but leaves out one nested too deep, with a note', () => {
		let deep: unknown = 'bottom';
		for (let i = 0; i < 5_000; i++) deep = { d: deep };
		const { read, warnings } = reader(ShotSchema);
		const shot = read({ id: 's', projectId: 'p', extra: { kept: [1] }, deep });
		expect(shot?.extra).toEqual({ kept: [1] });
		expect(shot).not.toHaveProperty('deep');
		expect(warnings).toEqual(['A field “deep” nested too deep to keep was left out.']);
	});

	it('notes nothing for a record it refuses, except that it was skipped', () => {
		const { read, warnings } = reader(ShotSchema);
		expect(read({ id: ' ', projectId: 'p', title: 't'.repeat(TEXT_LIMIT + 1) })).toBeNull();
		expect(warnings).toEqual(['skipped']);
	});
});

describe('ProjectSchema', () => {
	it('brings times a Date cannot hold back into range', () => {
		const project = ProjectSchema.parse({
			id: 'p',
			createdAt: 9e15,
			updatedAt: -1e20,
			deletedAt: 1e300
		});
		for (const t of [project.createdAt, project.updatedAt, project.deletedAt!])
			expect(() => new Date(t).toISOString()).not.toThrow();
		expect(project.updatedAt).toBe(project.createdAt);
	});

	it('repairs the video intake record and drops what cannot be read', () => {
		const project = ProjectSchema.parse({
			id: 'p',
			videoIntake: {
				frames: [{ assetId: 'f', timeS: 1, role: 'middle' }, { assetId: 3 }],
				cutsS: [1, 'x', 2],
				shots: [{ startS: 1, keyframeAssetId: 'k' }, 'junk'],
				clipNotStored: 'yes'
			}
		});
		expect(project.videoIntake).toEqual({
			frames: [{ assetId: 'f', timeS: 1, role: 'middle' }],
			cutsS: [1, 2],
			shots: [{ startS: 1, endS: 1, keyframeS: 1, keyframeAssetId: 'k' }]
		});
		expect(ProjectSchema.parse({ id: 'p', videoIntake: 'x' })).not.toHaveProperty('videoIntake');
	});
});

describe('StyleSchema', () => {
	it('keeps a key pool and names a nameless style', () => {
		expect(
			StyleSchema.parse({ id: 's', projectId: 'p', keyPool: 'team', name: '  ' })
		).toMatchObject({ name: 'Style', keyPool: 'team' });
		expect(StyleSchema.parse({ id: 's', projectId: 'p', keyPool: '' })).not.toHaveProperty(
			'keyPool'
		);
	});
});

describe('TakeSchema', () => {
	it('reads a video take without its clip as an image take', () => {
		const take = TakeSchema.parse({
			id: 't',
			projectId: 'p',
			shotId: 's',
			imageAssetId: 'i',
			kind: 'video',
			videoAssetId: ''
		});
		expect(take.kind).toBe('image');
		expect(take).not.toHaveProperty('videoAssetId');
	});
});

describe('JobSchema', () => {
	it('keeps a pause reason only on a paused job', () => {
		const job = { id: 'j', projectId: 'p', pauseReason: 'The spending cap was reached.' };
		expect(JobSchema.parse({ ...job, state: 'paused' }).pauseReason).toBe(job.pauseReason);
		expect(JobSchema.parse({ ...job, state: 'done' })).not.toHaveProperty('pauseReason');
	});
});

describe('HistoryStepSchema', () => {
	const step = { id: 'x', label: 'edit', time: 1 };

	it('reads a changed field with the shot’s own rules (a duration clamped)', () => {
		const read = HistoryStepSchema.parse({
			...step,
			before: { shots: { s: { durationS: 3 } } },
			after: { shots: { s: { durationS: 9999 } } }
		});
		expect(read.after.shots).toEqual({ s: { durationS: 600 } });
	});

	it('lets an optional field be unset on one side and not a required one', () => {
		const unset = (fields: object) =>
			HistoryStepSchema.safeParse({
				...step,
				before: { shots: { s: fields } },
				after: { shots: { s: { sourceTimeS: 2, title: 'b' } } }
			}).success;
		expect(unset({ sourceTimeS: null, title: 'a' })).toBe(true);
		expect(unset({ sourceTimeS: 1, title: null })).toBe(false);
	});
});
