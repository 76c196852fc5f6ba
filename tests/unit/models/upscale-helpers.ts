import * as ort from 'onnxruntime-web';
import type { RgbImage } from '../../../scripts/png.mjs';

/** Mirror index without repeating the edge pixel, like realesrgan_preproc.comp. */
function reflect(i: number, size: number): number {
	const a = Math.abs(i);
	return size - 1 - Math.abs(a - (size - 1));
}

/** RGB bytes to a [1, 3, h + 2p, w + 2p] tensor in 0..1, reflect-padded by `pad` pixels. */
export function toPaddedTensor(image: RgbImage, pad: number): ort.Tensor {
	const w = image.width + 2 * pad;
	const h = image.height + 2 * pad;
	const data = new Float32Array(3 * w * h);
	for (let y = 0; y < h; y++) {
		const sy = reflect(y - pad, image.height);
		for (let x = 0; x < w; x++) {
			const sx = reflect(x - pad, image.width);
			for (let c = 0; c < 3; c++) {
				data[c * w * h + y * w + x] =
					(image.data[(sy * image.width + sx) * image.channels + c] ?? 0) / 255;
			}
		}
	}
	return new ort.Tensor('float32', data, [1, 3, h, w]);
}

/** Crop the padding back off a model output and round it to bytes as the reference does. */
export function fromPaddedTensor(
	out: ort.Tensor,
	width: number,
	height: number,
	offset: number
): RgbImage {
	const [, , h, w] = out.dims as number[];
	const values = out.data as Float32Array;
	const data = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			for (let c = 0; c < 3; c++) {
				const v = values[c * (w ?? 0) * (h ?? 0) + (y + offset) * (w ?? 0) + x + offset] ?? 0;
				data[(y * width + x) * 3 + c] = Math.min(255, Math.max(0, Math.floor(v * 255 + 0.5)));
			}
		}
	}
	return { width, height, channels: 3, data };
}

/** Upscale a whole image in one run, with realesrgan-ncnn-vulkan's 10 px reflect padding. */
export async function upscaleWhole(
	session: ort.InferenceSession,
	image: RgbImage,
	scale: number,
	pad = 10
): Promise<RgbImage> {
	const inputName = session.inputNames[0] ?? 'data';
	const outputName = session.outputNames[0] ?? 'output';
	const result = await session.run({ [inputName]: toPaddedTensor(image, pad) });
	const out = result[outputName];
	if (!out) throw new Error(`model produced no ${outputName}`);
	return fromPaddedTensor(out, image.width * scale, image.height * scale, pad * scale);
}

/** Peak signal-to-noise ratio in dB between two same-sized 8-bit images (RGB only). */
export function psnr(a: RgbImage, b: RgbImage): number {
	if (a.width !== b.width || a.height !== b.height) {
		throw new Error(`sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
	}
	let sum = 0;
	const pixels = a.width * a.height;
	for (let p = 0; p < pixels; p++) {
		for (let c = 0; c < 3; c++) {
			const d = (a.data[p * a.channels + c] ?? 0) - (b.data[p * b.channels + c] ?? 0);
			sum += d * d;
		}
	}
	const mse = sum / (pixels * 3);
	return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
