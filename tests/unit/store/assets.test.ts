import { beforeEach, describe, expect, it } from 'vitest';
import { deleteAssets, getAsset, putAsset } from '$lib/store/assets';
import { freshDb } from '../helpers';

beforeEach(freshDb);

describe('putAsset', () => {
	it('saves a Blob with its type and size and reads it back', async () => {
		const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
		const saved = await putAsset('p1', blob, { width: 640, height: 360 });
		const read = await getAsset(saved.id);
		expect(read).toMatchObject({ projectId: 'p1', mime: 'image/jpeg', width: 640, height: 360 });
		expect(read?.blob.size).toBe(3);
	});
});

describe('deleteAssets', () => {
	it('removes the given assets and keeps the others', async () => {
		const a = await putAsset('p1', new Blob(['a'], { type: 'text/plain' }));
		const b = await putAsset('p1', new Blob(['b'], { type: 'text/plain' }));
		await deleteAssets([a.id]);
		expect(await getAsset(a.id)).toBeUndefined();
		expect(await getAsset(b.id)).toBeDefined();
	});
});
