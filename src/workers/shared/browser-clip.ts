import type { ChangeSeries } from '$lib/media/meta';
import { ChangeMeter, THUMB_HEIGHT, THUMB_WIDTH } from './frame-diff';
import type { IvfStream } from './ivf';

const BT601: VideoColorSpaceInit = {
	matrix: 'smpte170m',
	primaries: 'smpte170m',
	transfer: 'smpte170m',
	fullRange: false
};

/** A coded picture ready for the browser's decoder. */
interface Chunk {
	timestampUs: number;
	key: boolean;
	data: Uint8Array;
}

/**
 * A clip whose pictures the browser decodes (WebCodecs `VideoDecoder`) because the engine cannot:
 * the engine demuxes the stream (`-c copy -f ivf`) and says which pictures are keyframes; this
 * decodes from the keyframe before a wanted time, as a player seeking there would.
 */
export class BrowserClip {
	readonly #chunks: Chunk[];
	readonly #config: VideoDecoderConfig;
	readonly #rotation: number;

	constructor(
		stream: IvfStream,
		keyPts: ReadonlySet<number>,
		codec: string,
		rotation: number,
		coloursNamed: boolean
	) {
		const [num, den] = stream.timeBase;
		this.#chunks = stream.frames.map((frame) => ({
			timestampUs: Math.round((frame.pts * num * 1e6) / den),
			key: keyPts.has(frame.pts),
			data: frame.data
		}));
		if (this.#chunks[0]) this.#chunks[0].key = true;
		// A stream that does not name its colours is converted to RGB as BT.601, limited range,
		// as ffmpeg (native and engine) converts it; one that names them is left to say so.
		this.#config = {
			codec,
			hardwareAcceleration: 'prefer-software',
			...(coloursNamed ? {} : { colorSpace: BT601 })
		};
		this.#rotation = rotation;
	}

	/** Whether this browser says it can decode the stream. */
	static async supports(codec: string): Promise<boolean> {
		if (typeof VideoDecoder === 'undefined') return false;
		try {
			return (await VideoDecoder.isConfigSupported({ codec })).supported === true;
		} catch {
			return false;
		}
	}

	/** Time (s) of the last picture: where the end check looks. */
	get lastTimeS(): number {
		return (this.#chunks.at(-1)?.timestampUs ?? 0) / 1e6;
	}

	/**
	 * The picture shown at `timeS` (the first at or after it, else the last), drawn upright at
	 * `width` x `height` on `canvas`; false when no picture came out.
	 */
	async drawFrameAt(
		timeS: number,
		canvas: OffscreenCanvas,
		width: number,
		height: number
	): Promise<boolean> {
		// Times are kept to the millisecond (frame starts are snapped to it), pictures' to the µs.
		const wantedUs = Math.round(timeS * 1e6) - 500;
		let from = 0;
		let until = this.#chunks.length;
		for (let i = 0; i < this.#chunks.length; i++) {
			const chunk = this.#chunks[i]!;
			if (chunk.timestampUs >= wantedUs) {
				until = i + 1;
				break;
			}
			if (chunk.key) from = i;
		}
		let drawn = false;
		await this.#decode(this.#chunks.slice(from, until), (frame) => {
			// Pictures before the wanted time are drawn too, so the last one stands past the end.
			this.#draw(frame, canvas, width, height);
			drawn = true;
			return frame.timestamp < wantedUs;
		});
		return drawn;
	}

	/** Every picture shrunk to a thumbnail and measured, as the engine's change pass does. */
	async measureChanges(onProgress?: (done: number) => void): Promise<ChangeSeries> {
		const meter = new ChangeMeter();
		const times: number[] = [];
		const canvas = new OffscreenCanvas(THUMB_WIDTH, THUMB_HEIGHT);
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		const rgb = new Uint8Array(THUMB_WIDTH * THUMB_HEIGHT * 3);
		await this.#decode(this.#chunks, (frame) => {
			context.drawImage(frame, 0, 0, THUMB_WIDTH, THUMB_HEIGHT);
			const rgba = context.getImageData(0, 0, THUMB_WIDTH, THUMB_HEIGHT).data;
			for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
				rgb[q] = rgba[p]!;
				rgb[q + 1] = rgba[p + 1]!;
				rgb[q + 2] = rgba[p + 2]!;
			}
			times.push(frame.timestamp / 1e6);
			meter.write(rgb);
			onProgress?.(times.length);
			return true;
		});
		return {
			timesS: Float64Array.from(times),
			scores: Float32Array.from(meter.scores),
			bridges: Float32Array.from(meter.bridges)
		};
	}

	/** How many pictures the clip has. */
	get frameCount(): number {
		return this.#chunks.length;
	}

	#draw(frame: VideoFrame, canvas: OffscreenCanvas, width: number, height: number): void {
		if (canvas.width !== width) canvas.width = width;
		if (canvas.height !== height) canvas.height = height;
		const context = canvas.getContext('2d')!;
		context.save();
		context.translate(width / 2, height / 2);
		context.rotate((this.#rotation * Math.PI) / 180);
		const turned = this.#rotation === 90 || this.#rotation === 270;
		const [w, h] = turned ? [height, width] : [width, height];
		context.drawImage(frame, -w / 2, -h / 2, w, h);
		context.restore();
	}

	/** Decode `chunks` in order, handing each picture to `onFrame` until it returns false. */
	#decode(chunks: Chunk[], onFrame: (frame: VideoFrame) => boolean): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			let wanted = true;
			const decoder = new VideoDecoder({
				output: (frame) => {
					try {
						if (wanted) wanted = onFrame(frame);
					} finally {
						frame.close();
					}
				},
				error: (error) => reject(error)
			});
			decoder.configure(this.#config);
			for (const chunk of chunks) {
				decoder.decode(
					new EncodedVideoChunk({
						type: chunk.key ? 'key' : 'delta',
						timestamp: chunk.timestampUs,
						data: chunk.data
					})
				);
			}
			decoder.flush().then(
				() => {
					decoder.close();
					resolve();
				},
				(error: unknown) => reject(error)
			);
		});
	}
}
