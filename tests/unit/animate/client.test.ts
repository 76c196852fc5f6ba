import { describe, expect, it } from 'vitest';
import { pollDelayMs, VideoApiError, VideoClient, videoRequestBody } from '$lib/animate/client';
import { fitVideoBody, VideoBodyTooLargeError } from '$lib/animate/body';
import {
	describeDurations,
	nearestDuration,
	planVideo,
	restoreVideoModel
} from '$lib/animate/models';
import { TINY_JPEG, useFake } from '../fake-openrouter/fixture';

const fake = useFake({ videoPendingMs: 60_000, videoRunMs: 60_000 });
const client = (key = 'sk-or-v1-test-key-0001') =>
	new VideoClient({ baseUrl: fake().url, timeoutS: 10 }, key);
const signal = () => new AbortController().signal;

describe('video models', () => {
	it('reads the catalogue, durations sorted, prices as the catalogue spells them', async () => {
		const models = await client().listModels(signal());
		const veo = models.find((m) => m.id === 'google/veo-3.1')!;
		expect(veo).toMatchObject({
			name: 'Google: Veo 3.1',
			durations: [4, 6, 8],
			resolutions: ['720p', '1080p'],
			aspectRatios: ['16:9', '9:16'],
			frameImages: ['first_frame', 'last_frame'],
			audio: true,
			pricingSkus: {
				duration_seconds_with_audio_720p: '0.40',
				duration_seconds_without_audio_720p: '0.20',
				duration_seconds_with_audio_1080p: '0.40',
				duration_seconds_without_audio_1080p: '0.20'
			}
		});
		// Our own saved copy reads back the same; one saved before prices were kept as strings too.
		expect(restoreVideoModel(JSON.parse(JSON.stringify(veo)))).toEqual(veo);
		expect(restoreVideoModel({ id: 'old', perSecondUsd: 0.4 })?.pricingSkus).toEqual({
			duration_seconds_without_audio: '0.4'
		});
		expect(restoreVideoModel({ name: 'no id' })).toBeNull();
	});

	it('plans the nearest duration, 720p, the storyboard aspect ratio and the price', () => {
		const model = restoreVideoModel({
			id: 'm',
			supported_durations: [5, 10],
			supported_resolutions: ['480p', '1080p'],
			supported_aspect_ratios: ['16:9'],
			supported_frame_images: ['first_frame'],
			pricing_skus: { duration_seconds_480p: '0.04' }
		})!;
		expect(planVideo(model, { durationS: 8 }, '16:9', true)).toEqual({
			durationS: 10,
			resolution: '480p',
			aspectRatio: '16:9',
			lastFrame: false,
			price: { priced: true, usd: 0.4, rule: '$0.040 per second at 480p (duration_seconds_480p)' }
		});
		expect(planVideo(model, { durationS: 2 }, '9:16', false)).not.toHaveProperty('aspectRatio');
		expect(nearestDuration([4, 6, 8], 5)).toBe(6);
		expect(nearestDuration([4, 6, 8], 30)).toBe(8);
		expect(nearestDuration([], 3.4)).toBe(3);
		expect(describeDurations([4, 6, 8])).toBe('4, 6 or 8 s');
		expect(describeDurations([5])).toBe('5 s');
	});

	it('polls at 2 s growing to at most 30 s', () => {
		expect([0, 1, 2, 10].map(pollDelayMs)).toEqual([2000, 3000, 4500, 30000]);
	});
});

describe('VideoClient against the fake', () => {
	it('submits, polls to completion and downloads a real MP4 with the key', async () => {
		const id = await client().submit(
			{
				model: 'google/veo-3.1',
				prompt: 'A lantern drifts.',
				durationS: 4,
				resolution: '720p',
				aspectRatio: '16:9',
				firstFrameUrl: TINY_JPEG,
				lastFrameUrl: TINY_JPEG
			},
			signal()
		);
		const post = fake().requests({ method: 'POST', path: '/videos' })[0]!;
		expect(post.status).toBe(202);
		expect(post.body?.images.map((i) => i.frameType)).toEqual(['first_frame', 'last_frame']);
		let status = await client().status(id, signal());
		expect(status.status).toBe('pending');
		fake().advanceTime(61_000);
		expect((await client().status(id, signal())).status).toBe('in_progress');
		fake().advanceTime(60_000);
		status = await client().status(id, signal());
		expect(status.status).toBe('completed');
		expect(status.costUsd).toBeCloseTo(1.6, 5);
		const clip = await client().download(id, status.urls[0], signal());
		const bytes = new Uint8Array(await clip.arrayBuffer());
		expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('ftyp');
		expect(clip.type).toBe('video/mp4');
	});

	it('a duration the model does not take is a 400 worded for the person', async () => {
		const error = await client()
			.submit(
				{ model: 'google/veo-3.1', prompt: 'x', durationS: 5, firstFrameUrl: TINY_JPEG },
				signal()
			)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(VideoApiError);
		expect((error as VideoApiError).status).toBe(400);
		expect((error as Error).message).toMatch(/^The video model refused the request/);
		expect((error as VideoApiError).retryable).toBe(false);
	});

	it('a refused key is said plainly; an unreachable endpoint names itself', async () => {
		const refused = await client('sk-or-v1-bad-key')
			.submit(
				{ model: 'google/veo-3.1', prompt: 'x', durationS: 4, firstFrameUrl: TINY_JPEG },
				signal()
			)
			.catch((e: unknown) => e);
		expect((refused as Error).message).toMatch(/API key was refused/);
		const nowhere = new VideoClient({ baseUrl: 'http://127.0.0.1:9/api/v1', timeoutS: 5 }, 'k');
		const error = await nowhere.listModels(signal()).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/could not be reached from the browser/);
		expect((error as VideoApiError).retryable).toBe(true);
	});
});

