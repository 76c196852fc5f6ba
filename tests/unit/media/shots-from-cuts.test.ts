import { describe, expect, it } from 'vitest';
import { shotFieldsFromCuts } from '$lib/media/shots-from-cuts';

describe('shotFieldsFromCuts', () => {
	it('makes one cut shot per detected shot with start, duration and keyframe', () => {
		const fields = shotFieldsFromCuts([
			{ startS: 0, endS: 2, keyframeS: 1, keyframeAssetId: 'a1' },
			{ startS: 2, endS: 4.4, keyframeS: 3.2, keyframeAssetId: 'a2' }
		]);
		expect(fields).toHaveLength(2);
		expect(fields[1]).toMatchObject({
			title: 'Shot 2',
			durationS: 2.4,
			transition: 'cut',
			sourceTimeS: 2,
			keyframeAssetId: 'a2'
		});
		expect(fields[1]?.notes).toContain('Source frame at 0:03.2');
	});
});
