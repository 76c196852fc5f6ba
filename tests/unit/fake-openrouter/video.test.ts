import { describe, expect, it } from 'vitest';
import { connectFakeOpenRouter } from '../../fake-openrouter';
import { TINY_JPEG, useFake } from './fixture';

const fake = useFake({ videoPendingMs: 1000, videoRunMs: 5000, videoExpireMs: 60_000 });
const auth = { authorization: 'Bearer sk-or-v1-video-0001', 'content-type': 'application/json' };

async function submit(body: Record<string, unknown>) {
	const response = await fetch(`${fake().url}/videos`, {
		method: 'POST',
		headers: auth,
		body: JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function poll(url: string) {
	return (await (await fetch(url, { headers: auth })).json()) as {
		status: string;
		unsigned_urls?: string[];
		usage?: { cost: number };
		error?: string;
	};
}

describe('video generation', () => {
	it('lists video models with their supported sets', async () => {
		const { data } = (await (await fetch(`${fake().url}/videos/models`)).json()) as {
			data: { id: string; supported_durations: number[] }[];
		};
		expect(data.find((m) => m.id === 'google/veo-3.1')?.supported_durations).toEqual([4, 6, 8]);
	});

	it('runs a job pending → in_progress → completed and serves a real MP4 only with the key', async () => {
		const { status, body } = await submit({
			model: 'google/veo-3.1',
			prompt: 'Slow push-in on the harbour',
			duration: 6,
			resolution: '720p',
			aspect_ratio: '16:9',
			frame_images: [
				{ type: 'image_url', image_url: { url: TINY_JPEG }, frame_type: 'first_frame' }
			]
		});
		expect(status).toBe(202);
		expect(body).toMatchObject({ status: 'pending', id: expect.stringMatching(/^vgen-/) });
		const url = String(body.polling_url);
		expect(url).toBe(`${fake().url}/videos/${String(body.id)}`);
		expect((await poll(url)).status).toBe('pending');
		fake().advanceTime(1500);
		expect((await poll(url)).status).toBe('in_progress');
		fake().advanceTime(5000);
		const done = await poll(url);
		expect(done.status).toBe('completed');
		expect(done.usage?.cost).toBeCloseTo(2.4);
		const contentUrl = done.unsigned_urls?.[0] ?? '';
		expect(contentUrl).toContain('/content?index=0');
		expect((await fetch(contentUrl)).status).toBe(401);
		const video = await fetch(contentUrl, { headers: auth });
		expect(video.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await video.arrayBuffer());
		expect(bytes.toString('ascii', 4, 8)).toBe('ftyp');
		expect(bytes.length).toBeLessThan(100_000);
		expect(fake().requests({ path: '/videos' })[0]?.body?.images[0]).toMatchObject({
			frameType: 'first_frame',
			mime: 'image/jpeg'
		});
	});

	it('fails a job with an error, or lets it expire', async () => {
		fake().script(['video-failed', 'video-expired'], { path: '/videos' });
		const failed = String(
			(await submit({ model: 'google/veo-3.1', prompt: 'x' })).body.polling_url
		);
		const expired = String(
			(await submit({ model: 'google/veo-3.1', prompt: 'y' })).body.polling_url
		);
		fake().advanceTime(10_000);
		expect(await poll(failed)).toMatchObject({
			status: 'failed',
			error: expect.stringContaining('could not generate')
		});
		expect((await poll(expired)).status).toBe('expired');
		const completed = String(
			(await submit({ model: 'alibaba/wan-2.7', prompt: 'z' })).body.polling_url
		);
		fake().advanceTime(10_000);
		expect((await poll(completed)).status).toBe('completed');
		fake().advanceTime(60_000);
		expect((await poll(completed)).status).toBe('expired');
	});

	it('answers 400 for an unsupported duration, resolution or frame type', async () => {
		const duration = await submit({ model: 'google/veo-3.1', prompt: 'x', duration: 5 });
		expect(duration.status).toBe(400);
		expect(duration.body).toMatchObject({
			error: { code: 400, message: expect.stringContaining('Supported durations: 4, 6, 8') }
		});
		expect((await submit({ model: 'google/veo-3.1', prompt: 'x', resolution: '4k' })).status).toBe(
			400
		);
		const frame = await submit({
			model: 'openai/sora-2-pro',
			prompt: 'x',
			frame_images: [{ type: 'image_url', image_url: { url: TINY_JPEG }, frame_type: 'last_frame' }]
		});
		expect(frame.status).toBe(400);
	});

	it('can be driven from another process through the control API', async () => {
		const remote = connectFakeOpenRouter(fake().url);
		await remote.setMode({ videoPendingMs: 0, videoRunMs: 0 });
		await remote.script(['error-429'], { path: '/videos' });
		expect((await submit({ model: 'google/veo-3.1', prompt: 'x' })).status).toBe(429);
		const { body } = await submit({ model: 'google/veo-3.1', prompt: 'x' });
		expect((await poll(String(body.polling_url))).status).toBe('completed');
		const log = await remote.log({ path: '/videos' });
		expect(log.map((e) => e.status)).toEqual([429, 202]);
		await remote.reset();
		expect(fake().log).toHaveLength(0);
		expect(fake().mode.videoRunMs).toBe(5000);
	});
});
