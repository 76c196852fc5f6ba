/** One coded picture of an IVF stream: its time (in the stream's time base) and bytes. */
export interface IvfFrame {
	pts: number;
	data: Uint8Array;
}

/** An IVF stream (what ffmpeg's `-c copy -f ivf` writes for AV1, VP8 and VP9): codec tag, time base, pictures. */
export interface IvfStream {
	fourcc: string;
	/** Seconds per pts tick as [numerator, denominator]. */
	timeBase: readonly [number, number];
	frames: IvfFrame[];
}

const FILE_HEADER = 32;
const FRAME_HEADER = 12;

/** The pictures of an IVF file, or undefined when `bytes` are not one; a cut-off last picture is left out. */
export function parseIvf(bytes: Uint8Array): IvfStream | undefined {
	if (bytes.length < FILE_HEADER) return undefined;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const signature = String.fromCharCode(...bytes.subarray(0, 4));
	if (signature !== 'DKIF') return undefined;
	const headerSize = view.getUint16(6, true) || FILE_HEADER;
	const fourcc = String.fromCharCode(...bytes.subarray(8, 12));
	const den = view.getUint32(16, true);
	const num = view.getUint32(20, true);
	if (!den || !num) return undefined;
	const frames: IvfFrame[] = [];
	for (let at = headerSize; at + FRAME_HEADER <= bytes.length;) {
		const size = view.getUint32(at, true);
		const pts = Number(view.getBigInt64(at + 4, true));
		const start = at + FRAME_HEADER;
		if (start + size > bytes.length) break;
		frames.push({ pts, data: bytes.subarray(start, start + size) });
		at = start + size;
	}
	return { fourcc, timeBase: [num, den], frames };
}