describe('prices stated before a clip is sent', () => {
	it('match what the fake bills in usage.cost, for every video model in its catalogue', async () => {
		const models = await client().listModels(signal());
		expect(models.length).toBeGreaterThanOrEqual(6);
		for (const model of models) {
			const plan = planVideo(
				model,
				{ durationS: 5 },
				'16:9',
				model.frameImages.includes('last_frame')
			);
			expect(plan.price, model.id).toMatchObject({ priced: true });
			if (!plan.price.priced) continue;
			const id = await client().submit(
				{
					model: model.id,
					prompt: 'A lantern drifts.',
					durationS: plan.durationS,
					...(plan.resolution ? { resolution: plan.resolution } : {}),
					...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
					...(plan.generateAudio === false ? { generateAudio: false } : {}),
					firstFrameUrl: TINY_JPEG
				},
				signal()
			);
			fake().advanceTime(200_000);
			const status = await client().status(id, signal());
			expect(status.status).toBe('completed');
			expect(status.costUsd, model.id).toBeCloseTo(plan.price.usd, 6);
		}
	});

	it('turn sound off where the model makes it, and say so in the request', () => {
		const body = videoRequestBody({
			model: 'google/veo-3.1',
			prompt: 'x',
			durationS: 4,
			firstFrameUrl: TINY_JPEG,
			generateAudio: false
		});
		expect(body.generate_audio).toBe(false);
	});
});

describe('the public video catalogue', () => {
	it('is asked for with no Authorization header, with or without a key', async () => {
		await client('').listModels(signal());
		await client().listModels(signal());
		// A refused key does not hide the catalogue either.
		await client('sk-or-v1-bad-key').listModels(signal());
		const requests = fake().requests({ method: 'GET', path: '/videos/models' });
		expect(requests.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(requests.every((r) => r.headers.authorization === undefined)).toBe(true);
	});

	it('is refused by the fake when a made-up key is sent with it, as any route would', async () => {
		const response = await fetch(`${fake().url}/videos/models`, {
			headers: { authorization: 'Bearer no-key' }
		});
		expect(response.status).toBe(401);
	});
});

describe('fitVideoBody', () => {
	const big = `data:image/jpeg;base64,${'A'.repeat(4000)}`;
	const request = {
		model: 'google/veo-3.1',
		prompt: 'x',
		durationS: 4,
		firstFrameUrl: big,
		lastFrameUrl: big
	};

	it('sends the request as it is when it fits', async () => {
		const fitted = await fitVideoBody(
			request,
			() => Promise.reject(new Error('no shrink')),
			20_000
		);
		expect(fitted).toEqual({ request, notes: [] });
	});

	it('drops the last frame first, with a note', async () => {
		const fitted = await fitVideoBody(request, () => Promise.reject(new Error('no shrink')), 6_000);
		expect(fitted.request).not.toHaveProperty('lastFrameUrl');
		expect(fitted.notes[0]).toMatch(/left out as the last frame/);
	});

	it('then sends the picture smaller, and gives up plainly when nothing fits', async () => {
		const sides: number[] = [];
		const fitted = await fitVideoBody(
			request,
			async (side) => {
				sides.push(side);
				return { url: `data:image/jpeg;base64,${'B'.repeat(side)}`, width: side, height: side / 2 };
			},
			1_500
		);
		expect(sides).toEqual([2048, 1280]);
		expect(fitted.request.firstFrameUrl).toHaveLength(23 + 1280);
		expect(fitted.notes[1]).toMatch(/sent at 1280×640/);
		await expect(
			fitVideoBody(request, async () => ({ url: big, width: 1, height: 1 }), 1_000)
		).rejects.toBeInstanceOf(VideoBodyTooLargeError);
	});
});
