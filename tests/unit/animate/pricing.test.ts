import { describe, expect, it } from 'vitest';
import {
	clipSize,
	describeVideoPricing,
	priceClip,
	readSku,
	videoTokens,
	type ClipPriceQuery
} from '$lib/animate/pricing';

const clip = (over: Partial<ClipPriceQuery> = {}): ClipPriceQuery => ({
	durationS: 5,
	resolution: '720p',
	aspectRatio: '16:9',
	audio: false,
	imageToVideo: true,
	...over
});

const usd = (skus: Record<string, string>, over: Partial<ClipPriceQuery> = {}) => {
	const price = priceClip(skus, clip(over));
	return price.priced ? price.usd : price.reason;
};

describe('priceClip', () => {
	it('prices per second by resolution (duration_seconds_720p / _1080p)', () => {
		const skus = { duration_seconds_720p: '0.30', duration_seconds_1080p: '0.50' };
		expect(usd(skus)).toBeCloseTo(1.5, 9);
		expect(usd(skus, { resolution: '1080p' })).toBeCloseTo(2.5, 9);
	});

	it('prices with or without sound (duration_seconds_with_audio_720p / _without_audio_720p)', () => {
		const skus = {
			duration_seconds_with_audio_720p: '0.40',
			duration_seconds_without_audio_720p: '0.20'
		};
		expect(usd(skus, { audio: false })).toBeCloseTo(1.0, 9);
		expect(usd(skus, { audio: true })).toBeCloseTo(2.0, 9);
		// A model priced only with sound bills that price.
		expect(usd({ duration_seconds_with_audio: '0.126' }, { audio: false })).toBeCloseTo(0.63, 9);
	});

	it('prices image-to-video apart from text-to-video (image_to_video_duration_seconds_720p)', () => {
		const skus = {
			text_to_video_duration_seconds_720p: '0.10',
			image_to_video_duration_seconds_720p: '0.08'
		};
		expect(usd(skus, { imageToVideo: true })).toBeCloseTo(0.4, 9);
		expect(usd(skus, { imageToVideo: false })).toBeCloseTo(0.5, 9);
	});

	it('prices a flat duration_seconds and cents_per_second_output (÷ 100)', () => {
		expect(usd({ duration_seconds: '0.084' })).toBeCloseTo(0.42, 9);
		expect(usd({ cents_per_second_output: '12' })).toBeCloseTo(0.6, 9);
		expect(
			usd({ cents_per_second_output_720p: '17', cents_per_second_output_1080p: '29' })
		).toBeCloseTo(0.85, 9);
	});

	it('prices video_tokens by width × height × 24 fps × seconds / 1024', () => {
		const skus = { video_tokens: '0.000007', video_tokens_without_audio: '0.0000056' };
		const tokens = (1280 * 720 * 24 * 5) / 1024; // 108 000
		expect(usd(skus)).toBeCloseTo(tokens * 0.0000056, 9);
		expect(usd(skus, { audio: true })).toBeCloseTo(tokens * 0.000007, 9);
		const price = priceClip(skus, clip());
		expect(price.priced && price.rule).toContain('108,000 video tokens (1280×720, 24 fps)');
	});

	it('adds reference images and input images, and keeps to a minimum charge', () => {
		expect(
			usd({ duration_seconds: '0.13', reference_images: '0.04' }, { referenceImages: 2 })
		).toBeCloseTo(0.73, 9);
		expect(
			usd({ cents_per_second_output: '28', minimum_cents_per_generation: '56' }, { durationS: 1 })
		).toBeCloseTo(0.56, 9);
		expect(usd({ duration_seconds: '0.1', cents_per_image_input: '2' })).toBeCloseTo(0.52, 9);
	});

	it('says plainly when there is no price, and never reads an unknown key as free', () => {
		expect(priceClip({}, clip())).toEqual({
			priced: false,
			reason: 'the catalogue lists no price for it'
		});
		const unknown = priceClip({ megapixel_seconds: '0.01' }, clip());
		expect(unknown).toMatchObject({ priced: false });
		expect(!unknown.priced && unknown.reason).toContain('megapixel_seconds');
		// A resolution the prices do not cover is not free either.
		expect(priceClip({ duration_seconds_1080p: '0.5' }, clip())).toMatchObject({ priced: false });
	});
});

describe('readSku, clipSize and videoTokens', () => {
	it('reads the parts of a key', () => {
		expect(readSku('image_to_video_duration_seconds_720p', '0.1')).toMatchObject({
			unit: 'usd-per-second',
			mode: 'image',
			resolution: '720p'
		});
		expect(readSku('duration_seconds_without_audio_4k', '0.4')).toMatchObject({
			audio: false,
			resolution: '4k'
		});
		expect(readSku('video_tokens_with_video_input', '0.1')).toMatchObject({ videoInput: true });
		expect(readSku('reference_images', '0.04')).toBeUndefined();
		expect(readSku('duration_seconds', 'n/a')).toBeUndefined();
	});

	it('sizes clips by their short side and aspect ratio', () => {
		expect(clipSize('720p', '16:9')).toEqual({ width: 1280, height: 720 });
		expect(clipSize('480p', '16:9')).toEqual({ width: 854, height: 480 });
		expect(clipSize('720p', '9:16')).toEqual({ width: 720, height: 1280 });
		expect(clipSize('1080p', '1:1')).toEqual({ width: 1080, height: 1080 });
		expect(clipSize(undefined)).toBeUndefined();
		expect(videoTokens({ width: 1920, height: 1080 }, 4)).toBe(194_400);
	});
});

describe('describeVideoPricing', () => {
	it('shows the cheapest per-second price, a token price, or that there is none', () => {
		expect(
			describeVideoPricing({ duration_seconds_720p: '0.30', duration_seconds_1080p: '0.50' })
		).toBe('from $0.30 per second');
		expect(describeVideoPricing({ cents_per_second_output: '12' })).toBe('from $0.12 per second');
		expect(describeVideoPricing({ video_tokens: '0.000007' })).toBe(
			'$7.00 per million video tokens'
		);
		expect(describeVideoPricing({})).toBe('price not listed');
		expect(describeVideoPricing({ megapixels: '1' })).toBe('price in units Maestro cannot read');
	});
});
