import { blankBeat, firstBeatId } from '$lib/domain/beats';
import {
	SCHEMA_VERSION,
	type Asset,
	type CastMember,
	type ProjectGraph,
	type Shot,
	type Style,
	type Take
} from '$lib/domain/types';

/** A shot with defaults, for export tests. */
export function shot(id: string, order: number, fields: Partial<Shot> = {}): Shot {
	return {
		id,
		projectId: 'p',
		order,
		title: `Shot ${id}`,
		description: '',
		shotSize: 'Medium',
		angle: 'Eye level',
		movement: 'Static',
		durationS: 3,
		transition: 'cut',
		notes: '',
		dialogue: [],
		sound: '',
		cast: [],
		beats: [blankBeat(firstBeatId(id))],
		revision: 0,
		schemaVersion: SCHEMA_VERSION,
		...fields
	};
}

export function style(id: string, name: string, order: number): Style {
	return { id, projectId: 'p', name, promptWords: '', order, schemaVersion: SCHEMA_VERSION };
}

export function take(
	id: string,
	shotId: string,
	styleId: string,
	fields: Partial<Take> = {}
): Take {
	return {
		id,
		projectId: 'p',
		shotId,
		beatId: firstBeatId(shotId),
		styleId,
		kind: 'image',
		imageAssetId: `a-${id}`,
		model: 'm',
		prompt: '',
		costUsd: 0,
		createdAt: 1,
		chosen: true,
		schemaVersion: SCHEMA_VERSION,
		...fields
	};
}

/** A cast member with defaults, for export tests. */
export function castMember(
	id: string,
	order: number,
	fields: Partial<CastMember> = {}
): CastMember {
	return {
		id,
		projectId: 'p',
		name: `Member ${id}`,
		kind: 'character',
		description: '',
		referenceAssetIds: [],
		order,
		schemaVersion: SCHEMA_VERSION,
		...fields
	};
}

export function asset(id: string, bytes: number | string, mime = 'image/png'): Asset {
	const data = typeof bytes === 'string' ? bytes : new Uint8Array(bytes).fill(7);
	return {
		id,
		projectId: 'p',
		blob: new Blob([data], { type: mime }),
		mime,
		schemaVersion: SCHEMA_VERSION
	};
}

export function graph(fields: Partial<ProjectGraph>): ProjectGraph {
	return {
		project: {
			id: 'p',
			title: 'Test',
			createdAt: 0,
			updatedAt: 0,
			source: { kind: 'idea' },
			context: '',
			shotCount: 0,
			aspectRatio: '16:9',
			models: {},
			costUsd: 0,
			revision: 0,
			schemaVersion: SCHEMA_VERSION
		},
		shots: [],
		styles: [],
		cast: [],
		takes: [],
		jobs: [],
		logs: [],
		assets: [],
		...fields
	};
}
